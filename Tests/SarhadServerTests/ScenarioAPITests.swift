import Foundation
import SarhadModel
import SarhadScenario
import SarhadServer
import Testing

@Suite("Scenario API")
struct ScenarioAPITests {
    @Test("A scenario created from the built-in one is listed, validates, and keeps every parameter")
    func createFromBuiltIn() async throws {
        try await TestServer.with { server in
            let id = try await server.createBuiltInScenario()
            let stored = try await server.get("/api/v1/scenarios/\(id)").json()
            #expect(stored["name"] as? String == "Afghanistan 2020 (built-in)")
            let text = try #require(stored["toml"] as? String)
            #expect(try ScenarioLoader.load(text: text, name: "stored") == Scenario.builtIn())
            let list = try JSONSerialization.jsonObject(with: try await server.get("/api/v1/scenarios").data) as? [[String: Any]]
            #expect(list?.map { $0["id"] as? Int } == [id])
            #expect(list?.first?["toml"] == nil, "lists leave the text out")
        }
    }

    @Test("An invalid scenario is answered 422 with its key, line and form field, and nothing is stored")
    func invalidScenario() async throws {
        try await TestServer.with { server in
            let bad = "[scenario]\nname = \"Too infectious\"\n\n[disease]\nr0 = 99\n"
            let answer = try await server.request("POST", "/api/v1/scenarios", body: Data(bad.utf8), contentType: "application/toml")
            #expect(answer.status == 422)
            let error = try answer.error()
            #expect(error["code"] as? String == "invalid_scenario")
            #expect(error["key"] as? String == "disease.r0")
            #expect(error["line"] as? Int == 5)
            #expect(error["field"] as? String == "disease.r0")
            #expect(error["expected"] as? String == "a number from 0 to 30")

            // A province-table entry maps to its table's field; replacing a stored scenario with bad text leaves it unchanged.
            let id = try await server.createBuiltInScenario()
            let before = try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String
            let replacement = try await server.request("PUT", "/api/v1/scenarios/\(id)",
                                                       body: try JSONSerialization.data(withJSONObject: ["toml": "[health]\nbeds = { Atlantis = 3 }\n"]))
            #expect(replacement.status == 422)
            #expect(try replacement.error()["key"] as? String == "health.beds.Atlantis")
            #expect(try replacement.error()["field"] as? String == "health.beds")
            #expect(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String == before)
            #expect(try await server.get("/api/v1/scenarios").text.contains("Too infectious") == false)
        }
    }

    @Test("Bodies over the limit are refused with 413, before anything is parsed")
    func bodySizeLimit() async throws {
        try await TestServer.with { server in
            let huge = "# padding\n" + String(repeating: "#", count: ScenarioText.maximumBytes) + "\n"
            let scenario = try await server.request("POST", "/api/v1/scenarios", body: Data(huge.utf8), contentType: "application/toml")
            #expect(scenario.status == 413)
            #expect(try scenario.error()["code"] as? String == "body_too_large")
            let run = try await server.request("POST", "/api/v1/runs", body: Data(String(repeating: " ", count: 100_000).utf8))
            #expect(run.status == 413)
            // Just under the limit is accepted (as a scenario of comments only, i.e. the built-in one).
            let fits = "# padding\n" + String(repeating: "#", count: ScenarioText.maximumBytes - 100) + "\n"
            #expect(try await server.request("POST", "/api/v1/scenarios", body: Data(fits.utf8), contentType: "application/toml").status == 201)
        }
    }

    @Test("The OpenAPI document is served and names every route")
    func openAPIDocument() async throws {
        try await TestServer.with { server in
            let document = try await server.get("/api/v1/openapi.json").json()
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            for path in ["/scenarios", "/scenarios/{id}", "/runs", "/runs/{id}", "/runs/{id}/cancel", "/runs/{id}/events",
                         "/runs/{id}/files/{name}", "/compare", "/what-if", "/comparisons", "/sweeps", "/calibrations", "/forecasts", "/parameters", "/openapi.json"] {
                #expect(paths[path] != nil, "\(path) is not described")
        }
        let parameters = try JSONSerialization.jsonObject(with: try await server.get("/api/v1/parameters").data) as? [[String: Any]]
        #expect(parameters?.count == ParameterCatalog.all.count)
        #expect(parameters?.first { $0["path"] as? String == "disease.r0" }?["default_value"] as? String == "2.4")
        }
    }
}
