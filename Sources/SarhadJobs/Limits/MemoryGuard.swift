import Foundation
import SarhadInference
import SarhadModel

/// The command-line twin of the dashboard's memory check: estimates what a command will need from
/// its population, days and replicates, and refuses (exit status 2, with both figures) what the
/// machine does not have, instead of being killed by the kernel hours in.
package enum MemoryGuard {
    /// Bytes a kept result takes per value (day × province × measure): the 8-byte count itself, and the
    /// CSV text the outputs are rendered into while every result is still held (a tidy row per value,
    /// about 36 bytes, held as a string and then as the bytes written, with slack). Measured: 40
    /// replicates of 2020 at scale 0.002 peaked at 1.30 GB; this estimates 1.43 GB.
    package static let bytesPerResultValue: Int64 = 8 + 2 * 48
    /// Provinces plus the national row, as written.
    package static let rowsPerDay = 35

    /// What `workload` needs: the fixed overhead, one population per simultaneous agent simulation
    /// (the dashboard's estimate per run), and every kept result with its rendered text.
    package static func estimatedBytes(_ workload: Workload) -> Int64 {
        let population = workload.engine == .agent
            ? MemoryEstimate(agents: workload.largestPopulation).bytes - MemoryEstimate.fixedOverheadBytes : 0
        let valuesPerResult = Int64(workload.longestRun) * Int64(rowsPerDay) * Int64(Measure.allCases.count)
        let results = Int64(workload.keptResults).multipliedReportingOverflow(by: valuesPerResult * bytesPerResultValue)
        let populations = Int64(workload.simultaneous).multipliedReportingOverflow(by: population)
        guard !results.overflow, !populations.overflow else { return .max }
        let (total, overflow) = (results.partialValue).addingReportingOverflow(populations.partialValue)
        return overflow ? .max : total.addingReportingOverflow(MemoryEstimate.fixedOverheadBytes).partialValue
    }

    /// Memory available now: Linux's MemAvailable, else (macOS) the machine's physical memory.
    package static func availableBytes() -> Int64 {
        MemoryEstimate.availableBytes() ?? Int64(clamping: ProcessInfo.processInfo.physicalMemory)
    }

    package static func check(_ workload: Workload, available: Int64 = availableBytes()) throws(Refusal) {
        let needed = estimatedBytes(workload)
        guard needed > available else { return }
        throw Refusal("this needs about \(gigabytes(needed)) of memory (\(workload.simultaneous) simulation"
            + (workload.simultaneous == 1 ? "" : "s") + " of \(WorkLimits.grouped(workload.largestPopulation)) agents at once, "
            + "\(WorkLimits.grouped(workload.keptResults)) result" + (workload.keptResults == 1 ? "" : "s") + " of "
            + "\(WorkLimits.grouped(workload.longestRun)) days kept) and only \(gigabytes(available)) is available. "
            + "Use fewer --threads, fewer replicates, an earlier --end or a smaller --population-scale, or shard it (--shard K/N).")
    }

    /// "1.3 GB": decimal gigabytes with one decimal, as the dashboard writes them.
    package static func gigabytes(_ bytes: Int64) -> String {
        guard bytes < Int64.max else { return "more than 9 billion GB" }
        let tenths = (Double(bytes) / 1e8).rounded()
        return String(format: "%.1f GB", tenths / 10)
    }
}
