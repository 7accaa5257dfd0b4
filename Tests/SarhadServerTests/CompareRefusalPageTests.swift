import Foundation
import Testing

/// The dashboard compares only runs of the same days and population scale; otherwise it answers 409
/// (as `sarhad compare` exits with 2), naming both values, and shows no averted numbers.
@Suite("Dashboard comparison of incomparable runs")
struct CompareRefusalPageTests {
    @Test("runs ending on different days: the compare page and API say so, naming both end dates")
    func differentEnds() async throws {
        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let short = try await server.startRun(scenario: scenario, seed: 3, end: "2020-03-10", scale: 0.001)
            let long = try await server.startRun(scenario: scenario, seed: 3, end: "2020-03-15", scale: 0.001)
            #expect(try await server.waitForEnd(of: short)["status"] as? String == "succeeded")
            #expect(try await server.waitForEnd(of: long)["status"] as? String == "succeeded")
            for path in ["/compare?runs=\(short),\(long)", "/api/v1/compare?runs=\(short),\(long)"] {
                let answer = try await server.get(path)
                #expect(answer.status == 409, "\(path)")
                #expect(answer.text.contains("cannot compare"), "\(path)")
                #expect(answer.text.contains("ends on 2020-03-15") && answer.text.contains("on 2020-03-10"), "\(path)")
                #expect(!answer.text.contains("Infections averted"), "\(path)")
            }
        }
    }
}
