/// A region's (province's) index in an agent's column: two bytes, so a country may have up to 65,535
/// regions (a country's districts, hundreds of them, may be its regions); one byte held only 256.
public typealias RegionIndex = UInt16

/// Every resident, as a struct of arrays. Agents are stored province by province, within a province
/// district by district (`DistrictLayout`), and within a district household by household, so a
/// household is a contiguous range found from two bytes.
///
/// The columns are manually allocated buffers owned by this object: their addresses never move,
/// so the engine's worker threads can read them without copying or re-borrowing per phase.
public final class Population: @unchecked Sendable {
    public let count: Int
    public let provinceCount: Int
    /// First agent of each province, plus `count` at the end.
    public let provinceStart: [Int]
    /// The districts, numbered nationally; a province's districts are consecutive.
    public let districts: DistrictLayout
    /// First agent of each district, plus `count` at the end.
    public let districtStart: [Int]
    /// `districts`' facts the hot loops read, stored flat: reading them through the layout struct
    /// would retain and release its arrays on every call.
    public let districtCount: Int
    public let isSubdivided: Bool
    /// First district of each province (its centre), plus `districtCount` at the end.
    public let firstDistrict: [Int]
    /// Province the agent is in now (a prisoner's prison province); home is given by `provinceStart`.
    public let location: UnsafeMutableBufferPointer<RegionIndex>
    public let ageBand: UnsafeMutableBufferPointer<UInt8>
    public let state: UnsafeMutableBufferPointer<UInt8>
    public let flags: UnsafeMutableBufferPointer<UInt8>
    /// Position of the agent within its household and the household's size.
    public let householdOffset: UnsafeMutableBufferPointer<UInt8>
    public let householdSize: UnsafeMutableBufferPointer<UInt8>

    /// The agent's contact-activity class (`ContactActivityParameters`), 0 when activity is uniform.
    public let activityClass: UnsafeMutableBufferPointer<UInt8>
    /// Classes in `activityClass`; 1 when everyone is alike.
    public let activityClasses: Int

    /// Agents sorted by (home district, age band, activity class); `ageIndexStart[cell(d, a, c)]` opens
    /// each run, so a (district, age band) is the contiguous run from `cell(d, a, 0)` to `cell(d, a + 1, 0)`,
    /// and a province's agents are the run from its first district's first cell to the next province's.
    /// (Without districts a district is its province.)
    public let agentsByProvinceAge: UnsafeMutableBufferPointer<UInt32>
    public internal(set) var ageIndexStart: [Int] = []

    /// Cells of `agentsByProvinceAge` per district: age bands × activity classes.
    public var cellsPerDistrict: Int { AgeBands.count * activityClasses }

    @inline(__always)
    public func cell(district: Int, band: Int, activity: Int = 0) -> Int {
        (district * AgeBands.count + band) * activityClasses + activity
    }

    /// Members of settings, grouped by province: `members[start[p] ..< start[p + 1]]`.
    public internal(set) var idpSettlementMembers = SettingIndex(members: [], start: [])
    public internal(set) var prisonMembers = SettingIndex(members: [], start: [])
    public internal(set) var healthWorkers = SettingIndex(members: [], start: [])

