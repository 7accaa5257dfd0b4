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
            let builtIn = try await server.createBuiltInScenario()
            let text = try #require(try await server.get("/api/v1/scenarios/\(builtIn)").json()["toml"] as? String)
            #expect(text.contains("country = \"nepal-2020\""))
            // A text naming no pack is read over the served one, and stored naming it (a server started
            // later with another pack reads it the same); one naming another bundled pack is read over that.
            for (toml, country, pack) in [("[disease]\nr0 = 2.0\n", "Nepal", "nepal-2020"),
                                          ("[scenario]\ncountry = \"afghanistan-2020\"\n", "Afghanistan", "afghanistan-2020")] {
                let stored = try await server.postJSON("/api/v1/scenarios", ["toml": toml])
                #expect(stored.status == 201, "\(stored.text)")
                let id = try #require(try stored.json()["id"] as? Int)
                #expect((try stored.json()["toml"] as? String)?.contains("country = \"\(pack)\"") == true, "\(stored.text)")
                let whatIf = try await server.postJSON("/api/v1/what-if", ["scenario": id, "overrides": Self.until, "series": "national"])
                #expect(try whatIf.json()["country"] as? String == country, "\(toml)")
            }
            // No folder a client names is opened, even a readable pack.
            let copied = try Self.copiedPack("nepal-2020")
            defer { try? FileManager.default.removeItem(at: copied) }
            let folder = try await server.postJSON("/api/v1/scenarios", ["toml": "[scenario]\ncountry = \"\(copied.path)\"\n"])
            #expect(folder.status == 422)
            #expect(try folder.error()["key"] as? String == "scenario.country", "\(folder.text)")

            // The scenario form keeps the pack: saved with r0 changed, the scenario is still Nepal's.
            let form = try await server.get("/scenarios/\(builtIn)")
            #expect(form.text.contains("name=\"\(ScenarioForm.countryField)\" value=\"nepal-2020\""))
            var fields = ScenarioForm(scenario: try ScenarioLoader.load(text: text, name: "stored")).values
            fields["disease.r0"] = "1.9"
            let saved = try await server.postForm("/scenarios/\(builtIn)", fields)
            #expect(saved.status == 200 && saved.url?.query?.contains("saved=1") == true, "\(saved.text.suffix(800))")
            let edited = try #require(try await server.get("/api/v1/scenarios/\(builtIn)").json()["toml"] as? String)
            let scenario = try ScenarioLoader.load(text: edited, name: "edited")
            #expect(scenario.pack.reference == "nepal-2020" && scenario.configuration.disease.r0 == 1.9)
            // A run of a text that names no pack, queued and executed: over the served pack too.
            let bare = try await server.postJSON("/api/v1/scenarios", ["toml": "[disease]\nr0 = 2.2\n"])
            let bareId = try #require(try bare.json()["id"] as? Int)
            let run = try await server.startRun(scenario: bareId, seed: 3, end: "2020-02-10", scale: 0.001)
            let finished = try await server.waitForEnd(of: run)
            #expect(finished["status"] as? String == "succeeded", "\(finished)")
            let series = try await server.get("/api/v1/runs/\(run)/files/timeseries.csv").text
            #expect(series.contains(",\(try #require(scenario.configuration.provinces.first?.name)),"), "\(series.prefix(300))")
            // The timeline page's examples name the scenario's own places.
            let timeline = try await server.get("/scenarios/\(builtIn)/timeline").text
            let first = try #require(scenario.configuration.provinces.first?.name)
            #expect(timeline.contains("provinces = [&quot;\(first)&quot;]") && !timeline.contains("Herat"), "\(first)")
        }
    }

    /// A bundled pack's files copied into a new folder: a pack named by its path.
    static func copiedPack(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-pack-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: try CountryPack.open(name).directory, to: folder)
        return folder
    }

    @Test("a pack folder the operator names is served: its built-in scenario, and texts may name it")
    func folderPack() async throws {
        let folder = try Self.copiedPack("nepal-2020")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestServer.with(country: folder.path) { server in
            let answer = try await server.postJSON("/api/v1/what-if", ["overrides": Self.until, "series": "national"])
            let country = try answer.json()["country"] as? String
            #expect(answer.status == 200 && country == "Nepal", "\(answer.text.prefix(300))")
            let id = try await server.createBuiltInScenario()
            let text = try #require(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String)
            let reference = folder.standardizedFileURL.path
            #expect(text.contains("country = \"\(reference)\""))
            let named = try await server.postJSON("/api/v1/scenarios", ["toml": "[scenario]\ncountry = \"\(reference)\"\n"])
            #expect(named.status == 201, "\(named.text)")
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
