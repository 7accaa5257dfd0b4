import Foundation
import Testing
@testable import SarhadReport

/// Opens a generated report in headless Chromium, as a reader's browser would. Chromium is a
/// test dependency (installed by .ci/run); without it this test fails rather than skips.
@Suite("The report in a browser")
struct ChromiumRenderTests {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"]

    static var chromium: String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs Chromium headless with a private profile; stops it if it takes longer than `timeout` seconds.
    static func runChromium(_ arguments: [String], in directory: URL, timeout: TimeInterval = 120) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(directory.appendingPathComponent("profile").path)"] + arguments
        // Output goes to a file, so waiting on the process cannot block on a full pipe.
        let outputURL = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let data = (try? Data(contentsOf: outputURL)) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Width and height from a PNG's IHDR chunk, or nil if the file is not a PNG.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        let integer = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20))
    }

    @Test("Chromium renders the report: charts in the DOM, and a screenshot far richer than a blank page")
    func rendersInChromium() throws {
        guard Self.chromium != nil else {
            Issue.record("Chromium is not installed (apt-get install chromium; .ci/run installs it): the report cannot be checked in a browser")
            return
        }
        let runDirectory = try ReportFixture.runDirectory(ReportFixture.result())
        let run = try ReportRun.load(directory: runDirectory)
        let reportURL = try ReportWriter.write([run], geometry: GeoJSONProvinces.parse(bundledProvinceGeoJSON()), to: runDirectory)
        let work = runDirectory.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }

        let dom = try Self.runChromium(["--dump-dom", reportURL.absoluteString], in: work)
        #expect(dom.status == 0)
        #expect(dom.output.components(separatedBy: "<svg").count - 1 == 9, "the browser's DOM should hold the nine charts")
        #expect(dom.output.contains("Infections against recorded cases"))
        #expect(!dom.output.contains("<parsererror"))

        let blankURL = work.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blankURL)
        let reportShot = work.appendingPathComponent("report.png")
        let blankShot = work.appendingPathComponent("blank.png")
        for (page, shot) in [(reportURL, reportShot), (blankURL, blankShot)] {
            let outcome = try Self.runChromium(["--screenshot=\(shot.path)", "--window-size=1280,2400", page.absoluteString], in: work)
            #expect(outcome.status == 0)
        }
        let report = try Data(contentsOf: reportShot)
        let blank = try Data(contentsOf: blankShot)
        let size = try #require(Self.pngSize(report))
        #expect(size.width == 1280 && size.height == 2400)
        // A blank page compresses to a few kilobytes; text, charts and the map do not.
        #expect(report.count > 100_000, "screenshot is only \(report.count) bytes")
        #expect(report.count > 10 * blank.count, "report \(report.count) bytes against a blank page's \(blank.count)")
    }
}