    init(districtStart: [Int], districts: DistrictLayout, activityClasses: Int = 1) {
        precondition(districtStart.count == districts.count + 1, "one start per district and the end")
        self.districtStart = districtStart
        self.districts = districts
        districtCount = districts.count
        isSubdivided = districts.isSubdivided
        firstDistrict = districts.firstDistrict
        provinceStart = districts.firstDistrict.map { districtStart[$0] }
        self.activityClasses = activityClasses
        let agents = districtStart.last ?? 0
        count = agents
        provinceCount = provinceStart.count - 1
        func column<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
            let buffer = LargePages.allocate(T.self, count: agents)
            buffer.initialize(repeating: value)
            return buffer
        }
        // Columns the builder (or `restore`) writes for every agent are left to it: it touches their
        // pages on both threads, where initialising them here would touch them all on one first.
        func writtenByBuilder<T>(_: T.Type) -> UnsafeMutableBufferPointer<T> {
            LargePages.allocate(T.self, count: agents)
        }
        location = writtenByBuilder(RegionIndex.self)
        ageBand = writtenByBuilder(UInt8.self)
        state = column(InfectionState.susceptible.rawValue)
        flags = column(0)
        householdOffset = writtenByBuilder(UInt8.self)
        householdSize = writtenByBuilder(UInt8.self)
        activityClass = column(0)
        agentsByProvinceAge = writtenByBuilder(UInt32.self)
    }

    deinit {
        LargePages.deallocate(location)
        LargePages.deallocate(ageBand)
        LargePages.deallocate(state)
        LargePages.deallocate(flags)
        LargePages.deallocate(householdOffset)
        LargePages.deallocate(householdSize)
        LargePages.deallocate(activityClass)
        LargePages.deallocate(agentsByProvinceAge)
    }

    public func homeProvince(of agent: Int) -> Int {
        Population.run(containing: agent, starts: provinceStart, runs: provinceCount)
    }

    /// The last of the first `runs` runs whose start is at or before `agent` (binary search).
    @inline(__always)
    static func run(containing agent: Int, starts: [Int], runs: Int) -> Int {
        var low = 0
        var high = runs - 1
        while low < high {
            let middle = (low + high + 1) >> 1
            if starts[middle] <= agent { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The district the agent lives in (a prisoner's home district, not the prison's).
    @inline(__always)
    public func homeDistrict(of agent: Int) -> Int {
        Population.run(containing: agent, starts: districtStart, runs: districtCount)
    }

    public func residents(ofDistrict district: Int) -> Int {
        districtStart[district + 1] - districtStart[district]
    }

    public func residents(ofProvince province: Int) -> Int {
        provinceStart[province + 1] - provinceStart[province]
    }

    /// Bytes held per agent: seven one-byte columns and the four-byte age index.
    public static let bytesPerAgent = 7 + 4
}

/// Agents of one setting grouped by province.
public struct SettingIndex: Sendable {
    public var members: [UInt32]
    public var start: [Int]

    public init(members: [UInt32], start: [Int]) {
        self.members = members
        self.start = start
    }

    public init(groups: [[UInt32]]) {
        var members = [UInt32]()
        var start = [0]
        for group in groups {
            members += group
            start.append(members.count)
        }
        self.init(members: members, start: start)
    }

    public func count(inProvince province: Int) -> Int { start[province + 1] - start[province] }
}

extension Population {
    /// A fresh copy of every column and index: one population can be built once and reused by many
    /// runs (calibration particles) that each change their own copy.
    public func copy() -> Population {
        let copy = Population(districtStart: districtStart, districts: districts, activityClasses: activityClasses)
        copy.restore(from: self)
        return copy
    }

    /// Overwrites every column and index with `template`'s (same district sizes): reusing buffers
    /// that are already mapped costs a memory copy and no page faults.
    public func restore(from template: Population) {
        precondition(template.districtStart == districtStart && template.activityClasses == activityClasses,
                     "a population restores only from one of the same shape")
        location.baseAddress!.update(from: template.location.baseAddress!, count: count)
        for (source, target) in [(template.ageBand, ageBand), (template.state, state),
                                 (template.flags, flags), (template.householdOffset, householdOffset),
                                 (template.householdSize, householdSize), (template.activityClass, activityClass)] {
            target.baseAddress!.update(from: source.baseAddress!, count: count)
        }
        agentsByProvinceAge.baseAddress!.update(from: template.agentsByProvinceAge.baseAddress!, count: count)
        ageIndexStart = template.ageIndexStart
        idpSettlementMembers = template.idpSettlementMembers
        prisonMembers = template.prisonMembers
        healthWorkers = template.healthWorkers
    }
}
