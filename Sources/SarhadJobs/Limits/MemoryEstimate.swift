import Foundation
import SarhadModel

/// How much memory a run will need, and whether the machine has it. A run that cannot fit is
/// refused before it starts rather than being killed by the kernel half-way through.
package struct MemoryEstimate: Sendable, Equatable {
    /// Headroom over the population's columns: the per-day ledger, infection lists, transition
    /// buckets and the allocator's slack (measured peak ≈ 1.5 × the columns at full scale).
    package static let safetyFactor = 1.6
    /// Bytes any run needs whatever its size: the scenario, the mobility and contact tables, the
    /// result series and the rendered report.
    package static let fixedOverheadBytes: Int64 = 256 << 20

    package let agents: Int
    package let bytes: Int64

    package init(agents: Int) {
        self.agents = agents
        bytes = Int64((Double(agents) * Double(Population.bytesPerAgent) * MemoryEstimate.safetyFactor).rounded(.up))
            + MemoryEstimate.fixedOverheadBytes
    }

    /// An estimate made elsewhere (several populations, kept results: `MemoryGuard.estimatedBytes`).
    package init(agents: Int, bytes: Int64) {
        self.agents = agents
        self.bytes = bytes
    }

    package init(configuration: ModelConfiguration) {
        self.init(agents: PopulationBuilder.residentsPerProvince(configuration).reduce(0, +))
    }

    /// `MemAvailable` from /proc/meminfo in bytes, or nil where there is no such file (not Linux).
    package static func availableBytes(meminfo: String? = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) -> Int64? {
        guard let meminfo else { return nil }
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int64(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}

extension MemoryEstimate {
    /// "1.3 GB": decimal gigabytes with one decimal, as people read memory sizes.
    package static func gigabytes(_ bytes: Int64) -> String {
        let tenths = (Double(bytes) / 1e8).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) GB"
    }
}
