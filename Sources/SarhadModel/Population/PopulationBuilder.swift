import Foundation

/// Builds the synthetic population: residents per province from population shares, households of
/// sizes drawn from the survey distribution, ages from the national distribution, then the settings.
public enum PopulationBuilder {
    /// Residents of each province at the configured scale (rounded; at least one per province).
    public static func residentsPerProvince(_ configuration: ModelConfiguration) -> [Int] {
        let total = configuration.population.nationalTotal * configuration.populationScale
        return configuration.provinceShares.map { max(1, Int((total * $0).rounded())) }
    }

    public static func build(_ configuration: ModelConfiguration, seed: UInt64, threads: Int) -> Population {
        build(configuration, seed: seed, threads: threads, shouldStop: { false })!
    }

    /// Like `build(_:seed:threads:)`, but asks `shouldStop()` before each province's households and
    /// between the later steps, and returns nil once it answers true, so that a cancelled run (the
    /// dashboard's cancel) stops building within a province's work rather than after seconds.
    /// Whether it is asked does not change what is built.
    public static func build(_ configuration: ModelConfiguration, seed: UInt64, threads: Int,
                             shouldStop: @escaping @Sendable () -> Bool) -> Population? {
        let residents = residentsPerProvince(configuration)
        let layout = DistrictLayout(configuration: configuration)
        var starts = [0]
        for count in layout.residents(provinceResidents: residents) { starts.append(starts.last! + count) }
        let districtStart = starts
        let provinceCount = residents.count

        let activityClasses = configuration.contactActivity.classCount
        let population = Population(districtStart: districtStart, districts: layout, activityClasses: activityClasses)
        let provinceStart = population.provinceStart
        // Alias tables and stream keys worked out once: 38 million draws each take one mixing round and
        // no binary search (together a third of the population's construction time).
        let ageTable = AliasTable(weights: configuration.population.ageShares)
        let sizeTable = AliasTable(weights: Array(configuration.population.householdSizeShares.prefix(255)))
        let ageKey = StreamKey(seed: seed, purpose: .memberAge)
        let locations = SharedBuffer(population.location.baseAddress!)
        let ages = SharedBuffer(population.ageBand.baseAddress!)
        let offsets = SharedBuffer(population.householdOffset.baseAddress!)
        let sizes = SharedBuffer(population.householdSize.baseAddress!)
        let activity = SharedBuffer(population.activityClass.baseAddress!)
        let activityKey = StreamKey(seed: seed, purpose: .contactActivity)
        let stopped = StopFlag()
        Parallel.forEach(tasks: provinceCount, threads: threads) { province in
            if stopped.isSet { return }
            if shouldStop() { stopped.set(); return }
            var agent = provinceStart[province]
            var household: UInt64 = 0
            let sizeKey = StreamKey(seed: seed, purpose: .householdSize, day: province)
            // Households are numbered through the province, so a province of one district has exactly the
            // households it had before districts; a district's last household is cut at its boundary.
            for district in layout.districts(ofProvince: province) {
              let end = districtStart[district + 1]
              while agent < end {
                var sizeRandom = CounterRandom(sizeKey, subject: household)
                let size = min(end - agent, 1 + sizeTable.sample(sizeRandom.uniform()))
                for member in 0..<size {
                    let id = agent + member
                    var ageRandom = CounterRandom(ageKey, subject: UInt64(id))
                    ages.base[id] = UInt8(ageTable.sample(ageRandom.uniform()))
                    if activityClasses > 1 {
                        // Equally likely classes; a stream of its own, so the ages and households are those of
                        // a population without activity classes.
                        var activityRandom = CounterRandom(activityKey, subject: UInt64(id))
                        activity.base[id] = UInt8(activityRandom.below(activityClasses))
                    }
                    locations.base[id] = RegionIndex(province)
                    offsets.base[id] = UInt8(member)
                    sizes.base[id] = UInt8(size)
                }
                agent += size
                household += 1
              }
            }
        }

        if stopped.isSet || shouldStop() { return nil }
        population.ageIndexStart = indexByDistrictAndAge(population, threads: threads)
        if shouldStop() { return nil }
        let flags = population.flags
        let location = population.location
        let householdSize = population.householdSize
        let settings = configuration.settings
        let scale = configuration.populationScale

        let idpShares = normalised(settings.idpProvinceWeights)
        var idpGroups = [[UInt32]](repeating: [], count: provinceCount)
        for province in 0..<provinceCount {
            let target = Int((settings.idpSettlementResidents * idpShares[province] * scale).rounded())
            var agent = provinceStart[province]
            let end = provinceStart[province + 1]
            // Whole households at the start of the province live in settlements: in its first district, the
            // provincial centre, where settlements gather (and beyond it only if the centre is too small).
            while idpGroups[province].count < target && agent < end {
                let size = Int(householdSize[agent])
                for member in agent..<min(end, agent + size) {
                    flags[member] |= AgentFlag.idpSettlement
                    idpGroups[province].append(UInt32(member))
                }
                agent += size
            }
        }

        if shouldStop() { return nil }
        let shares = configuration.provinceShares
        var prisonGroups = [[UInt32]](repeating: [], count: provinceCount)
        for province in 0..<provinceCount {
            let target = Int((settings.prisoners * shares[province] * scale).rounded())
            var random = CounterRandom(seed: seed, purpose: .settingSelection, day: 1, subject: UInt64(province))
            for _ in 0..<target {
                guard let agent = pickAdult(province: province, population: population, random: &random) else { break }
                flags[agent] |= AgentFlag.imprisoned
                let prison = random.uniform() < settings.centralPrisonShare ? settings.centralPrisonProvince : province
                location[agent] = RegionIndex(prison)
                prisonGroups[prison].append(UInt32(agent))
            }
        }
        for province in 0..<provinceCount { prisonGroups[province].sort() }

        if shouldStop() { return nil }
        var healthWorkerGroups = [[UInt32]](repeating: [], count: provinceCount)
        for province in 0..<provinceCount {
            let density = settings.healthWorkersPerThousand[province] / 1000
            let target = Int((Double(residents[province]) * density).rounded())
            var random = CounterRandom(seed: seed, purpose: .settingSelection, day: 2, subject: UInt64(province))
            for _ in 0..<target {
                guard let agent = pickAdult(province: province, population: population, random: &random) else { break }
                flags[agent] |= AgentFlag.healthWorker
                healthWorkerGroups[province].append(UInt32(agent))
            }
            healthWorkerGroups[province].sort()
        }

        population.idpSettlementMembers = SettingIndex(groups: idpGroups)
        population.prisonMembers = SettingIndex(groups: prisonGroups)
        population.healthWorkers = SettingIndex(groups: healthWorkerGroups)
        return population
    }

