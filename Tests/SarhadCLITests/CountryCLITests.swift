import Foundation
import SarhadTestSupport
import Testing

@Suite("sarhad country, and runs of other countries, end to end")
struct CountryCLITests {
    @Test("country list names the bundled packs and the default")
    func list() throws {
        let outcome = try SarhadProcess.run(["country", "list"], in: try SarhadProcess.temporaryDirectory())
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("afghanistan-2020 (default): Afghanistan, 34 regions"))
    }

    /// The exported pack is read as a folder, through the same loader, and must give the same run.
    @Test("an exported pack runs to the same bytes as the built-in scenario, and export never overwrites a user's folder")
    func exportRoundTrip() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        let export = try SarhadProcess.run(["country", "export", "afghanistan-2020", "af"], in: directory)
        #expect(export.status == 0, "\(export.standardError)")
        #expect(try SarhadProcess.run(["country", "check", "af"], in: directory).status == 0)
        let options = ["--population-scale", "0.01", "--end", "2020-05-15", "--seed", "3"]
        let builtIn = try SarhadProcess.run(["run"] + options + ["--output", "built-in"], in: directory)
        let exported = try SarhadProcess.run(["run", "--country", "af"] + options + ["--output", "exported"], in: directory)
        #expect(builtIn.status == 0 && exported.status == 0, "\(exported.standardError)")
        for file in ["timeseries.csv", "summary.json"] {
            let a = try Data(contentsOf: directory.appendingPathComponent("built-in/\(file)"))
            let b = try Data(contentsOf: directory.appendingPathComponent("exported/\(file)"))
            #expect(a == b, "\(file) differs")
        }
        // The run's scenario.toml names the folder, and reloads on its own.
        let written = try String(contentsOf: directory.appendingPathComponent("exported/scenario.toml"), encoding: .utf8)
        #expect(written.contains("country = \"\(directory.appendingPathComponent("af").standardizedFileURL.path)\""))
        #expect(try SarhadProcess.run(["scenario", "check", "exported/scenario.toml"], in: directory).status == 0)
        // The exported pack is the user's: neither a second export nor a run's --output replaces it.
        #expect(try SarhadProcess.run(["country", "export", "afghanistan-2020", "af"], in: directory).status == 2)
        #expect(try SarhadProcess.run(["run", "--population-scale", "0.001", "--end", "2020-01-10", "--output", "af"],
                                      in: directory).status == 2)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("af/pack.toml").path))
        // A folder of the user's is never replaced.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: directory.appendingPathComponent("mine/notes.txt"))
        let refused = try SarhadProcess.run(["country", "export", "afghanistan-2020", "mine"], in: directory)
        #expect(refused.status == 2)
        #expect(try String(contentsOf: directory.appendingPathComponent("mine/notes.txt"), encoding: .utf8) == "keep")
    }

    @Test("a made-up country of three regions runs from its files alone, its report drawing its own map")
    func madeUpCountry() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        let outcome = try SarhadProcess.run(["run", "--country", TestPacks.testland.path, "--output", "tl", "--report", "tl"],
                                            in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Testland ") && outcome.standardOutput.contains("Centre "))
        let report = try String(contentsOf: directory.appendingPathComponent("tl/report.html"), encoding: .utf8)
        #expect(report.contains("Testland 2020") && report.contains("South Gate"))
        // Each region's outline is on the map, named.
        for region in ["North", "Centre", "South"] { #expect(report.contains("data-province=\"\(region)\""), "no outline for \(region)") }
        let timeseries = try String(contentsOf: directory.appendingPathComponent("tl/timeseries.csv"), encoding: .utf8)
        #expect(timeseries.contains(",South,confirmed,"))
    }

    @Test("the Nepal pack runs, its 77 districts on the map, its record and returnees from India")
    func nepal() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        #expect(try SarhadProcess.run(["country", "check", "nepal-2020"], in: directory).status == 0)
        let outcome = try SarhadProcess.run(["run", "--country", "nepal-2020", "--population-scale", "0.01", "--end", "2020-06-30",
                                             "--output", "np", "--report", "np"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Nepal "))
        let report = try String(contentsOf: directory.appendingPathComponent("np/report.html"), encoding: .utf8)
        #expect(report.components(separatedBy: "data-province=\"").count - 1 >= 77)
        #expect(report.contains("Kailali") && report.contains("Gaddachauki"))
        let scenario = try String(contentsOf: directory.appendingPathComponent("np/scenario.toml"), encoding: .utf8)
        #expect(scenario.contains("country = \"nepal-2020\"") && scenario.contains("Returns from India"))
    }

    @Test("country check lists every problem of a broken pack with its file and line, exit status 2")
    func checkBrokenPack() throws {
        let folder = try TestPacks.testlandCopy([
            "outlines.geojson": { $0.replacingOccurrences(of: "\"North\"", with: "\"Northland\"") },
            "scenario.toml": { $0.replacingOccurrences(of: "share = 1.0", with: "share = 0.7") },
        ])
        let outcome = try SarhadProcess.run(["country", "check", folder.path], in: try SarhadProcess.temporaryDirectory())
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("outlines.geojson: `name` has an outline for \"Northland\", which is not a region"))
        #expect(outcome.standardError.contains("has no outline for region \"North\""))
        #expect(outcome.standardError.contains("scenario.toml"), "\(outcome.standardError)")
    }
}
