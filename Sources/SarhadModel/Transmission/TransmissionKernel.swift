import Foundation

/// The read-only contact phase of one day: everything a worker thread needs, and nothing it may write.
/// Only transmission events are sampled (thinning): each layer yields Poisson(β · infectiousness ·
/// contact rate · multiplier) candidate contacts, whose target is then drawn and accepted if susceptible.
struct TransmissionKernel: @unchecked Sendable {
    /// Today's transmission streams, keyed once for the day.
    let streams: StreamKey
    let day: Int
    let history: NaturalHistory
    let population: Population
    let provinceCount: Int
    /// Where school, work and community contacts land, among the cells' listed agents.
    let targets: ContactTargets
    /// Listed agents at the front of each (province, age) run of `byAge` (`SusceptibleIndex`).
    let listed: [Int32]
    let acceptance: [Double]
    /// e^(−λ) for every (infectiousness class, layer, age band, province) (`TransmissionRates`).
    let zeroProbability: [Double]
    /// The means λ behind `zeroProbability`, same layout: which layer an event belongs to.
    let eventRate: [Double]
    /// A free agent's chance of a quiet day, by `TransmissionRates.quietIndex`.
    let quietProbability: [Double]
    let prisonOutsideFactor: Double
    /// Share of school, work and community events kept in each district (`Simulation.districtLayerKeep`).
    let districtLayerKeep: [Double]
    let districtCount: Int

    let state: UnsafeMutableBufferPointer<UInt8>
    let flags: UnsafeMutableBufferPointer<UInt8>
    let ageBand: UnsafeMutableBufferPointer<UInt8>
    let location: UnsafeMutableBufferPointer<RegionIndex>
    let householdOffset: UnsafeMutableBufferPointer<UInt8>
    let householdSize: UnsafeMutableBufferPointer<UInt8>
    let activityClass: UnsafeMutableBufferPointer<UInt8>
    /// Activity of each class (`ContactActivityParameters`), `[1]` when all are alike.
    let activityLevels: [Double]
    let byAge: UnsafeMutableBufferPointer<UInt32>
    let ageStart: [Int]
    let idp: SettingIndex
    let prisons: SettingIndex
    let healthWorkers: SettingIndex

    init(simulation: Simulation, day: Int, rates: TransmissionRates) {
        streams = StreamKey(seed: simulation.seed, purpose: .transmission, day: day)
        self.day = day
        history = simulation.history
        population = simulation.population
        provinceCount = simulation.provinceCount
        targets = simulation.contactTargets
        listed = simulation.susceptibleIndex.listed
        acceptance = simulation.acceptance
        prisonOutsideFactor = simulation.configuration.settings.prisonOutsideContactFactor
        districtLayerKeep = simulation.districtLayerKeep
        districtCount = simulation.population.districtCount
        zeroProbability = rates.zeroProbability
        eventRate = rates.eventRate
        quietProbability = rates.quietProbability
        state = population.state
        flags = population.flags
        ageBand = population.ageBand
        location = population.location
        householdOffset = population.householdOffset
        householdSize = population.householdSize
        activityClass = population.activityClass
        activityLevels = simulation.activityLevels
        byAge = population.agentsByProvinceAge
        ageStart = population.ageIndexStart
        idp = population.idpSettlementMembers
        prisons = population.prisonMembers
        healthWorkers = population.healthWorkers
    }

    /// Contact events drawn but not yet checked against their targets. Checking happens in separate
    /// tight loops after all of a chunk's events are drawn, so the processor has many independent
    /// cache misses in flight instead of one dependent chain per contact.
    /// One list of records rather than a list per field: one append (and one uniqueness check) per event.
    struct PendingContacts {
        struct Contact {
            /// For matrix layers first a position in `agentsByProvinceAge`, then the agent.
            var target: UInt32
            var layer: UInt8
            /// A uniform draw for the susceptibility test, taken whether or not it is needed.
            var draw: Double
        }

        var contacts = [Contact]()

        init(capacity: Int) {
            contacts.reserveCapacity(capacity)
        }

        @inline(__always)
        mutating func append(_ target: Int, _ layer: ContactLayer, _ draw: Double) {
            contacts.append(Contact(target: UInt32(target), layer: UInt8(layer.rawValue), draw: draw))
        }
    }

