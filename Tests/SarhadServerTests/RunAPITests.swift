import Foundation
import SarhadModel
import SarhadReport
import SarhadScenario
import SarhadServer
import Testing

@Suite("Run API")
struct RunAPITests {
    /// What `sarhad run --seed SEED --end END --population-scale SCALE` writes as timeseries.csv.
    static func cliTimeseries(seed: UInt64, end: String, scale: Double) throws -> String {
        var scenario = try Scenario.builtIn()
        scenario.configuration.endDate = try #require(SimDate(iso: end))
        scenario.configuration.populationScale = scale
        return TimeseriesCSV.render(Simulation(configuration: scenario.configuration, seed: seed, threads: 1).run())
    }

    @Test("A queued run finishes, and its timeseries.csv is byte for byte what the CLI writes for the same seed")
    func runMatchesCLI() async throws {
        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let run = try await server.startRun(scenario: scenario, seed: 11, end: "2020-03-31", scale: 0.001)
            let finished = try await server.waitForEnd(of: run)
            #expect(finished["status"] as? String == "succeeded", "\(finished)")
            #expect(finished["days_done"] as? Int == 91)
            #expect(finished["agents"] as? Int == PopulationBuilder.residentsPerProvince(
                try RunRequest(scenarioId: 0, endDate: "2020-03-31", populationScale: 0.001).apply(to: Scenario.builtIn()).configuration)
                .reduce(0, +))

            let csv = try await server.get("/api/v1/runs/\(run)/files/timeseries.csv")
            #expect(csv.status == 200)
            #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
            #expect(csv.text == (try Self.cliTimeseries(seed: 11, end: "2020-03-31", scale: 0.001)))

            let summary = try await server.get("/api/v1/runs/\(run)/files/summary.json").json()
            #expect(summary["seed"] as? Int == 11)
            let toml = try await server.get("/api/v1/runs/\(run)/files/scenario.toml").text
            let resolved = try ScenarioLoader.load(text: toml, name: "scenario.toml")
            #expect(resolved.configuration.endDate == SimDate(iso: "2020-03-31"))
            #expect(resolved.configuration.populationScale == 0.001)
            let report = try await server.get("/api/v1/runs/\(run)/files/report.html").text
            #expect(report.components(separatedBy: "<svg").count - 1 >= 5)
            #expect(try await server.get("/api/v1/runs/\(run)/files/secrets.txt").status == 404)

            // The files are where the brief puts them, as the CLI writes them.
            for name in RunFiles.downloadable {
                #expect(FileManager.default.fileExists(atPath: server.dataDirectory.appendingPathComponent("runs/\(run)/\(name)").path))
            }
            // The same run again: the same bytes.
            let again = try await server.startRun(scenario: scenario, seed: 11, end: "2020-03-31", scale: 0.001)
            #expect(try await server.waitForEnd(of: again)["status"] as? String == "succeeded")
            #expect(try await server.get("/api/v1/runs/\(again)/files/timeseries.csv").data == csv.data)

            // A province's page: its curves, its beds against capacity, recorded against true.
            let runPage = try await server.get("/runs/\(run)").text
            #expect(runPage.contains("href=\"/runs/\(run)/provinces/Herat\""))
            let herat = try await server.get("/runs/\(run)/provinces/Herat")
            #expect(herat.status == 200)
            #expect(herat.text.contains("data-figure=\"Beds ran out\"") && herat.text.contains("data-figure=\"Recorded cases\""))
            #expect(herat.text.components(separatedBy: "<svg").count - 1 == 4, "four charts")
            #expect(try await server.get("/runs/\(run)/provinces/Atlantis").status == 404)

            // Two runs compared in one report.
            let comparison = try await server.get("/api/v1/compare?runs=\(run),\(again)")
            #expect(comparison.status == 200)
            #expect(comparison.text.contains("run \(again): Afghanistan 2020 (built-in), seed 11"))
            #expect(comparison.text.contains("runs \(run), \(again)"))
        }
    }

    @Test("Cancelling: a queued run at once, a running one before its next day; progress streams as server-sent events")
    func cancel() async throws {
        try await TestServer.with(maximumConcurrentRuns: 1) { server in
            let scenario = try await server.createBuiltInScenario()
            // Large enough that the year takes far longer than a cancel request, even with the engine fast
            // and the machine busy with other tests (at 0.01 it once finished first on a clean CI run); it is cancelled by day 2.
            let long = try await server.startRun(scenario: scenario, seed: 3, end: "2020-12-31", scale: 0.1)
            let waiting = try await server.startRun(scenario: scenario, seed: 4, end: "2020-03-31", scale: 0.001)
            #expect(try await server.get("/api/v1/runs/\(waiting)").json()["status"] as? String == "queued",
                    "one run at a time: the second waits")

            let cancelledWaiting = try await server.request("POST", "/api/v1/runs/\(waiting)/cancel")
            #expect(cancelledWaiting.status == 202)
            #expect(try cancelledWaiting.json()["status"] as? String == "cancelled")

            // Wait until the long run is simulating days, listening to its events meanwhile.
            let events = Task { try await server.get("/api/v1/runs/\(long)/events") }
            let deadline = Date().addingTimeInterval(60)
            while (try await server.get("/api/v1/runs/\(long)").json()["days_done"] as? Int ?? 0) < 2, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await server.request("POST", "/api/v1/runs/\(long)/cancel").status == 202)
            let ended = try await server.waitForEnd(of: long)
            #expect(ended["status"] as? String == "cancelled")
            #expect((ended["days_done"] as? Int ?? 366) < 366)
            #expect(try await server.get("/api/v1/runs/\(long)/files/timeseries.csv").status == 409, "a cancelled run has no outputs")
            #expect(try await server.request("POST", "/api/v1/runs/\(long)/cancel").status == 409)

            // The event stream ended with the run: it saw the run running, then cancelled.
            let stream = try await events.value
            #expect(stream.headers["content-type"] == "text/event-stream")
            let updates = try stream.text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any])
            }
            #expect(updates.first?["status"] as? String == "running")
            #expect(updates.last?["status"] as? String == "cancelled")
        }
    }

    @Test("A run that cannot fit in the available memory is refused with a clear message")
    func memoryRefusal() async throws {
        try await TestServer.with(availableMemory: { 300 << 20 }) { server in
            let scenario = try await server.createBuiltInScenario()
            let answer = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "population_scale": 1.0])
            #expect(answer.status == 422)
            let error = try answer.error()
            #expect(error["code"] as? String == "insufficient_memory")
            #expect((error["message"] as? String)?.contains("0.9 GB of memory and only 0.3 GB is available") == true, "\(error)")
            #expect(try await server.get("/api/v1/runs").text.contains("\"id\"") == false, "nothing was queued")
            // A small one fits.
            #expect(try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "end_date": "2020-01-10",
                                                               "population_scale": 0.001]).status == 202)
        }
    }

    @Test("Bad run requests name the field")
    func invalidRunRequest() async throws {
        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let scale = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "population_scale": 2])
            #expect(scale.status == 422)
            #expect(try scale.error()["field"] as? String == "population_scale")
            let end = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "end_date": "2019-12-01"])
            #expect(try end.error()["key"] as? String == "end_date")
            #expect(try await server.postJSON("/api/v1/runs", ["scenario_id": 999, "seed": 1]).status == 404)
            #expect(try await server.postJSON("/api/v1/runs", ["seed": 1]).status == 400)
        }
    }

    @Test("A restarted server keeps finished runs and marks the ones it cut off as interrupted")
    func restart() async throws {
        let first = try await TestServer.start(maximumConcurrentRuns: 1)
        let scenario = try await first.createBuiltInScenario()
        let done = try await first.startRun(scenario: scenario, seed: 5, end: "2020-02-15", scale: 0.001)
        #expect(try await first.waitForEnd(of: done)["status"] as? String == "succeeded")
        let csv = try await first.get("/api/v1/runs/\(done)/files/timeseries.csv").data
        let long = try await first.startRun(scenario: scenario, seed: 6, end: "2020-12-31", scale: 0.01)
        let queued = try await first.startRun(scenario: scenario, seed: 7, end: "2020-12-31", scale: 0.001)
        await first.stop(keepData: true)

        // The first server's lock goes with its last reference, which the worker of the run it cut off may
        // hold for a moment after the server stopped (in a process of its own the lock goes with the
        // process): wait for it, up to two minutes, as an operator restarting the server would.
        var restarted: TestServer?
        let deadline = ContinuousClock.now + .seconds(120)
        while restarted == nil {
            do {
                restarted = try await TestServer.start(dataDirectory: first.dataDirectory)
            } catch let failure as DataDirectoryLock.Failure where failure == .inUse(directory: first.dataDirectory.path)
                        && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        let second = try #require(restarted)
        let runs = try JSONSerialization.jsonObject(with: try await second.get("/api/v1/runs").data) as? [[String: Any]] ?? []
        let status = Dictionary(uniqueKeysWithValues: runs.compactMap { run in (run["id"] as? Int).map { ($0, run["status"] as? String) } })
        #expect(status == [done: "succeeded", long: "interrupted", queued: "interrupted"])
        #expect(try await second.get("/api/v1/runs/\(done)/files/timeseries.csv").data == csv)
        await second.stop()
    }
}
