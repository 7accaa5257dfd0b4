import Foundation
import SarhadTestSupport
import Testing

/// The what-if page in headless Chromium: the levers set from the address, and the curves and figures
/// checked to change as the twin says they should. Chromium runs on virtual time here (so that the page's
/// requests finish before the DOM is read), so the page's own `performance.now()` timings are not real
/// ones: the test checks that R0 is moved and redrawn the asked number of times, and prints no time.
/// The budget is small (5 s of virtual time, which stands still while a request is pending): Chromium
/// draws every frame of it, and a budget of minutes kept both cores busy and timed out other server tests.
@Suite("The what-if page in a browser")
struct WhatIfBrowserTests {
    static func figure(_ name: String, in dom: String) -> Double? {
        guard let range = dom.range(of: "data-figure=\"\(name)\">") else { return nil }
        let text = dom[range.upperBound...].prefix { $0 != "<" }.replacingOccurrences(of: ",", with: "")
        return Double(text)
    }

    static func attribute(_ name: String, in dom: String) -> String? {
        guard let range = dom.range(of: "\(name)=\"") else { return nil }
        return String(dom[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("moving R0 or closing the border redraws the curves and figures as the twin says")
    func leverRedraws() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-what-if-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await TestServer.with { server in
            func page(_ query: String) async throws -> String {
                try await HeadlessChromium.runOffPool(["--virtual-time-budget=5000", "--dump-dom", server.url("/what-if?end=2020-03-31&" + query).absoluteString],
                                         in: work, timeout: 240).output
            }
            let high = try await page("r0=3.0")
            let low = try await page("r0=1.4")
            let highInfections = try #require(Self.figure("True infections", in: high), "no figures drawn: \(high.suffix(800))")
            let lowInfections = try #require(Self.figure("True infections", in: low))
            #expect(lowInfections < 0.8 * highInfections, "R0 1.4: \(lowInfections), R0 3.0: \(highInfections)")
            #expect(high.contains("data-series=\"true infections\"") && high.contains("data-series=\"beds needed\""))
            // Screening and quarantine at the border can only lower what comes in.
            let closed = try await page("r0=3.0&open=off")
            #expect(try #require(Self.figure("True infections", in: closed)) <= highInfections)

            let repeated = try await page("repeat=3")
            #expect(Self.attribute("data-changes", in: repeated) == "3", "\(repeated.suffix(600))")
            #expect(Self.attribute("data-median-ms", in: repeated) != nil)
        }
    }
}