    /// The chunk's candidates and its still-infectious agents, from a segment of the infectious list and the
    /// newly infectious in its range. The list may hold agents whose infectious stage ended in today's
    /// transitions: they are dropped here, where their state is read anyway.
    func chunk(listed: UnsafeBufferPointer<UInt32>, arrivals: Slice<UnsafeBufferPointer<UInt32>>,
               workSpace: KernelWorkSpace) -> KernelChunk {
        let count = listed.count + arrivals.count
        // The worker's buffers, moved out of the class for the task (a class's stored property would be
        // checked for exclusive access on every append) and handed back, emptied, at its end.
        var direct = PendingContacts(capacity: 0), indexed = PendingContacts(capacity: 0)
        var gathered = GatheredTargets()
        swap(&direct, &workSpace.direct)
        swap(&indexed, &workSpace.indexed)
        swap(&gathered, &workSpace.gathered)
        defer {
            direct.contacts.removeAll(keepingCapacity: true)
            indexed.contacts.removeAll(keepingCapacity: true)
            swap(&direct, &workSpace.direct)
            swap(&indexed, &workSpace.indexed)
            swap(&gathered, &workSpace.gathered)
        }
        var stillInfectious = [UInt32]()
        stillInfectious.reserveCapacity(count)
        // The listed and the newly infectious, merged in id order as they are walked.
        var next = 0, nextArrival = arrivals.startIndex
        while next < listed.count || nextArrival < arrivals.endIndex {
            let infector: UInt32
            if nextArrival == arrivals.endIndex || (next < listed.count && listed[next] < arrivals[nextArrival]) {
                infector = listed[next]
                next += 1
            } else {
                infector = arrivals[nextArrival]
                nextArrival += 1
            }
            let agentState = InfectionState(rawValue: state[Int(infector)])!
            guard agentState.isInfectious else { continue }
            stillInfectious.append(infector)
            drawContacts(Int(infector), agentState, direct: &direct, indexed: &indexed)
        }
        return KernelChunk(candidates: candidates(direct: direct, indexed: &indexed, gathered: &gathered),
                           stillInfectious: stillInfectious)
    }

    func candidates(direct: PendingContacts, indexed: inout PendingContacts, gathered: inout GatheredTargets)
        -> [TransmissionCandidate] {
        // Resolve index positions to agents: independent loads, no branches.
        indexed.contacts.withUnsafeMutableBufferPointer { contacts in
            for position in contacts.indices { contacts[position].target = byAge[Int(contacts[position].target)] }
        }
        var found = [TransmissionCandidate]()
        // At most one candidate per contact: one allocation for both lists.
        found.reserveCapacity(direct.contacts.count + indexed.contacts.count)
        appendSusceptible(direct, into: &found, gathered: &gathered)
        appendSusceptible(indexed, into: &found, gathered: &gathered)
        return found
    }

    /// Each target's columns are gathered in loops of independent loads before any branch depends on
    /// one: first every target's state, then the flags, age band and place of the susceptible ones. A
    /// loop that branched on each load would wait for each cache miss in turn (in 38 MB columns read at
    /// random, most are misses).
    func appendSusceptible(_ pending: PendingContacts, into found: inout [TransmissionCandidate], gathered: inout GatheredTargets) {
        let count = pending.contacts.count
        guard count > 0 else { return }
        gathered.reset(capacity: count)
        let susceptibleCount = pending.contacts.withUnsafeBufferPointer { contacts in
            gathered.gather(contacts, state: state, flags: flags, ageBand: ageBand, location: location)
        }
        for slot in 0..<susceptibleCount {
            let contact = pending.contacts[Int(gathered.contact[slot])]
            let target = Int(contact.target)
            let layer = ContactLayer(rawValue: Int(contact.layer))!
            let targetFlags = gathered.flags[slot], targetBand = gathered.ageBand[slot], targetLocation = gathered.location[slot]
            if accept(target, draw: contact.draw, layer: layer, flags: targetFlags, ageBand: targetBand, location: targetLocation) {
                found.append(TransmissionCandidate(
                    target: contact.target, layer: contact.layer,
                    facts: InfectionFacts(target, location: targetLocation, ageBand: targetBand, flags: targetFlags,
                                          population: population, history: history)))
            }
        }
    }

