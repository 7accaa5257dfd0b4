import Foundation
import SarhadModel
import SarhadScenario
import SarhadServer
import Testing

/// The timeline as a form: events moved, removed and added, and refusals shown beside the row and field
/// they belong to, with the loader's own messages.
@Suite("Timeline form")
struct TimelineFormTests {
    /// The posted fields for these rows, as the page's form sends them.
    static func fields(_ rows: [TimelineForm.Row]) -> [String: String] {
        var fields = [String: String]()
        for row in rows {
            fields["event.\(row.id).date"] = row.date
            fields["event.\(row.id).until"] = row.until
            fields["event.\(row.id).kind"] = row.kind
            fields["event.\(row.id).label"] = row.label
            fields["event.\(row.id).settings"] = row.settings
            if row.remove { fields["event.\(row.id).remove"] = "1" }
        }
        return fields
    }

    static func timeline(_ server: TestServer, _ id: Int) async throws -> [TimelineEvent] {
        let toml = try #require(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String)
        return try ScenarioLoader.load(text: toml, name: "stored").configuration.timeline
    }

    @Test("moving, removing and adding events saves the timeline in date order")
    func editTimeline() async throws {
        try await TestServer.with { server in
            let id = try await server.createBuiltInScenario()
            let page = try await server.get("/scenarios/\(id)/timeline")
            #expect(page.status == 200)
            #expect(page.text.contains("National school closure"))
            let toml = try #require(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String)
            let structured = ScenarioForm(scenario: try ScenarioLoader.load(text: toml, name: "stored")).values[ScenarioForm.structuredField] ?? ""
            var rows = TimelineForm(structured: structured).rows
            let before = try await Self.timeline(server, id)
            #expect(rows.count == before.count)
            let school = try #require(rows.firstIndex { $0.label == "National school closure" })
            rows[school].date = "2020-03-01"
            let herat = try #require(rows.firstIndex { $0.label == "Herat laboratory opens" })
            rows[herat].remove = true
            var added = TimelineForm.Row(id: "new")
            added.date = "2020-05-20"
            added.kind = "prisoner_release"
            added.label = "Release of 5,000 prisoners"
            added.settings = "count = 5000"
            let saved = try await server.postForm("/scenarios/\(id)/timeline", Self.fields(rows + [added]))
            #expect(saved.status == 200 && saved.url?.query?.contains("saved=1") == true, "\(saved.text.suffix(1500))")

            let after = try await Self.timeline(server, id)
            #expect(after.count == before.count)
            #expect(after.first { $0.label == "National school closure" }?.date == SimDate(iso: "2020-03-01"))
            #expect(!after.contains { $0.label == "Herat laboratory opens" })
            let release = try #require(after.first { $0.label == "Release of 5,000 prisoners" })
            #expect(release.action == .prisonerRelease(count: 5000))
            #expect(after.map(\.date) == after.map(\.date).sorted(), "kept in date order")

            // The page's own form sends its add row even when nobody filled it in: its kind menu always has a choice.
            let reloaded = try #require(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String)
            let again = TimelineForm(structured: ScenarioForm(scenario: try ScenarioLoader.load(text: reloaded, name: "stored"))
                .values[ScenarioForm.structuredField] ?? "").rows
            var untouched = TimelineForm.Row(id: "new")
            untouched.kind = "contacts"
            let resaved = try await server.postForm("/scenarios/\(id)/timeline", Self.fields(again + [untouched]))
            #expect(resaved.status == 200 && resaved.url?.query?.contains("saved=1") == true, "\(resaved.text.suffix(800))")
            #expect(try await Self.timeline(server, id).count == after.count)
        }
    }

    @Test("a bad setting or kind is refused beside its row, with the loader's message, and nothing is saved")
    func refusals() async throws {
        try await TestServer.with { server in
            let id = try await server.createBuiltInScenario()
            let toml = try #require(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String)
            let structured = ScenarioForm(scenario: try ScenarioLoader.load(text: toml, name: "stored")).values[ScenarioForm.structuredField] ?? ""
            var rows = TimelineForm(structured: structured).rows
            let school = try #require(rows.firstIndex { $0.label == "National school closure" })
            rows[school].settings = "layers = [\"school\"]\nmultiplier = 7000"
            let tooHigh = try await server.postForm("/scenarios/\(id)/timeline", Self.fields(rows))
            #expect(tooHigh.status == 422)
            #expect(tooHigh.text.contains("data-error-for=\"event.\(rows[school].id).settings\""), "\(tooHigh.text.prefix(3000))")
            #expect(tooHigh.text.contains("multiplier"))

            rows[school].settings = "layers = [\"school\"]\nmultiplier = 0.0"
            rows[school].kind = "lockdown"
            let unknown = try await server.postForm("/scenarios/\(id)/timeline", Self.fields(rows))
            #expect(unknown.status == 422)
            #expect(unknown.text.contains("data-error-for=\"event.\(rows[school].id).kind\""))
            #expect(unknown.text.contains("one of contacts, border"))

            rows[school].kind = "contacts"
            rows[school].until = "2020-01-01"
            let backwards = try await server.postForm("/scenarios/\(id)/timeline", Self.fields(rows))
            #expect(backwards.status == 422)
            #expect(backwards.text.contains("data-error-for=\"event.\(rows[school].id).until\""))
            #expect(try await server.get("/api/v1/scenarios/\(id)").json()["toml"] as? String == toml, "nothing was saved")
        }
    }
}
