import Foundation
import SarhadInference
import SarhadModel
import Testing
@testable import SarhadReport

/// Ensembles and comparisons as `sarhad compare` writes them, read back by the report: every headline
/// is a median over all replicates with its interval, the same digits as comparison.csv and summary.json.
@Suite("Reports of ensembles and comparisons")
struct EnsembleReportTests {
    static let replicates = 5
    /// A scale whose division leaves fractions, so that any difference in rounding would show.
    static let scale = 0.3

    /// Replicate r's epidemic grows with r, so the median is replicate 2, never replicate 0.
    static func ensemble(_ name: String, strength: Double) -> [SimulationResult] {
        (0..<replicates).map { ReportFixture.result(strength: strength * (0.4 + 0.35 * Double($0)), scale: scale, name: name) }
    }

    /// One scenario's folder as `CompareJob.finish` writes it.
    static func write(_ runs: [SimulationResult], into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(EnsembleCSV.replicates(runs, indices: Array(runs.indices)).utf8).write(to: directory.appendingPathComponent("timeseries.csv"))
        try Data(EnsembleCSV.quantiles(EnsembleQuantiles(runs), startDate: runs[0].startDate).utf8)
            .write(to: directory.appendingPathComponent("quantiles.csv"))
        try SummaryJSON.render(runs[0], engine: "agent", ensemble: runs).write(to: directory.appendingPathComponent("summary.json"))
    }

    struct Comparison {
        var html: String
        var csv: [String: [String: [String]]]  // scenario → measure → the row's fields
        var quantiles: String
        var summary: [String: Any]
    }

    /// Writes a comparison directory (two ensembles and comparison.csv), then reports on it as `compare --report` does.
    static func comparison() throws -> Comparison {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-ensemble-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = ensemble("baseline", strength: 1), cut = ensemble("aid cut", strength: 1.6)
        let names = ["1-baseline", "2-aid-cut"]
        try write(base, into: root.appendingPathComponent(names[0]))
        try write(cut, into: root.appendingPathComponent(names[1]))
        let csvText = ComparisonTables.csv(ScenarioComparison(names: names, results: [base, cut]))
        var csv = [String: [String: [String]]]()
        for line in csvText.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            csv[fields[0], default: [:]][fields[1]] = fields
        }
        let report = try ReportWriter.write(runDirectories: names.map { root.appendingPathComponent($0) }, to: root)
        return Comparison(html: try String(contentsOf: report, encoding: .utf8), csv: csv,
                          quantiles: try String(contentsOf: root.appendingPathComponent("1-baseline/quantiles.csv"), encoding: .utf8),
                          summary: try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("1-baseline/summary.json")))
                              as! [String: Any])
    }

    static func figure(_ html: String, _ label: String) -> String? {
        html.components(separatedBy: "data-figure=\"\(label)\">").dropFirst().first?.components(separatedBy: "<").first
    }

    static func interval(_ html: String, _ label: String) -> String? {
        html.components(separatedBy: "data-interval=\"\(label)\">").dropFirst().first?.components(separatedBy: "<").first
    }

    static func grouped(_ field: String) -> String { NumberText.grouped(Double(field)!) }

    @Test("key figures are the medians and 95 % intervals of comparison.csv, to the digit, not replicate 0")
    func keyFiguresMatchComparisonCSV() throws {
        let comparison = try Self.comparison()
        let html = comparison.html
        for (label, measure) in [("True infections", "infections_including_imported"), ("Recorded cases", "confirmed"),
                                 ("True deaths", "deaths"), ("Recorded deaths", "recorded_deaths"),
                                 ("Peak hospital beds needed", "peak_beds_needed")] {
            let row = try #require(comparison.csv["1-baseline"]?[measure])
            #expect(Self.figure(html, label) == Self.grouped(row[2]), "\(label)")
            #expect(Self.interval(html, label)?.hasPrefix("95 % interval \(Self.grouped(row[3]))–\(Self.grouped(row[4])) ") == true,
                    "\(label): \(Self.interval(html, label) ?? "no interval")")
        }
        // Replicate 0 is not the median here, so a report that showed it would fail above.
        let first = RunSummary(Self.ensemble("baseline", strength: 1)[0])
        #expect(Self.figure(html, "True deaths") != NumberText.grouped(Double(first.scaled(first.national.trueDeaths))))
    }

    @Test("intervals from fewer than 20 replicates say how many they rest on")
    func fewReplicates() throws {
        let html = try Self.comparison().html
        #expect(Self.interval(html, "True infections")?.contains("from only 5 replicates") == true)
        #expect(html.contains("Bands hold the middle 50 % and 95 % of the replicates on each day, from only 5 replicates"))
    }

    @Test("summary.json's ensemble headlines are comparison.csv's numbers")
    func summaryMatchesComparisonCSV() throws {
        let comparison = try Self.comparison()
        let ensemble = try #require(comparison.summary["ensemble"] as? [String: Any])
        let headlines = try #require(ensemble["headlines_scaled_to_population"] as? [String: [String: Int]])
        for (measure, row) in try #require(comparison.csv["1-baseline"]) {
            #expect(headlines[measure]?["median"].map(String.init) == row[2], "\(measure)")
            #expect(headlines[measure]?["lower_95"].map(String.init) == row[3], "\(measure)")
            #expect(headlines[measure]?["upper_95"].map(String.init) == row[4], "\(measure)")
        }
    }

    @Test("beds available are the last day's median in quantiles.csv, scaled; not 0")
    func bedsFromQuantiles() throws {
        let comparison = try Self.comparison()
        let lastDay = ReportFixture.start.adding(days: ReportFixture.days - 1).description
        let row = try #require(comparison.quantiles.split(separator: "\n")
            .first { $0.hasPrefix("\(lastDay),national,bed_capacity,0.5,") })
        let simulated = Double(row.split(separator: ",")[4])!
        #expect(simulated > 0)
        let beds = NumberText.grouped(simulated / Self.scale)
        #expect(comparison.html.contains("\(beds) beds available (median on the last day)"))
        #expect(comparison.html.contains("\(beds) beds exist"))
    }

    @Test("the comparison table shows infections averted as comparison.csv's paired difference, with its interval")
    func avertedMatchesComparisonCSV() throws {
        let comparison = try Self.comparison()
        let row = try #require(comparison.csv["2-aid-cut"]?["infections_including_imported"])
        // Averted is the difference with its sign turned; the second scenario adds infections, so both ends are negative.
        let averted = "\(NumberText.grouped(-Double(row[5])!)) (\(NumberText.grouped(-Double(row[7])!)) to \(NumberText.grouped(-Double(row[6])!)))"
        #expect(Double(row[6])! > 0, "the fixture's second scenario adds infections in every replicate")
        #expect(comparison.html.contains("<td class=\"num\">\(averted)</td>"), "expected \(averted)")
        let deaths = try #require(comparison.csv["2-aid-cut"]?["deaths"])
        #expect(comparison.html.contains("<td class=\"num\">\(Self.grouped(deaths[2])) (\(Self.grouped(deaths[3]))–\(Self.grouped(deaths[4])))</td>"))
    }

    @Test("every chart of an ensemble comparison has bands, the overlays one per scenario")
    func bands() throws {
        let html = try Self.comparison().html
        let svgs = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] }
        let overlay = try #require(svgs.first { $0.contains("New infections by scenario") })
        #expect(SVGInspector(overlay + "</svg>").all("path").filter { $0.attributes["class"] == "band" }.count == 2)
    }
}