    /// Set once by whichever province task first sees a stop; read by the others.
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }

    /// A random adult (20–59) of the province, in any of its districts, with no setting flag yet; nil
    /// after 64 failed tries. One draw over the province's adults laid end to end, district by district,
    /// so a province of one district draws exactly as before districts.
    static func pickAdult(province: Int, population: Population, bands: ClosedRange<Int> = AgeBands.adultBands,
                          random: inout CounterRandom) -> Int? {
        let byAge = population.agentsByProvinceAge, ageStart = population.ageIndexStart, flags = population.flags
        let districts = population.districts.districts(ofProvince: province)
        var total = 0
        for district in districts {
            total += ageStart[population.cell(district: district, band: bands.upperBound + 1)]
                - ageStart[population.cell(district: district, band: bands.lowerBound)]
        }
        guard total > 0 else { return nil }
        for _ in 0..<64 {
            var position = random.below(total)
            var agent = 0
            for district in districts {
                let low = ageStart[population.cell(district: district, band: bands.lowerBound)]
                let length = ageStart[population.cell(district: district, band: bands.upperBound + 1)] - low
                if position < length { agent = Int(byAge[low + position]); break }
                position -= length
            }
            if flags[agent] & (AgentFlag.imprisoned | AgentFlag.healthWorker | AgentFlag.returnee) == 0 { return agent }
        }
        return nil
    }

    /// Counting sort of agents by (district, age band, activity class); districts are already contiguous.
    static func indexByDistrictAndAge(_ population: Population, threads: Int) -> [Int] {
        let districtStart = population.districtStart
        let classes = population.activityClasses
        let bands = population.cellsPerDistrict
        let ageBand = population.ageBand
        let activityClass = population.activityClass
        let districtCount = population.districts.count
        var counts = [Int](repeating: 0, count: districtCount * bands)
        for district in 0..<districtCount {
            for agent in districtStart[district]..<districtStart[district + 1] {
                counts[district * bands + Int(ageBand[agent]) * classes + Int(activityClass[agent])] += 1
            }
        }
        var start = [Int](repeating: 0, count: counts.count + 1)
        for cell in 0..<counts.count { start[cell + 1] = start[cell] + counts[cell] }
        let cellStart = start
        let index = SharedBuffer(population.agentsByProvinceAge.baseAddress!)
        let ages = SharedBuffer(ageBand.baseAddress!)
        let activities = SharedBuffer(activityClass.baseAddress!)
        Parallel.forEach(tasks: districtCount, threads: threads) { district in
            var cursor = Array(cellStart[(district * bands)..<(district * bands + bands)])
            for agent in districtStart[district]..<districtStart[district + 1] {
                let band = Int(ages.base[agent]) * classes + Int(activities.base[agent])
                index.base[cursor[band]] = UInt32(agent)
                cursor[band] += 1
            }
        }
        return start
    }

    static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total } : weights.map { _ in 0 }
    }
}
