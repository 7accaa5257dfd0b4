/// Which part of each (home district, age band, activity class) run of `agentsByProvinceAge` can still hold a
/// susceptible agent: the first `listed[cell]` positions. Every susceptible agent of the cell is among
/// them; some listed agents may have been infected since. Contacts into a cell are drawn among its listed
/// agents only, at a rate scaled by the listed share (`ContactTargets`), so the immune majority of a
/// late epidemic costs no draws.
///
/// Compaction is batched: every compaction changes listed shares, and then the contact tables are rebuilt
/// (a fixed cost, whatever the population). Cells are compacted when a tenth of all listed agents, or half
/// of one cell's, are no longer susceptible; then every cell more than 5 % stale is. That is about twenty
/// rebuilds in an epidemic that reaches most people, instead of one a day.
///
/// Agents never become susceptible again, so dropping the non-susceptible ones keeps the invariant.
struct SusceptibleIndex {
    /// Compaction starts when this share of all listed agents, or `cellStaleShareTrigger` of one cell's,
    /// are no longer susceptible; it then compacts every cell more stale than `cellStaleShareCompacted`.
    static let staleShareTrigger = 0.10
    static let cellStaleShareTrigger = 0.5
    static let cellStaleShareCompacted = 0.05

    let residents: [Int32]
    /// Residents of each cell's (district, age band), all activity classes together.
    let bandResidents: [Int32]
    /// Cells per district: age bands × activity classes.
    let cellsPerDistrict: Int
    private(set) var listed: [Int32]
    /// Listed agents still susceptible, as far as the infections reported here tell.
    private(set) var susceptible: [Int32]

    /// A fresh population: everyone listed, everyone susceptible. (Were some not, the only cost would be
    /// a later compaction: the kernel still checks each target's state.)
    init(ageIndexStart: [Int], activityClasses: Int = 1) {
        residents = (0..<(ageIndexStart.count - 1)).map { Int32(ageIndexStart[$0 + 1] - ageIndexStart[$0]) }
        cellsPerDistrict = AgeBands.count * activityClasses
        bandResidents = (0..<residents.count).map { cell in
            let first = cell - cell % activityClasses
            return Int32(ageIndexStart[first + activityClasses] - ageIndexStart[first])
        }
        listed = residents
        susceptible = residents
    }

    var cellCount: Int { residents.count }

    mutating func leftSusceptible(cell: Int, count: Int32 = 1) {
        susceptible[cell] -= count
    }

    mutating func leftSusceptible(cells: [Int32]) {
        susceptible.withUnsafeMutableBufferPointer { susceptible in
            for cell in cells { susceptible[Int(cell)] -= 1 }
        }
    }

    func stale(_ cell: Int) -> Int { Int(listed[cell] - susceptible[cell]) }

    func needsCompaction(_ cell: Int) -> Bool {
        Double(stale(cell)) > SusceptibleIndex.cellStaleShareCompacted * Double(listed[cell])
    }

    /// Whether enough has gone stale to be worth a compaction (and a rebuild of the contact tables).
    var isDueForCompaction: Bool {
        var staleTotal = 0, listedTotal = 0
        for cell in 0..<cellCount {
            staleTotal += stale(cell)
            listedTotal += Int(listed[cell])
            if Double(stale(cell)) > SusceptibleIndex.cellStaleShareTrigger * Double(listed[cell]) { return true }
        }
        return Double(staleTotal) > SusceptibleIndex.staleShareTrigger * Double(listedTotal)
    }

    /// Moves each stale cell's susceptible agents to its front, in their order, and the rest behind them
    /// (the index stays a permutation). Districts' runs are disjoint, so they are compacted in parallel.
    /// Returns whether any cell changed.
    mutating func compact(population: Population, threads: Int) -> Bool {
        let bands = cellsPerDistrict
        let districts = cellCount / bands
        guard isDueForCompaction else { return false }
        let index = SharedBuffer(population.agentsByProvinceAge.baseAddress!)
        let state = SharedBuffer(population.state.baseAddress!)
        let starts = population.ageIndexStart
        let snapshot = self
        let compacted = Parallel.map(count: districts, threads: threads) { district -> [(cell: Int, listed: Int32)] in
            var changes = [(cell: Int, listed: Int32)]()
            var immune = [UInt32]()
            for cell in district * bands..<(district + 1) * bands where snapshot.needsCompaction(cell) {
                let low = starts[cell]
                let end = low + Int(snapshot.listed[cell])
                var write = low
                var immuneCount = 0
                if immune.count < end - low { immune = [UInt32](repeating: 0, count: end - low) }
                // Branch-free: whether a target is still susceptible is a coin toss late in an epidemic.
                immune.withUnsafeMutableBufferPointer { immune in
                    for position in low..<end {
                        let agent = index.base[position]
                        let stillSusceptible = state.base[Int(agent)] == InfectionState.susceptible.rawValue ? 1 : 0
                        index.base[write] = agent
                        write += stillSusceptible
                        immune[immuneCount] = agent
                        immuneCount += 1 - stillSusceptible
                    }
                    for offset in 0..<immuneCount { index.base[write + offset] = immune[offset] }
                }
                changes.append((cell, Int32(write - low)))
            }
            return changes
        }
        for changes in compacted {
            for change in changes {
                listed[change.cell] = change.listed
                susceptible[change.cell] = change.listed
            }
        }
        return true
    }
}
