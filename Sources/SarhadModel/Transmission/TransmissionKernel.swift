/// The read-only contact phase of one day: everything a worker thread needs, and nothing it may write.
/// Only transmission events are sampled (thinning): each layer yields Poisson(β · infectiousness ·
/// contact rate · multiplier) candidate contacts, whose target is then drawn and accepted if susceptible.
struct TransmissionKernel: @unchecked Sendable {
    let seed: UInt64
    let day: Int
    let beta: Double
    let relativeInfectiousnessPresymptomatic: Double
    let relativeInfectiousnessAsymptomatic: Double
    let provinceCount: Int
    /// Cumulative row distributions, `[(layer * 16 + band) * 16 + contactBand]`, for matrix layers.
    let contactCumulative: [Double]
    /// Row totals, `[layer * 16 + band]`.
    let contactRates: [Double]
    /// Cumulative mobility rows, `[province * provinceCount + destination]`.
    let mobilityCumulative: [Double]
    /// Today's multipliers, `[layer * provinceCount + province]`.
    let multipliers: [Double]
    let acceptance: [Double]
    let idpRate: Double
    let prisonRate: Double
    let healthFacilityRate: Double
    let prisonOutsideFactor: Double

    let state: UnsafeMutableBufferPointer<UInt8>
    let flags: UnsafeMutableBufferPointer<UInt8>
    let ageBand: UnsafeMutableBufferPointer<UInt8>
    let location: UnsafeMutableBufferPointer<UInt8>
    let householdOffset: UnsafeMutableBufferPointer<UInt8>
    let householdSize: UnsafeMutableBufferPointer<UInt8>
    let byAge: UnsafeMutableBufferPointer<UInt32>
    let ageStart: [Int]
    let idp: SettingIndex
    let prisons: SettingIndex
    let healthWorkers: SettingIndex

    init(simulation: Simulation, day: Int) {
        let configuration = simulation.configuration
        let population = simulation.population
        seed = simulation.seed
        self.day = day
        beta = simulation.beta
        relativeInfectiousnessPresymptomatic = configuration.disease.relativeInfectiousnessPresymptomatic
        relativeInfectiousnessAsymptomatic = configuration.disease.relativeInfectiousnessAsymptomatic
        provinceCount = simulation.provinceCount
        contactCumulative = simulation.contactTables.flatMap { $0.flatMap(\.cumulative) }
        contactRates = simulation.contactRates.flatMap { $0 }
        mobilityCumulative = simulation.mobilityTables.flatMap(\.cumulative)
        multipliers = simulation.layerMultiplier.flatMap { $0 }
        acceptance = simulation.susceptibility.map { $0 / simulation.maximumSusceptibility }
        let settings = configuration.settings
        idpRate = settings.idpContactsPerDay
        prisonRate = settings.prisonContactsPerDay
        prisonOutsideFactor = settings.prisonOutsideContactFactor
        healthFacilityRate = settings.patientHealthWorkerContactsPerDay * (1 - settings.protectiveEquipmentEfficacy)
        state = population.state
        flags = population.flags
        ageBand = population.ageBand
        location = population.location
        householdOffset = population.householdOffset
        householdSize = population.householdSize
        byAge = population.agentsByProvinceAge
        ageStart = population.ageIndexStart
        idp = population.idpSettlementMembers
        prisons = population.prisonMembers
        healthWorkers = population.healthWorkers
    }

    func candidates(from infectors: Slice<UnsafeBufferPointer<UInt32>>) -> [TransmissionCandidate] {
        var found = [TransmissionCandidate]()
        for infector in infectors {
            let agent = Int(infector)
            let agentFlags = flags[agent]
            if agentFlags & AgentFlag.isolated != 0 { continue }
            let agentState = InfectionState(rawValue: state[agent])!
            let infectiousness: Double = switch agentState {
            case .presymptomatic: relativeInfectiousnessPresymptomatic
            case .asymptomatic: relativeInfectiousnessAsymptomatic
            default: 1
            }
            let force = beta * infectiousness
            let province = Int(location[agent])
            if agentState == .severe || agentState == .critical {
                if agentFlags & (AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare) != 0 {
                    settingContacts(agent, .healthFacility, force * healthFacilityRate, province, healthWorkers,
                                    into: &found)
                } else {
                    householdContacts(agent, force, province, into: &found)
                }
                continue
            }
            if agentFlags & AgentFlag.imprisoned != 0 {
                settingContacts(agent, .prison, force * prisonRate, province, prisons, into: &found)
                matrixContacts(agent, .community, force * prisonOutsideFactor, province, into: &found)
                continue
            }
            householdContacts(agent, force, province, into: &found)
            matrixContacts(agent, .school, force, province, into: &found)
            matrixContacts(agent, .work, force, province, into: &found)
            matrixContacts(agent, .community, force, province, into: &found)
            if agentFlags & AgentFlag.idpSettlement != 0 {
                settingContacts(agent, .idpSettlement, force * idpRate, province, idp, into: &found)
            }
        }
        return found
    }

