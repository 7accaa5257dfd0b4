import SarhadJobs
import Foundation
import SarhadModel
import SarhadScenario
import SarhadServer
import Testing

/// Bounds on the work a request can ask for, and requests that must not be half-understood.
@Suite("Run limits")
struct RunLimitTests {
    @Test("An end date past the 3,660-day limit is refused naming end_date; the last allowed day is accepted")
    func endDateLimit() async throws {
        var builtIn = try Scenario.builtIn()
        // Ten years of the built-in after-data arrivals would need more returnees than the provinces
        // have (ScenarioLimits refuses that); a smaller flow keeps the ten-year run possible.
        builtIn.configuration.importation.arrivalsPerDayAfterData = 100
        // 2020-01-01 is day 1, so day 3,660 is 2030-01-07.
        let last = try RunRequest(scenarioId: 1, endDate: "2030-01-07").apply(to: builtIn)
        #expect(last.configuration.dayCount == WorkLimits.maximumDays)
        #expect(throws: ScenarioError.self) { try RunRequest(scenarioId: 1, endDate: "2030-01-08").apply(to: builtIn) }

        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let answer = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "end_date": "9999-12-31",
                                                                    "population_scale": 0.001])
            #expect(answer.status == 422)
            let error = try answer.error()
            #expect(error["key"] as? String == "end_date")
            #expect(error["field"] as? String == "end_date")
            #expect((error["expected"] as? String)?.contains("3,660 days") == true, "\(error)")
            // The form says the same next to its field.
            let form = try await server.postForm("/runs", ["scenario": String(scenario), "seed": "1", "end_date": "9999-12-31",
                                                           "population_scale": "0.001"])
            #expect(form.status == 422)
            #expect(form.text.contains("3,660 days"))
            #expect(try await server.get("/api/v1/runs").text.contains("\"id\"") == false, "nothing was queued")
        }
    }

    @Test("Fields the API does not know, such as threads, are refused with 400 instead of being ignored")
    func unknownFields() async throws {
        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let answer = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "end_date": "2020-01-10",
                                                                    "population_scale": 0.001, "threads": 5])
            #expect(answer.status == 400)
            let error = try answer.error()
            #expect(error["code"] as? String == "unknown_field")
            #expect(error["field"] as? String == "threads")
            #expect((error["message"] as? String)?.contains("`replicates`") == true, "the fields it does take are listed: \(error)")
            #expect(try await server.get("/api/v1/runs").text.contains("\"id\"") == false, "nothing was queued")
            let typo = try await server.postJSON("/api/v1/scenarios", ["from": "built-in", "nmae": "x"])
            #expect(typo.status == 400)
            #expect(try typo.error()["field"] as? String == "nmae")
        }
    }

    @Test("Thread and concurrent-run counts are held to their limits")
    func serverLimits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unused")
        let configuration = try ServerConfiguration(dataDirectory: directory, maximumConcurrentRuns: 100_000, threadsPerRun: 1000)
        #expect(configuration.threadsPerRun == ServerConfiguration.maximumThreadsPerRun)
        #expect(configuration.maximumConcurrentRuns == ServerConfiguration.maximumConcurrentRunsLimit)
    }

    @Test("A comparison counts repeated runs once and takes at most 20")
    func comparisonBounds() async throws {
        try await TestServer.with { server in
            let tooMany = (1...(Dashboard.maximumComparedRuns + 1)).map(String.init).joined(separator: ",")
            let refused = try await server.get("/api/v1/compare?runs=\(tooMany)")
            #expect(refused.status == 400)
            #expect(try refused.error()["code"] as? String == "too_many_runs")
            #expect(try await server.get("/compare?runs=\(tooMany)").status == 400, "the page too")

            let scenario = try await server.createBuiltInScenario()
            let run = try await server.startRun(scenario: scenario, seed: 3, end: "2020-01-31", scale: 0.001)
            #expect(try await server.waitForEnd(of: run)["status"] as? String == "succeeded")
            let once = try await server.get("/api/v1/compare?runs=\(run)")
            let repeated = try await server.get("/api/v1/compare?runs=" + Array(repeating: String(run), count: 300).joined(separator: ","))
            #expect(repeated.status == 200)
            #expect(repeated.text == once.text, "300 copies of one run are that one run")
        }
    }
}
