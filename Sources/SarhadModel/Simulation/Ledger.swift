/// Running counts per province and the day × province × measure table, in fixed buffers: tasks
/// that own different provinces update them at the same time without touching each other's cells.
final class Ledger: @unchecked Sendable {
    let provinceCount: Int
    let dayCount: Int
    let infectious: UnsafeMutableBufferPointer<Int>
    let severe: UnsafeMutableBufferPointer<Int>
    let critical: UnsafeMutableBufferPointer<Int>
    let bedsOccupied: UnsafeMutableBufferPointer<Int>
    let intensiveCareOccupied: UnsafeMutableBufferPointer<Int>
    let bedCapacity: UnsafeMutableBufferPointer<Int>
    let intensiveCareCapacity: UnsafeMutableBufferPointer<Int>
    /// `values[(day * provinceCount + province) * Measure.count + measure]`.
    let values: UnsafeMutableBufferPointer<Int64>

    init(provinceCount: Int, dayCount: Int) {
        self.provinceCount = provinceCount
        self.dayCount = dayCount
        func counts() -> UnsafeMutableBufferPointer<Int> {
            let buffer = UnsafeMutableBufferPointer<Int>.allocate(capacity: provinceCount)
            buffer.initialize(repeating: 0)
            return buffer
        }
        infectious = counts()
        severe = counts()
        critical = counts()
        bedsOccupied = counts()
        intensiveCareOccupied = counts()
        bedCapacity = counts()
        intensiveCareCapacity = counts()
        values = .allocate(capacity: dayCount * provinceCount * Measure.allCases.count)
        values.initialize(repeating: 0)
    }

    deinit {
        for buffer in [infectious, severe, critical, bedsOccupied, intensiveCareOccupied, bedCapacity, intensiveCareCapacity] {
            buffer.deallocate()
        }
        values.deallocate()
    }

    @inline(__always)
    func add(_ measure: Measure, day: Int, province: Int, _ amount: Int64 = 1) {
        values[(day * provinceCount + province) * Measure.allCases.count + measure.rawValue] += amount
    }

    @inline(__always)
    func value(_ measure: Measure, day: Int, province: Int) -> Int64 {
        values[(day * provinceCount + province) * Measure.allCases.count + measure.rawValue]
    }
}
