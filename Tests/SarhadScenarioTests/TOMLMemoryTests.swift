import Foundation
import Testing
@testable import SarhadScenario

/// TOMLKit 0.6.0's Swift layer frees nothing it parses: through it, every scenario text cost 137 KB for
/// good (measured: 2,000 parses of the built-in scenario grew the process by 275 MB), which a dashboard
/// that parses every posted scenario cannot afford. `TOMLTree` frees what the C layer returns.
@Suite("Parsing scenarios does not leak")
struct TOMLMemoryTests {
    #if os(Linux)
    static func residentBytes() throws -> Int {
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return try #require(Int(fields[1])) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// After a warm-up (allocator pools, caches), 2,000 more parses must grow the resident set by less
    /// than 20 MB: the leak grew it by 275 MB, and freed memory that the allocator keeps is reused by
    /// the next parse, so a process without the leak stays flat (measured: 0 bytes of growth).
    /// The resident set belongs to the whole test process, and the suite runs tests in parallel (CI
    /// saw 92 MB of other tests' growth during these parses), so the check runs only on its own:
    ///     SARHAD_MEMORY_CHECK=1 swift test --filter TOMLMemoryTests
    @Test("2,000 parses of the built-in scenario leave the resident set nearly where it was",
          .enabled(if: ProcessInfo.processInfo.environment["SARHAD_MEMORY_CHECK"] != nil,
                   "the resident set is the whole process's: run alone with SARHAD_MEMORY_CHECK=1"))
    func parsesDoNotAccumulate() throws {
        let text = ScenarioWriter.toml(try Scenario.builtIn())
        for _ in 0..<300 { _ = try TOMLSource(text: text, name: "warm-up.toml") }
        let before = try Self.residentBytes()
        for _ in 0..<2_000 { _ = try TOMLSource(text: text, name: "scenario.toml") }
        let growth = try Self.residentBytes() - before
        #expect(growth < 20 << 20, "2,000 parses grew the process by \(growth / 1024) KB")
        // A parse error frees its message too.
        for _ in 0..<2_000 { _ = try? TOMLSource(text: "a = [1, 2", name: "broken.toml") }
    }
    #endif
}