    @inline(__always)
    func drawContacts(_ agent: Int, _ agentState: InfectionState, direct: inout PendingContacts, indexed: inout PendingContacts) {
        let agentFlags = flags[agent]
        if agentFlags & AgentFlag.isolated != 0 { return }
        let infectiousnessClass = switch agentState {
        case .presymptomatic: 0
        case .asymptomatic: 1
        default: 2
        }
        let province = Int(location[agent])
        let band = Int(ageBand[agent])
        let base = (infectiousnessClass * ContactLayer.allCases.count * AgeBands.count + band) * provinceCount + province
        let layerStride = AgeBands.count * provinceCount
        let limit = { (layer: ContactLayer) in self.zeroProbability[base + layer.rawValue * layerStride] }
        if agentState == .severe || agentState == .critical {
            if agentFlags & (AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare) != 0 {
                settingContacts(agent, .healthFacility, limit(.healthFacility), province, healthWorkers, into: &direct)
            } else if agentFlags & AgentFlag.imprisoned != 0 {
                settingContacts(agent, .prison, limit(.prison), province, prisons, into: &direct)
            } else {
                householdContacts(agent, limit(.household), into: &direct)
            }
            return
        }
        if agentFlags & AgentFlag.imprisoned != 0 {
            settingContacts(agent, .prison, limit(.prison), province, prisons, into: &direct)
            // Staff and visitors come from the prison's district, the provincial centre.
            matrixContacts(agent, .community, pow(limit(.community), prisonOutsideFactor), province,
                           district: population.firstDistrict[province], into: &indexed)
            return
        }
        freeContacts(agent, band: band, province: province, flags: agentFlags, infectiousnessClass: infectiousnessClass,
                     zeroIndex: base, layerStride: layerStride, direct: &direct, indexed: &indexed)
    }

    /// The layers of someone living freely, drawn together: one Poisson draw with the summed rate
    /// (e^(−Σλ) = Π e^(−λ_l)), then each event's layer in proportion to its rate. Most infectious
    /// agent-days transmit nothing, and they now cost one stream and one comparison instead of one
    /// per layer; the events themselves have the same distribution as layer-by-layer draws.
    @inline(__always)
    func freeContacts(_ agent: Int, band: Int, province: Int, flags agentFlags: UInt8, infectiousnessClass: Int,
                      zeroIndex base: Int, layerStride: Int, direct: inout PendingContacts, indexed: inout PendingContacts) {
        // Indexing directly: a closure over `self` would copy the kernel (and retain its arrays) per agent.
        let rate = { (layer: ContactLayer) -> Double in eventRate[base + layer.rawValue * layerStride] }
        let inHousehold = householdSize[agent] > 1
        let inSettlement = agentFlags & AgentFlag.idpSettlement != 0 && idp.count(inProvince: province) > 0
        let activity = activityLevels.count > 1 ? Int(activityClass[agent]) : 0
        let quiet = TransmissionRates.quietIndex(activity: activity, infectiousnessClass: infectiousnessClass, band: band,
                                                  province: province, provinceCount: provinceCount,
                                                  inHousehold: inHousehold, inSettlement: inSettlement)
        var random = CounterRandom(streams, subject: UInt64(agent) << 3 | 7)
        let events = random.openingPoisson(zeroProbability: quietProbability[quiet])
        guard events > 0 else { return }
        // Each event's layer in proportion to the layer's rate (a fixed tuple: no heap).
        // The agent's activity scales the layers people choose (times 1 exactly when all are alike).
        let level = activityLevels[activity]
        let district = targets.subdivided ? population.homeDistrict(of: agent) : province
        // With district urban factors, the share of each layer's events the district keeps
        // (`Simulation.districtLayerKeep`): the rest of the layer's slice of the pick is dropped.
        let kept = districtLayerKeep.isEmpty ? (1.0, 1.0, 1.0)
            : (districtLayerKeep[district], districtLayerKeep[districtCount + district], districtLayerKeep[2 * districtCount + district])
        let rates = (inHousehold ? rate(.household) : 0, rate(.school) * level, rate(.work) * level, rate(.community) * level,
                     inSettlement ? rate(.idpSettlement) : 0)
        let total = rates.0 + rates.1 + rates.2 + rates.3 + rates.4
        for _ in 0..<events {
            let pick = random.uniform() * total
            if pick < rates.0 {
                householdTarget(agent, &random, into: &direct)
            } else if pick < rates.0 + rates.1 {
                if pick < rates.0 + rates.1 * kept.0 {
                    matrixTarget(agent, .school, band: band, province, district: district, &random, into: &indexed)
                }
            } else if pick < rates.0 + rates.1 + rates.2 {
                if pick < rates.0 + rates.1 + rates.2 * kept.1 {
                    matrixTarget(agent, .work, band: band, province, district: district, &random, into: &indexed)
                }
            } else if pick < rates.0 + rates.1 + rates.2 + rates.3 || !inSettlement {
                if pick < rates.0 + rates.1 + rates.2 + rates.3 * kept.2 {
                    matrixTarget(agent, .community, band: band, province, district: district, &random, into: &indexed)
                }
            } else {
                settingTarget(.idpSettlement, province, idp, &random, into: &direct)
            }
        }
    }

