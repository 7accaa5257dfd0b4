import SarhadModel

extension MeanFieldRun {
    /// The agent model's `applyTimeline`, event for event: today's events (and, on day 0, any dated
    /// before the run) change the border, testing and beds; contact multipliers are recomputed from all
    /// active events, with compliance scaled by access: effective = 1 − (1 − m) · access.
    func applyTimeline(day: Int) {
        let provinces = inputs.provinceCount
        let today = configuration.date(ofDay: day)
        let startsToday = configuration.timeline
            .filter { $0.date == today || (day == 0 && $0.date < configuration.startDate) }
            .sorted { $0.date < $1.date }
        for event in startsToday {
            switch event.action {
            case .contactMultiplier:
                break
            case .border(let open):
                conditions.border.open = open
            case .screening(let enabled, let sensitivity):
                conditions.border.screeningEnabled = enabled
                if let sensitivity { conditions.border.screeningSensitivity = sensitivity }
            case .quarantine(let enabled, let days, let adherence):
                conditions.border.quarantineEnabled = enabled
                if let days { conditions.border.quarantineDays = days }
                if let adherence { conditions.border.quarantineAdherence = adherence }
            case .testCapacity(let perDay, let laboratory):
                conditions.testing.apply(perDay: perDay, laboratory: laboratory)
            case .healthCapacity(let beds, let intensiveCare, let affected):
                for province in affected ?? Array(0..<provinces) {
                    conditions.bedMultiplier[province] *= beds
                    conditions.intensiveCareMultiplier[province] *= intensiveCare
                }
                conditions.updateCapacities(configuration)
            case .prisonerRelease(let count):
                releasePrisoners(count: count, day: day)
            }
        }

        // Each province's own mix of town and village before any measure (all 1 without it), as the agents have it.
        for (layer, row) in baselineMultipliers.enumerated() {
            for province in 0..<provinces { conditions.multiplier[layer * provinces + province] = row[province] }
        }
        for event in configuration.timeline where event.isActive(on: today) {
            guard case .contactMultiplier(let layers, let affected, let multiplier) = event.action else { continue }
            for layer in layers {
                for province in affected ?? Array(0..<provinces) {
                    let effective = 1 - (1 - multiplier) * inputs.access[province]
                    conditions.multiplier[layer.rawValue * provinces + province] *= max(0, effective)
                }
            }
        }
        applyBehaviour(day: day)
        if transmissionFactor != 1 {
            for index in conditions.multiplier.indices { conditions.multiplier[index] *= transmissionFactor }
        }
    }

    /// The agent model's behaviour response, fed by the twin's expected deaths and residents.
    func applyBehaviour(day: Int) {
        let behaviour = configuration.behaviour, provinces = inputs.provinceCount
        guard behaviour.enabled else { return }
        for province in 0..<provinces {
            var recent = 0.0
            for past in max(0, day - behaviour.windowDays)..<day { recent += expectedValue(.deaths, day: past, province: province) }
            // The agents see whole deaths: the expectation of their response, not the response to the mean.
            let factor = behaviour.expectedMultiplier(meanRecentDeaths: recent, residents: residentsAlive[province])
            for layer in BehaviourParameters.respondingLayers { conditions.multiplier[layer.rawValue * provinces + province] *= factor }
        }
    }

    /// The twin has no prison layer, so a release changes nobody's contacts; it is only counted, going
    /// home in proportion to the prisoners still held from each province, as the agent model picks them.
    func releasePrisoners(count: Int, day: Int) {
        let held = conditions.prisonersHeld.reduce(0, +)
        guard held > 0 else { return }
        let releasing = min(held, Double(count) * inputs.scale)
        for province in 0..<inputs.provinceCount {
            let released = releasing * conditions.prisonersHeld[province] / held
            conditions.prisonersHeld[province] -= released
            dayFlows[flows.index(.prisonersReleased, province)] += released
        }
    }
}
