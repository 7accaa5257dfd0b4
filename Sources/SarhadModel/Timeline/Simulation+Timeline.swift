extension Simulation {
    /// Applies the events that start today (or, on day 0, any dated before the run) and recomputes
    /// today's contact multipliers. Compliance with a measure scales with province access:
    /// an effective multiplier is 1 − (1 − m) · access.
    func applyTimeline(day: Int) {
        let today = configuration.date(ofDay: day)
        let startsToday = configuration.timeline
            .filter { $0.date == today || (day == 0 && $0.date < configuration.startDate) }
            .sorted { $0.date < $1.date }
        for event in startsToday {
            switch event.action {
            case .contactMultiplier:
                break
            case .border(let open):
                border.open = open
            case .screening(let enabled, let sensitivity):
                border.screeningEnabled = enabled
                if let sensitivity { border.screeningSensitivity = sensitivity }
            case .quarantine(let enabled, let days, let adherence):
                border.quarantineEnabled = enabled
                if let days { border.quarantineDays = days }
                if let adherence { border.quarantineAdherence = adherence }
            case .testCapacity(let perDay, let laboratory):
                testing.apply(perDay: perDay, laboratory: laboratory)
            case .healthCapacity(let beds, let intensiveCare, let provinces):
                for province in provinces ?? Array(0..<provinceCount) {
                    bedMultiplier[province] *= beds
                    intensiveCareMultiplier[province] *= intensiveCare
                }
                updateCapacities()
            case .prisonerRelease(let count):
                releasePrisoners(count: count, day: day)
            }
        }

        // Each province's own mix of town and village before any measure (all 1 without it).
        layerMultiplier = baselineMultipliers
        for event in configuration.timeline where event.isActive(on: today) {
            guard case .contactMultiplier(let layers, let provinces, let multiplier) = event.action else { continue }
            for layer in layers {
                for province in provinces ?? Array(0..<provinceCount) {
                    let effective = 1 - (1 - multiplier) * access[province]
                    layerMultiplier[layer.rawValue][province] *= max(0, effective)
                }
            }
        }
        applyBehaviour(day: day)
    }

    /// Contacts outside the home fall as the province's recent deaths rise (`BehaviourParameters`).
    func applyBehaviour(day: Int) {
        let behaviour = configuration.behaviour
        guard behaviour.enabled else { return }
        for province in 0..<provinceCount {
            var recent: Int64 = 0
            for past in max(0, day - behaviour.windowDays)..<day { recent += ledger.value(.deaths, day: past, province: province) }
            let factor = behaviour.multiplier(recentDeaths: Double(recent), residents: Double(serosurvey.residents[province]))
            for layer in BehaviourParameters.respondingLayers { layerMultiplier[layer.rawValue][province] *= factor }
        }
    }

    func updateCapacities() {
        let scale = configuration.populationScale
        let beds = HealthSystemParameters.scaledPlaces(configuration.health.beds, multipliers: bedMultiplier, scale: scale)
        let intensiveCare = HealthSystemParameters.scaledPlaces(configuration.health.intensiveCare,
                                                               multipliers: intensiveCareMultiplier, scale: scale)
        for province in 0..<provinceCount {
            ledger.bedCapacity[province] = beds[province]
            ledger.intensiveCareCapacity[province] = intensiveCare[province]
        }
    }

    /// Sends `count` (population scale 1) prisoners, chosen at random among those still held, home.
    func releasePrisoners(count: Int, day: Int) {
        // Patients stay in their prison's hospital until discharge, so beds stay counted where they are.
        var held = population.prisonMembers.members.filter {
            let flags = population.flags[Int($0)]
            return flags & AgentFlag.imprisoned != 0 && flags & (AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare) == 0
        }
        held.sort()
        let scaled = Double(count) * configuration.populationScale
        var random = CounterRandom(seed: seed, purpose: .prisonerRelease, day: day)
        let releasing = min(held.count, Int(scaled) + (random.uniform() < scaled - scaled.rounded(.down) ? 1 : 0))
        var movedHome = [Int: RegionIndex]()
        for index in 0..<releasing {
            let pick = index + random.below(held.count - index)
            held.swapAt(index, pick)
            let agent = Int(held[index])
            population.flags[agent] &= ~AgentFlag.imprisoned
            let home = population.homeProvince(of: agent)
            let previous = Int(population.location[agent])
            population.location[agent] = RegionIndex(home)
            if previous != home { movedHome[agent] = RegionIndex(home) }
            moveStocks(of: agent, from: previous, to: home)
            add(.prisonersReleased, day: day, province: home)
        }
        relocateQueuedStageEnds(of: movedHome, from: day)
    }

    /// Keeps per-province stocks right when an infected agent changes province.
    func moveStocks(of agent: Int, from old: Int, to new: Int) {
        guard old != new, let state = InfectionState(rawValue: population.state[agent]) else { return }
        if state.isInfectious {
            ledger.infectious[old] -= 1
            ledger.infectious[new] += 1
        }
        if state == .severe {
            ledger.severe[old] -= 1
            ledger.severe[new] += 1
        }
        if state == .critical {
            ledger.critical[old] -= 1
            ledger.critical[new] += 1
        }
    }
}