    @inline(__always)
    func householdTarget(_ agent: Int, _ random: inout CounterRandom, into pending: inout PendingContacts) {
        let size = Int(householdSize[agent])
        let offset = Int(householdOffset[agent])
        var member = random.below(size - 1)
        if member >= offset { member += 1 }
        let target = agent - offset + member
        // A household lies next to its infector in the columns, so its member's state is already in cache:
        // contacts with the immune are dropped here, before their susceptibility draw, rather than listed
        // for the gather (at the epidemic's peak most household contacts meet someone already infected).
        if state[target] == InfectionState.susceptible.rawValue { pending.append(target, .household, random.uniform()) }
    }

    /// The contact's age band, activity class and place are drawn weighted by what is left to find
    /// there (the susceptibility ratio, the activity and the listed share are in the weights and the
    /// event rate), then a listed agent. With districts, the place is the infector's own `district` or,
    /// for the rest, a province and one of its districts (`ContactTargets`).
    @inline(__always)
    func matrixTarget(_ agent: Int, _ layer: ContactLayer, band: Int, _ province: Int, district: Int,
                      _ random: inout CounterRandom, into pending: inout PendingContacts) {
        let contactCell = AliasTable.sample(random.uniform(), keep: targets.bandKeep, alias: targets.bandAlias,
                                            from: targets.bandRow(layer, band: band, province: province), count: targets.cells)
        let cell: Int
        if !targets.subdivided {
            let destination = layer == .school ? province
                : AliasTable.sample(random.uniform(), keep: targets.destinationKeep, alias: targets.destinationAlias,
                                    from: targets.destinationRow(province: province, contactCell: contactCell), count: provinceCount)
            cell = destination * targets.cells + contactCell
        } else if case let draw = random.uniform(),
                  case let local = targets.localChance[targets.localChanceIndex(layer, province: province, contactCell: contactCell)],
                  draw < local {
            // Drawn under the province's bound on local shares: kept as often as this district has left
            // (the same uniform, below local × acceptance, decides both).
            guard draw < local * targets.localAcceptance[district * targets.cells + contactCell] else { return }
            cell = district * targets.cells + contactCell
        } else {
            let destination = layer == .school ? province
                : AliasTable.sample(random.uniform(), keep: targets.destinationKeep, alias: targets.destinationAlias,
                                    from: targets.destinationRow(province: province, contactCell: contactCell), count: provinceCount)
            let first = targets.firstDistrict[destination], districts = targets.firstDistrict[destination + 1] - first
            let landing = districts == 1 ? first
                : first + AliasTable.sample(random.uniform(), keep: targets.districtKeep, alias: targets.districtAlias,
                                            from: targets.districtRow(province: destination, contactCell: contactCell),
                                            count: districts)
            cell = landing * targets.cells + contactCell
        }
        let available = Int(listed[cell])
        guard available > 0 else { return }
        pending.append(ageStart[cell] + random.below(available), layer, random.uniform())
    }

    @inline(__always)
    func settingTarget(_ layer: ContactLayer, _ province: Int, _ setting: SettingIndex, _ random: inout CounterRandom,
                       into pending: inout PendingContacts) {
        let available = setting.count(inProvince: province)
        let low = setting.start[province]
        pending.append(Int(setting.members[low + random.below(available)]), layer, random.uniform())
    }

    @inline(__always)
    func random(_ agent: Int, _ layer: ContactLayer) -> CounterRandom {
        CounterRandom(streams, subject: UInt64(agent) << 3 | UInt64(layer.rawValue))
    }

    /// Accepts a drawn contact if the target is here, susceptible, and not spared by lower susceptibility
    /// (for the matrix layers already weighed in where the contact landed).
    /// Prisoners are met from outside only through staff and visitors, at `prisonOutsideFactor` of the usual rate.
    @inline(__always)
    func accept(_ target: Int, draw: Double, layer: ContactLayer, flags targetFlags: UInt8, ageBand targetBand: UInt8,
                location targetLocation: RegionIndex) -> Bool {
        if targetFlags & (AgentFlag.unreachable & ~AgentFlag.imprisoned) != 0 { return false }
        var threshold = ContactTargets.landsByWeight(layer) ? 1 : acceptance[Int(targetBand)]
        if layer == .prison {
            guard targetFlags & AgentFlag.imprisoned != 0 else { return false }
        } else if targetFlags & AgentFlag.imprisoned != 0 {
            // Met from outside only in the prison's own province, through staff and visitors.
            guard layer != .household, Int(targetLocation) == population.homeProvince(of: target) else { return false }
            threshold *= prisonOutsideFactor
        }
        return draw < threshold
    }

