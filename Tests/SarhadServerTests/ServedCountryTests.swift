import Foundation
import SarhadModel
import SarhadScenario
import SarhadServer
import Testing

/// `sarhad serve --country`: the dashboard of another country. Its built-in scenario, what-if page and
/// forms are that pack's; a text that names no pack is read over it; a text may name another bundled
/// pack, but no folder the operator did not name.
@Suite("A dashboard serving another country")
struct ServedCountryTests {
    static let until = "[scenario]\nend = 2020-02-15\n"

    @Test("the built-in scenario, the what-if page and answer, and texts naming no pack are the served country's")
    func nepalDashboard() async throws {
        try await TestServer.with(country: "nepal-2020") { server in
            let page = try await server.get("/what-if")
            #expect(page.status == 200 && page.text.contains("Nepal 2020"), "\(page.text.prefix(600))")
            let answer = try await server.postJSON("/api/v1/what-if", ["overrides": Self.until, "series": "national"])
            #expect(answer.status == 200, "\(answer.text.prefix(300))")
            #expect(try answer.json()["country"] as? String == "Nepal")
            #expect((try answer.json()["provinces"] as? [Any])?.count == 77)

            // A copy of the built-in scenario names its pack, so it reads the same anywhere.
            let copy = try await server.createBuiltInScenario()
            let text = try #require(try await server.get("/api/v1/scenarios/\(copy)").json()["toml"] as? String)
            #expect(text.contains("country = \"nepal-2020\""))
            // A text naming no pack is read over the served one; one naming another bundled pack over that.
            for (toml, country) in [("[disease]\nr0 = 2.0\n", "Nepal"), ("[scenario]\ncountry = \"afghanistan-2020\"\n", "Afghanistan")] {
                let stored = try await server.postJSON("/api/v1/scenarios", ["toml": toml])
                #expect(stored.status == 201, "\(stored.text)")
                let id = try #require(try stored.json()["id"] as? Int)
                let whatIf = try await server.postJSON("/api/v1/what-if", ["scenario": id, "overrides": Self.until, "series": "national"])
                #expect(try whatIf.json()["country"] as? String == country, "\(toml)")
            }
            // No folder a client names is opened.
            let folder = try await server.postJSON("/api/v1/scenarios", ["toml": "[scenario]\ncountry = \"/etc\"\n"])
            #expect(folder.status == 422)
            #expect(try folder.error()["key"] as? String == "scenario.country", "\(folder.text)")

            // The scenario form keeps the pack: saved with r0 changed, the scenario is still Nepal's.
            let form = try await server.get("/scenarios/\(copy)")
            #expect(form.text.contains("name=\"\(ScenarioForm.countryField)\" value=\"nepal-2020\""))
            var fields = ScenarioForm(scenario: try ScenarioLoader.load(text: text, name: "stored")).values
            fields["disease.r0"] = "1.9"
            let saved = try await server.postForm("/scenarios/\(copy)", fields)
            #expect(saved.status == 200 && saved.url?.query?.contains("saved=1") == true, "\(saved.text.suffix(800))")
            let edited = try #require(try await server.get("/api/v1/scenarios/\(copy)").json()["toml"] as? String)
            let scenario = try ScenarioLoader.load(text: edited, name: "edited")
            #expect(scenario.pack.reference == "nepal-2020" && scenario.configuration.disease.r0 == 1.9)
        }
    }

    @Test("a pack that cannot be read stops the server before it touches its data folder")
    func unreadablePack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-country-\(UUID().uuidString)")
        let configuration = try ServerConfiguration(port: 0, dataDirectory: directory, country: "atlantis-2020")
        let error = try #require(throws: ScenarioError.self) { _ = try DashboardServer(configuration: configuration) }
        #expect(error.description.contains("atlantis-2020"))
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
