import Foundation
import Testing

@Suite("sarhad report, end to end")
struct ReportCLITests {
    @Test("run then report: report.html has every section, the run's numbers, and no script")
    func runThenReport() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try SarhadProcess.run(["run", "--population-scale", "0.002", "--end", "2020-05-31", "--output", "out",
                                         "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        let report = try SarhadProcess.run(["report", "out"], in: directory)
        #expect(report.status == 0, "\(report.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("out/report.html"), encoding: .utf8)
        for id in ["key-figures", "scenario", "infections", "deaths", "health-care", "provinces", "importation", "age"] {
            #expect(html.contains("<section id=\"\(id)\">"), "missing section \(id)")
        }
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("Afghanistan 2020 (built-in)"))
        #expect(html.contains("R0 = 2.4"))
        #expect(html.contains("Islam Qala"))
        #expect(html.components(separatedBy: "data-province=").count - 1 == 2 * 34)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out/summary.json")))
            as! [String: Any]
        let scaled = summary["totals_scaled_to_population"] as! [String: Any]
        let deaths = scaled["deaths"] as! Int
        #expect(html.contains("data-figure=\"True deaths\">\(grouped(deaths))<"))
    }

    @Test("several run directories: a comparison, written where --output says")
    func comparison() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[border]\nopen = false\n".write(to: directory.appendingPathComponent("closed.toml"), atomically: true, encoding: .utf8)
        for (name, arguments) in [("base", [String]()), ("closed", ["closed.toml"])] {
            let run = try SarhadProcess.run(["run"] + arguments + ["--population-scale", "0.001", "--end", "2020-04-30",
                                                                  "--output", name, "--quiet"], in: directory)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let report = try SarhadProcess.run(["report", "base", "closed", "--output", "compared"], in: directory)
        #expect(report.status == 0, "\(report.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("compared/report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"comparison\">"))
        #expect(html.contains("Infections averted"))
    }

    @Test("a directory that is not a run exits with status 2 and says why")
    func notARun() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let outcome = try SarhadProcess.run(["report", "empty"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("no timeseries.csv"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("empty/report.html").path))
    }

    func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return result
    }
}
