import Foundation
import SarhadServer
import Testing

/// Many clients at once, and lists that grow long.
@Suite("Load")
struct LoadTests {
    @Test("50 runs queued at once by concurrent clients are all accepted, each once")
    func concurrentQueueing() async throws {
        try await TestServer.with(maximumConcurrentRuns: 1) { server in
            let scenario = try await server.createBuiltInScenario()
            let answers = try await withThrowingTaskGroup(of: TestServer.Answer.self) { group in
                for seed in 0..<50 {
                    group.addTask {
                        try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": seed, "end_date": "2020-01-02",
                                                                   "population_scale": 0.0001])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.map(\.status) == Array(repeating: 202, count: 50), "\(answers.filter { $0.status != 202 }.map(\.text))")
            let ids = Set(try answers.map { try #require(try $0.json()["id"] as? Int) })
            #expect(ids.count == 50)
            let seeds = Set(try answers.map { try #require(try $0.json()["seed"] as? Int) })
            #expect(seeds == Set(0..<50))
            let list = try await server.get("/api/v1/runs?limit=500")
            #expect(list.headers["x-total-count"] == "50")
        }
    }

    @Test("Lists are paginated: ?page and ?limit, with the total and links to the neighbouring pages")
    func pagination() async throws {
        try await TestServer.with(maximumConcurrentRuns: 1) { server in
            let scenario = try await server.createBuiltInScenario()
            for seed in 0..<25 {
                _ = try await server.startRun(scenario: scenario, seed: seed, end: "2020-01-02", scale: 0.0001)
            }
            let first = try await server.get("/api/v1/runs?limit=10")
            let firstIds = try #require(try JSONSerialization.jsonObject(with: first.data) as? [[String: Any]]).compactMap { $0["id"] as? Int }
            #expect(firstIds.count == 10)
            #expect(firstIds == firstIds.sorted(by: >), "newest first")
            #expect(first.headers["x-total-count"] == "25")
            #expect(first.headers["link"]?.contains("</api/v1/runs?page=2&limit=10>; rel=\"next\"") == true)
            let last = try await server.get("/api/v1/runs?page=3&limit=10")
            let lastIds = try #require(try JSONSerialization.jsonObject(with: last.data) as? [[String: Any]]).compactMap { $0["id"] as? Int }
            #expect(lastIds.count == 5)
            #expect(last.headers["link"]?.contains("rel=\"next\"") == false)
            #expect(Set(firstIds).isDisjoint(with: lastIds))
            let byDefault = try await server.get("/api/v1/runs")
            #expect((try JSONSerialization.jsonObject(with: byDefault.data) as? [Any])?.count == 25)

            for bad in ["limit=0", "limit=501", "page=0", "page=x"] {
                let refused = try await server.get("/api/v1/runs?\(bad)")
                #expect(refused.status == 400, "\(bad)")
            }
            let scenarios = try await server.get("/api/v1/scenarios?limit=1")
            #expect(scenarios.headers["x-total-count"] == "1")

            let page = try await server.get("/?page=2&limit=10")
            #expect(page.status == 200)
            #expect(page.text.contains("11–20 of 25"))
            #expect(page.text.contains("href=\"/?page=3&amp;limit=10\""))
        }
    }
}
