import SarhadJobs
import SarhadModel
import SarhadScenario
import SarhadServer
import Testing

@Suite("Memory estimate")
struct MemoryEstimateTests {
    @Test("Agents × bytes per agent × 1.6 plus the fixed overhead")
    func formula() throws {
        let estimate = MemoryEstimate(agents: 1_000_000)
        #expect(estimate.bytes == Int64(1_000_000 * Population.bytesPerAgent * 16 / 10) + MemoryEstimate.fixedOverheadBytes)
        let full = MemoryEstimate(configuration: try Scenario.builtIn().configuration)
        #expect(full.agents > 38_000_000 && full.agents < 39_000_000)
    }

    @Test("MemAvailable is read from /proc/meminfo's text")
    func meminfo() {
        let text = "MemTotal:       24581716 kB\nMemFree:        20000000 kB\nMemAvailable:   23181716 kB\nBuffers: 1 kB\n"
        let expected: Int64 = 23_181_716 * 1024
        #expect(MemoryEstimate.availableBytes(meminfo: text) == expected)
        #expect(MemoryEstimate.availableBytes(meminfo: "MemTotal: 5 kB\n") == nil)
    }
}
