import Foundation
import SarhadServer
import Testing

@Suite("Run store")
struct StoreTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func run(scenario: Int64?, status: RunStatus, seed: UInt64) -> RunRecord {
        RunRecord(scenarioId: scenario, scenarioName: "Test", scenarioToml: "[scenario]\nname = \"Test\"\n", seed: seed,
                  endDate: "2020-03-31", populationScale: 0.001, agents: 38_397, estimatedBytes: 269_000_000, status: status,
                  dayCount: 91, createdAt: Date(timeIntervalSince1970: 1_600_000_000))
    }

    @Test("Scenarios and runs survive closing and reopening the database")
    func survivesReopening() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sarhad.sqlite").path
        let scenarioId: Int64
        let inserted: RunRecord
        do {
            let store = try Store(path: path)
            let scenario = try store.insert(ScenarioRecord(name: "Test", toml: "[scenario]\nname = \"Test\"\n"))
            scenarioId = try #require(scenario.id)
            inserted = try store.insert(Self.run(scenario: scenarioId, status: .queued, seed: UInt64(Int64.max)))
            try store.updateRun(id: try #require(inserted.id)) { run in
                run.status = .succeeded
                run.daysDone = 91
            }
        }
        let reopened = try Store(path: path)
        #expect(try reopened.scenarios().map(\.name) == ["Test"])
        let runs = try reopened.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.status == .succeeded)
        #expect(runs.first?.daysDone == 91)
        #expect(runs.first?.seed == UInt64(Int64.max), "the largest seed SQLite can hold comes back intact")
        #expect(runs.first?.scenarioId == scenarioId)

        // Deleting the scenario keeps its runs, which carry their own copy of it.
        try reopened.deleteScenario(id: scenarioId)
        #expect(try reopened.runs().first?.scenarioId == nil)
        #expect(try reopened.runs().first?.scenarioToml.contains("Test") == true)
    }

    @Test("Runs left queued or running are marked interrupted at startup; finished ones are not touched")
    func interruptedMarking() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("sarhad.sqlite").path)
        let statuses: [RunStatus] = [.queued, .running, .succeeded, .failed, .cancelled]
        let ids = try statuses.enumerated().map { index, status in
            try #require(try store.insert(Self.run(scenario: nil, status: status, seed: UInt64(index))).id)
        }
        let marked = try store.markInterruptedRuns(at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(marked.sorted() == [ids[0], ids[1]])
        let after = try Dictionary(uniqueKeysWithValues: store.runs().map { ($0.id!, $0) })
        #expect(after[ids[0]]?.status == .interrupted)
        #expect(after[ids[1]]?.status == .interrupted)
        #expect(after[ids[1]]?.finishedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(after[ids[2]]?.status == .succeeded)
        #expect(after[ids[2]]?.finishedAt == nil)
        #expect(after[ids[3]]?.status == .failed)
        #expect(after[ids[4]]?.status == .cancelled)
        #expect(try store.markInterruptedRuns().isEmpty, "a second start finds nothing left to mark")
    }

    @Test("Opening the dashboard on a data directory marks its cut-off runs and removes half-written outputs")
    func serverStartMarksInterrupted() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try ServerConfiguration(port: 0, dataDirectory: directory)
        let id = try #require(try Store(path: configuration.databasePath).insert(Self.run(scenario: nil, status: .running, seed: 1)).id)
        let partial = configuration.runsDirectory.appendingPathComponent(".\(id).partial")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        let server = try DashboardServer(configuration: configuration)
        #expect(try server.dashboard.run(id: id).status == .interrupted)
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }

    @Test("A page of runs or scenarios is bounded, newest runs first, and leaves the scenario text out")
    func pages() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("sarhad.sqlite").path)
        for seed in 0..<7 { _ = try store.insert(Self.run(scenario: nil, status: .succeeded, seed: UInt64(seed))) }
        for index in 0..<3 { _ = try store.insert(ScenarioRecord(name: "S\(index)", toml: "[scenario]\nname = \"S\(index)\"\n")) }
        let page = try store.runPage(limit: 3, offset: 3)
        #expect(page.total == 7)
        #expect(page.records.map(\.seed) == [3, 2, 1])
        #expect(page.records.allSatisfy { $0.scenarioToml.isEmpty })
        #expect(try store.runPage(limit: 100_000, offset: 0).records.count == 7, "the limit is capped, not refused, in the store")
        let scenarios = try store.scenarioPage(limit: 2, offset: 0, newestFirst: true)
        #expect(scenarios.records.map(\.name) == ["S2", "S1"])
        #expect(scenarios.total == 3)
        #expect(scenarios.records.allSatisfy { $0.toml.isEmpty })
    }
}
