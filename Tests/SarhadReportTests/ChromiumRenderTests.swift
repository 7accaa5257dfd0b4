import Foundation
import Testing
@testable import SarhadReport
import SarhadTestSupport

/// Opens a generated report in headless Chromium, as a reader's browser would. Chromium is a
/// test dependency (installed by .ci/run); without it this test fails rather than skips.
@Suite("The report in a browser")
struct ChromiumRenderTests {
    @Test("Chromium renders the report: charts in the DOM, and a screenshot far richer than a blank page")
    func rendersInChromium() throws {
        guard HeadlessChromium.executable != nil else {
            Issue.record("Chromium is not installed (apt-get install chromium; .ci/run installs it): the report cannot be checked in a browser")
            return
        }
        let runDirectory = try ReportFixture.runDirectory(ReportFixture.result())
        let run = try ReportRun.load(directory: runDirectory)
        let reportURL = try ReportWriter.write([run], geometry: PackGeometry.provinces(nil), to: runDirectory)
        let work = runDirectory.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }

        let dom = try HeadlessChromium.run(["--dump-dom", reportURL.absoluteString], in: work)
        #expect(dom.status == 0)
        #expect(dom.output.components(separatedBy: "<svg").count - 1 == 9, "the browser's DOM should hold the nine charts")
        #expect(dom.output.contains("Infections against recorded cases"))
        #expect(!dom.output.contains("<parsererror"))

        let blankURL = work.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blankURL)
        let reportShot = work.appendingPathComponent("report.png")
        let blankShot = work.appendingPathComponent("blank.png")
        for (page, shot) in [(reportURL, reportShot), (blankURL, blankShot)] {
            let outcome = try HeadlessChromium.run(["--screenshot=\(shot.path)", "--window-size=1280,2400", page.absoluteString], in: work)
            #expect(outcome.status == 0)
        }
        let report = try Data(contentsOf: reportShot)
        let blank = try Data(contentsOf: blankShot)
        let size = try #require(HeadlessChromium.pngSize(report))
        #expect(size.width == 1280 && size.height == 2400)
        // A blank page compresses to a few kilobytes; text, charts and the map do not.
        #expect(report.count > 100_000, "screenshot is only \(report.count) bytes")
        #expect(report.count > 10 * blank.count, "report \(report.count) bytes against a blank page's \(blank.count)")
    }
}
