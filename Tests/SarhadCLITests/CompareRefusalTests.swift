import Foundation
import Testing

/// `compare` and `report` refuse runs that cover different days or population scales, and a compared
/// ensemble's report says what comparison.csv says.
@Suite("compare and report: comparable runs only, the same numbers everywhere")
struct CompareRefusalTests {
    func write(_ text: String, to name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test("compare refuses scenarios with different end dates: exit 2, both dates named, nothing written")
    func differentEnds() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("[scenario]\nend = 2020-04-30\npopulation_scale = 0.001\n", to: "april.toml", in: directory)
        try write("[scenario]\nend = 2020-05-31\npopulation_scale = 0.001\n", to: "may.toml", in: directory)
        let outcome = try SarhadProcess.run(["compare", "april.toml", "may.toml", "--replicates", "1", "--output", "cmp", "--quiet"],
                                            in: directory)
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("\"may.toml\" ends on 2020-05-31 and \"april.toml\" on 2020-04-30"),
                "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cmp").path))
    }

    @Test("compare refuses scenarios with different population scales: exit 2, both scales named")
    func differentScales() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("[scenario]\nend = 2020-03-10\npopulation_scale = 0.001\n", to: "small.toml", in: directory)
        try write("[scenario]\nend = 2020-03-10\npopulation_scale = 0.002\n", to: "large.toml", in: directory)
        let outcome = try SarhadProcess.run(["compare", "small.toml", "large.toml", "--replicates", "1", "--output", "cmp", "--quiet"],
                                            in: directory)
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("\"large.toml\" was simulated at population scale 0.002 and \"small.toml\" at 0.001"),
                "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cmp").path))
    }

    @Test("report refuses run directories at different population scales: exit 2, both named, no report.html")
    func reportRefuses() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, scale) in [("small", "0.001"), ("large", "0.002")] {
            let run = try SarhadProcess.run(["run", "--population-scale", scale, "--end", "2020-03-10", "--output", name, "--quiet"],
                                            in: directory)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let outcome = try SarhadProcess.run(["report", "small", "large", "--output", "both"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("\"large\" was simulated at population scale 0.002 and \"small\" at 0.001"),
                "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("both/report.html").path))
    }

    @Test("compare --report: the report's medians, intervals and averted infections are comparison.csv's, to the digit")
    func reportAgreesWithComparisonCSV() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("[border]\nopen = false\n", to: "closed.toml", in: directory)
        let outcome = try SarhadProcess.run(["compare", "built-in", "closed.toml", "--replicates", "3", "--population-scale", "0.001",
                                             "--end", "2020-04-30", "--output", "cmp", "--report", "cmp-report", "--quiet"],
                                            in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let csv = try String(contentsOf: directory.appendingPathComponent("cmp/comparison.csv"), encoding: .utf8)
        var rows = [String: [String]]()
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            rows[fields[0] + "/" + fields[1]] = fields
            #expect(fields.dropFirst(2).allSatisfy { Int($0) != nil }, "counts are whole numbers: \(line)")
        }
        let html = try String(contentsOf: directory.appendingPathComponent("cmp-report/report.html"), encoding: .utf8)
        let baseline = try #require(rows["1-built-in/infections_including_imported"])
        let figure = html.components(separatedBy: "data-figure=\"True infections\">").dropFirst().first?.components(separatedBy: "<").first
        #expect(figure == grouped(baseline[2]))
        let interval = html.components(separatedBy: "data-interval=\"True infections\">").dropFirst().first?.components(separatedBy: "<").first
        #expect(interval == "95 % interval \(grouped(baseline[3]))–\(grouped(baseline[4])) from only 3 replicates "
                + "(fewer than 20: its ends are rough)")
        let closed = try #require(rows["2-closed/infections_including_imported"])
        let (lower, upper) = (negated(closed[7]), negated(closed[6]))
        // A range with a negative end is written "a to b", otherwise "a–b".
        let separator = lower.hasPrefix("-") || upper.hasPrefix("-") ? " to " : "–"
        let averted = "\(grouped(negated(closed[5]))) (\(grouped(lower))\(separator)\(grouped(upper)))"
        #expect(html.contains("<td class=\"num\">\(averted)</td>"), "expected \(averted)")
        let header = try String(contentsOf: directory.appendingPathComponent("cmp/1-built-in/timeseries.csv"), encoding: .utf8)
            .prefix { $0 != "\n" }
        #expect(header == "date,province,measure,replicate,value,population_scale")
    }

    func negated(_ field: String) -> String { field == "0" ? "0" : field.hasPrefix("-") ? String(field.dropFirst()) : "-" + field }

    /// "-12345" → "-12,345".
    func grouped(_ field: String) -> String {
        let negative = field.hasPrefix("-")
        let digits = negative ? String(field.dropFirst()) : field
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (negative ? "-" : "") + result
    }
}

@Suite("sweep.csv: the shared vocabulary, whole numbers")
struct SweepCSVTests {
    @Test("sweep.csv names its measures as comparison.csv does and writes counts as whole numbers")
    func sweepCSV() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["sweep", "--set", "disease.r0=1.8,3", "--replicates", "2", "--population-scale", "0.001",
                                             "--end", "2020-03-31", "--output", "sw", "--quiet"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = try String(contentsOf: directory.appendingPathComponent("sw/sweep.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "disease.r0,measure,median,lower_95,upper_95")
        let measures = Set(lines.dropFirst().map { String($0.split(separator: ",")[1]) })
        #expect(measures == ["infections_including_imported", "confirmed", "deaths", "recorded_deaths", "peak_beds_needed"])
        for line in lines.dropFirst() {
            #expect(line.split(separator: ",").dropFirst(2).allSatisfy { Int($0) != nil }, "\(line)")
        }
    }
}
