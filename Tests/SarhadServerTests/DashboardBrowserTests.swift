import Foundation
import Testing
import SarhadTestSupport

/// The dashboard in headless Chromium, as a person would use it: a scenario made from the
/// built-in one through the pages' forms, a small run started from the runs page, and the results
/// page read back from the browser's DOM. Chromium is a test dependency (.ci/run installs it);
/// without it this test fails rather than skips. On failure the screenshot is kept in .ci-artifacts/.
@Suite("The dashboard in a browser")
struct DashboardBrowserTests {
    static var artifacts: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".ci-artifacts", isDirectory: true)
    }

    /// Chromium's page output; a missing Chromium fails the test.
    static func chromium(_ arguments: [String], in directory: URL) async throws -> String {
        try await HeadlessChromium.runOffPool(arguments, in: directory, timeout: 90).output
    }

    @Test("Create a scenario, run it at a small scale, and see the results page's charts in Chromium")
    func scenarioToResults() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await TestServer.with { server in
            // The scenarios page's button posts this form; the browser follows the redirect to the new scenario's form.
            let created = try await server.postForm("/scenarios", ["from": "built-in"])
            let scenarioPath = try #require(created.url?.path)
            #expect(scenarioPath.hasPrefix("/scenarios/"))
            let formDOM = try await Self.chromium(["--dump-dom", server.url(scenarioPath).absoluteString], in: work)
            #expect(formDOM.contains("name=\"disease.r0\""), "the form shows the parameters")
            #expect(formDOM.contains("Imperial College Report 9"), "the form shows sources")

            let scenarioId = try #require(scenarioPath.split(separator: "/").last.map(String.init))
            let started = try await server.postForm("/runs", ["scenario": scenarioId, "seed": "2", "end_date": "2020-03-31",
                                                              "population_scale": "0.001"])
            let runPath = try #require(started.url?.path)
            let runId = try #require(Int(runPath.split(separator: "/").last.map(String.init) ?? ""))
            #expect(try await server.waitForEnd(of: runId)["status"] as? String == "succeeded")

            let dom = try await Self.chromium(["--dump-dom", server.url(runPath).absoluteString], in: work)
            let charts = dom.components(separatedBy: "<svg").count - 1
            let report = try await server.get("/api/v1/runs/\(runId)/files/report.html").text
            let reportCharts = report.components(separatedBy: "<svg").count - 1
            let linksPresent = dom.contains("/api/v1/runs/\(runId)/files/timeseries.csv")
            #expect(reportCharts >= 5)
            #expect(charts == reportCharts, "the results page shows the report's charts")
            #expect(linksPresent, "the downloads are linked")
            if charts != reportCharts || !linksPresent {
                try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
                let shot = Self.artifacts.appendingPathComponent("dashboard-results.png")
                _ = try await Self.chromium(["--screenshot=\(shot.path)", "--window-size=1280,2400", server.url(runPath).absoluteString],
                                      in: work)
                Issue.record("screenshot kept at \(shot.path)")
            }
        }
    }
}
