import Foundation
import SarhadScenario
import Testing

@Suite("What-if API")
struct WhatIfAPITests {
    static func whatIf(_ server: TestServer, _ body: [String: Any]) async throws -> [String: Any] {
        let answer = try await server.request("POST", "/api/v1/what-if", body: try JSONSerialization.data(withJSONObject: body))
        #expect(answer.status == 200, "\(String(decoding: answer.data, as: UTF8.self).prefix(300))")
        return try answer.json()
    }

    static func total(_ answer: [String: Any], _ measure: String) -> Double {
        ((answer["national"] as? [String: Any])?["totals"] as? [String: Double])?[measure] ?? .nan
    }

    /// Every request stops at 30 April (121 days): the server tests share two cores, and the answer's size
    /// and the twin's time grow with the days.
    static let until = "[scenario]\nend = 2020-04-30\n"

    /// The twin is deterministic, so the direction of a change is certain: a lower R0 must give fewer
    /// infections and deaths, and the same request the same numbers.
    @Test("the built-in scenario's curves come back at once, and a lower R0 gives fewer infections")
    func leverMovesCurves() async throws {
        try await TestServer.with { server in
            let base = try await Self.whatIf(server, ["overrides": Self.until])
            #expect(base["days"] as? Int == 121 && base["start"] as? String == "2020-01-01" && base["engine"] as? String == "mean-field")
            let national = try #require(base["national"] as? [String: Any])
            #expect(national["name"] as? String == "Afghanistan")
            #expect(((national["series"] as? [String: [Double]])?["infections"])?.count == 121)
            #expect((base["provinces"] as? [Any])?.count == 34)
            let lower = try await Self.whatIf(server, ["overrides": Self.until + "[disease]\nr0 = 1.6\n"])
            #expect(Self.total(lower, "infections") < 0.9 * Self.total(base, "infections"))
            #expect(Self.total(lower, "deaths") < Self.total(base, "deaths"))
            let again = try await Self.whatIf(server, ["overrides": Self.until + "[disease]\nr0 = 1.6\n"])
            #expect(Self.total(again, "infections") == Self.total(lower, "infections"))
            // A stored scenario by id gives what its text gives.
            let id = try await server.createBuiltInScenario()
            let stored = try await Self.whatIf(server, ["scenario": id, "overrides": Self.until + "[disease]\nr0 = 1.6\n"])
            #expect(Self.total(stored, "infections") == Self.total(lower, "infections"))
            // One province's series, every province's totals: the same numbers in a fiftieth of the answer.
            let herat = try await Self.whatIf(server, ["overrides": Self.until, "series": "herat"])
            let provinces = try #require(herat["provinces"] as? [[String: Any]])
            let withSeries = provinces.filter { !(($0["series"] as? [String: Any]) ?? [:]).isEmpty }.compactMap { $0["name"] as? String }
            #expect(withSeries == ["Herat"])
            #expect(provinces.allSatisfy { ($0["totals"] as? [String: Double])?["infections"] != nil })
            #expect(Self.total(herat, "infections") == Self.total(base, "infections"))
            let nowhere = try await server.request("POST", "/api/v1/what-if",
                                                   body: try JSONSerialization.data(withJSONObject: ["overrides": Self.until, "series": "Atlantis"]))
            #expect(nowhere.status == 422)
            #expect(try nowhere.error()["field"] as? String == "series")
        }
    }

    @Test("a bad change is answered 422 with its key and line; unknown fields and both sources are refused")
    func badRequests() async throws {
        try await TestServer.with { server in
            let bad = try await server.request("POST", "/api/v1/what-if",
                                               body: try JSONSerialization.data(withJSONObject: ["overrides": "[disease]\n\nr0 = 99\n"]))
            #expect(bad.status == 422)
            let error = try bad.error()
            #expect(error["key"] as? String == "disease.r0" && error["line"] as? Int == 3)
            let country = try await server.request("POST", "/api/v1/what-if",
                                                   body: try JSONSerialization.data(withJSONObject: ["overrides": "[scenario]\ncountry = \"nepal-2020\"\n"]))
            #expect(country.status == 422)
            let unknown = try await server.request("POST", "/api/v1/what-if", body: try JSONSerialization.data(withJSONObject: ["replicates": 5]))
            #expect(unknown.status == 400)
            let both = try await server.request("POST", "/api/v1/what-if",
                                                body: try JSONSerialization.data(withJSONObject: ["scenario": 1, "toml": "[disease]\nr0 = 2\n"]))
            #expect(both.status == 400)
            let missing = try await server.request("POST", "/api/v1/what-if", body: try JSONSerialization.data(withJSONObject: ["scenario": 999]))
            #expect(missing.status == 404)
        }
    }
}
