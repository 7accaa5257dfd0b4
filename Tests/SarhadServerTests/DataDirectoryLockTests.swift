import Foundation
import SarhadServer
import Testing

@Suite("One server per data folder")
struct DataDirectoryLockTests {
    @Test("A second server on the same data folder refuses to start, naming it, and leaves the first one's runs alone")
    func secondServerRefused() async throws {
        let first = try await TestServer.start(maximumConcurrentRuns: 1)
        let scenario = try await first.createBuiltInScenario()
        let running = try await first.startRun(scenario: scenario, seed: 1, end: "2020-12-31", scale: 0.01)
        let queued = try await first.startRun(scenario: scenario, seed: 2, end: "2020-12-31", scale: 0.001)
        let staging = first.dataDirectory.appendingPathComponent("runs/.\(running).partial")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)

        let configuration = try ServerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: first.dataDirectory)
        let refusal = try #require(throws: DataDirectoryLock.Failure.self) { try DashboardServer(configuration: configuration) }
        #expect(refusal == .inUse(directory: first.dataDirectory.path))
        #expect(refusal.description.contains(first.dataDirectory.path))
        #expect(refusal.description.contains("Another Sarhad server is already using the data folder"))

        // The first server's live runs were not marked interrupted, nor its staging folder removed.
        let status = { (run: Int) in try await first.get("/api/v1/runs/\(run)").json()["status"] as? String }
        #expect(["running", "succeeded"].contains(try await status(running)))
        #expect(["queued", "running", "succeeded"].contains(try await status(queued)))
        #expect(FileManager.default.fileExists(atPath: staging.path))
        _ = try await first.request("POST", "/api/v1/runs/\(queued)/cancel")
        _ = try await first.request("POST", "/api/v1/runs/\(running)/cancel")
        await first.stop(keepData: true)

        // Once the first has stopped, the folder is free again.
        let second = try await TestServer.start(dataDirectory: first.dataDirectory)
        #expect(try await second.get("/api/v1/runs").status == 200)
        await second.stop()
    }
}