    @inline(__always)
    func random(_ agent: Int, _ layer: ContactLayer) -> CounterRandom {
        CounterRandom(seed: seed, purpose: .transmission, day: day, subject: UInt64(agent) << 3 | UInt64(layer.rawValue))
    }

    @inline(__always)
    func multiplier(_ layer: ContactLayer, _ province: Int) -> Double {
        multipliers[layer.rawValue * provinceCount + province]
    }

    /// Accepts a drawn contact if the target is here, susceptible, and not spared by lower susceptibility.
    /// Prisoners are met from outside only through staff and visitors, at `prisonOutsideFactor` of the usual rate.
    @inline(__always)
    func accept(_ target: Int, _ random: inout CounterRandom, layer: ContactLayer) -> Bool {
        guard state[target] == InfectionState.susceptible.rawValue else { return false }
        let targetFlags = flags[target]
        if targetFlags & (AgentFlag.unreachable & ~AgentFlag.imprisoned) != 0 { return false }
        var threshold = acceptance[Int(ageBand[target])]
        if layer == .prison {
            guard targetFlags & AgentFlag.imprisoned != 0 else { return false }
        } else if targetFlags & AgentFlag.imprisoned != 0 {
            guard layer != .household else { return false }
            threshold *= prisonOutsideFactor
        }
        return threshold >= 1 || random.uniform() < threshold
    }

    @inline(__always)
    func householdContacts(_ agent: Int, _ force: Double, _ province: Int, into found: inout [TransmissionCandidate]) {
        let size = Int(householdSize[agent])
        guard size > 1 else { return }
        let band = Int(ageBand[agent])
        var random = random(agent, .household)
        let events = random.poisson(force * contactRates[band] * multiplier(.household, province))
        guard events > 0 else { return }
        let offset = Int(householdOffset[agent])
        let first = agent - offset
        for _ in 0..<events {
            var member = random.below(size - 1)
            if member >= offset { member += 1 }
            let target = first + member
            if accept(target, &random, layer: .household) {
                found.append(TransmissionCandidate(target: UInt32(target), layer: UInt8(ContactLayer.household.rawValue)))
            }
        }
    }

    @inline(__always)
    func matrixContacts(_ agent: Int, _ layer: ContactLayer, _ force: Double, _ province: Int,
                        into found: inout [TransmissionCandidate]) {
        let band = Int(ageBand[agent])
        let row = layer.rawValue * AgeBands.count + band
        var random = random(agent, layer)
        let events = random.poisson(force * contactRates[row] * multiplier(layer, province))
        guard events > 0 else { return }
        let rowStart = row * AgeBands.count
        for _ in 0..<events {
            let contactBand = sample(contactCumulative, from: rowStart, count: AgeBands.count, random.uniform())
            let destination = layer == .school ? province
                : sample(mobilityCumulative, from: province * provinceCount, count: provinceCount, random.uniform())
            let cell = destination * AgeBands.count + contactBand
            let low = ageStart[cell]
            let available = ageStart[cell + 1] - low
            guard available > 0 else { continue }
            let target = Int(byAge[low + random.below(available)])
            if accept(target, &random, layer: layer) {
                found.append(TransmissionCandidate(target: UInt32(target), layer: UInt8(layer.rawValue)))
            }
        }
    }

    @inline(__always)
    func settingContacts(_ agent: Int, _ layer: ContactLayer, _ rate: Double, _ province: Int, _ setting: SettingIndex,
                         into found: inout [TransmissionCandidate]) {
        let available = setting.count(inProvince: province)
        guard available > 0 else { return }
        var random = random(agent, layer)
        let events = random.poisson(rate * multiplier(layer, province))
        guard events > 0 else { return }
        let low = setting.start[province]
        for _ in 0..<events {
            let target = Int(setting.members[low + random.below(available)])
            if target != agent, accept(target, &random, layer: layer) {
                found.append(TransmissionCandidate(target: UInt32(target), layer: UInt8(layer.rawValue)))
            }
        }
    }

    /// Index of the first cumulative weight above `u` within one row.
    @inline(__always)
    func sample(_ cumulative: [Double], from start: Int, count: Int, _ u: Double) -> Int {
        var low = 0
        var high = count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[start + middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