    @inline(__always)
    func householdContacts(_ agent: Int, _ zeroProbability: Double, into pending: inout PendingContacts) {
        let size = Int(householdSize[agent])
        guard size > 1 else { return }
        var random = random(agent, .household)
        let events = random.poisson(zeroProbability: zeroProbability)
        for _ in 0..<events { householdTarget(agent, &random, into: &pending) }
    }

    @inline(__always)
    func matrixContacts(_ agent: Int, _ layer: ContactLayer, _ zeroProbability: Double, _ province: Int, district: Int,
                        into pending: inout PendingContacts) {
        let band = Int(ageBand[agent])
        var random = random(agent, layer)
        let events = random.poisson(zeroProbability: zeroProbability)
        let keep = districtLayerKeep.isEmpty ? 1 : districtLayerKeep[ContactTargets.slot(layer) * districtCount + district]
        for _ in 0..<events where keep >= 1 || random.uniform() < keep {
            matrixTarget(agent, layer, band: band, province, district: district, &random, into: &pending)
        }
    }

    @inline(__always)
    func settingContacts(_ agent: Int, _ layer: ContactLayer, _ zeroProbability: Double, _ province: Int,
                         _ setting: SettingIndex, into pending: inout PendingContacts) {
        let available = setting.count(inProvince: province)
        guard available > 0 else { return }
        var random = random(agent, layer)
        let events = random.poisson(zeroProbability: zeroProbability)
        for _ in 0..<events { settingTarget(layer, province, setting, &random, into: &pending) }
    }
}

/// One worker thread's buffers for the contact phase, kept from task to task and day to day: tasks are
/// small (a segment of the infectious list), and allocating their lists afresh cost more in the
/// allocator than filling them.
final class KernelWorkSpace: @unchecked Sendable {
    var direct = TransmissionKernel.PendingContacts(capacity: 0)
    var indexed = TransmissionKernel.PendingContacts(capacity: 0)
    var gathered = GatheredTargets()
}

/// Work space of `appendSusceptible`, reused across a chunk's two contact lists: the targets' states,
/// then, for the susceptible ones, which contact it was and the target's flags, age band and place.
struct GatheredTargets {
    var states: [UInt8] = []
    var contact: [Int32] = []
    var flags: [UInt8] = []
    var ageBand: [UInt8] = []
    var location: [RegionIndex] = []

    /// Makes room for `capacity` targets, keeping the buffers of earlier calls when they are big enough.
    mutating func reset(capacity: Int) {
        guard states.count < capacity else { return }
        states = [UInt8](repeating: 0, count: capacity)
        contact = [Int32](repeating: 0, count: capacity)
        flags = [UInt8](repeating: 0, count: capacity)
        ageBand = [UInt8](repeating: 0, count: capacity)
        location = [RegionIndex](repeating: 0, count: capacity)
    }

    /// Returns how many targets are susceptible; their slots come first, in contact order.
    mutating func gather(_ contacts: UnsafeBufferPointer<TransmissionKernel.PendingContacts.Contact>,
                         state: UnsafeMutableBufferPointer<UInt8>, flags agentFlags: UnsafeMutableBufferPointer<UInt8>,
                         ageBand agentBand: UnsafeMutableBufferPointer<UInt8>,
                         location agentLocation: UnsafeMutableBufferPointer<RegionIndex>) -> Int {
        let count = contacts.count
        var susceptible = 0
        states.withUnsafeMutableBufferPointer { states in
            for index in 0..<count { states[index] = state[Int(contacts[index].target)] }
            contact.withUnsafeMutableBufferPointer { contact in
                for index in 0..<count {
                    contact[susceptible] = Int32(index)
                    susceptible += states[index] == InfectionState.susceptible.rawValue ? 1 : 0
                }
            }
        }
        let found = susceptible
        contact.withUnsafeBufferPointer { contact in
            flags.withUnsafeMutableBufferPointer { flags in
                for slot in 0..<found { flags[slot] = agentFlags[Int(contacts[Int(contact[slot])].target)] }
            }
            ageBand.withUnsafeMutableBufferPointer { ageBand in
                for slot in 0..<found { ageBand[slot] = agentBand[Int(contacts[Int(contact[slot])].target)] }
            }
            location.withUnsafeMutableBufferPointer { location in
                for slot in 0..<found { location[slot] = agentLocation[Int(contacts[Int(contact[slot])].target)] }
            }
        }
        return susceptible
    }
}
