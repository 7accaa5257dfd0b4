import Foundation
import SarhadTestSupport
import Testing

/// Runs the built `sarhad` executable as a user would.
enum SarhadProcess {
    static var executable: URL { SarhadExecutable.url }

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// `environment` adds to (or overrides) this process's variables, e.g. a PATH that finds fake Slurm clients.
    /// `killAfter` (seconds) ends a command that should have been refused at once but runs on instead (as
    /// on a version without the limits), so that such a test fails rather than filling the machine.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    killAfter: Double? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if let killAfter {
            let identifier = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) {
                if process.isRunning { kill(identifier, SIGKILL) }
            }
        }
        // Files, not pipes, would be needed for outputs above 64 KiB on stderr; ours are a few lines.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                       standardError: String(decoding: errorData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("sarhad command line, end to end")
struct CLITests {
    @Test("run writes timeseries.csv, summary.json and scenario.toml, and prints the table")
    func runWritesOutputs() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["run", "--population-scale", "0.002", "--end", "2020-04-30",
                                             "--output", "out", "--seed", "7"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("true infections"))
        #expect(outcome.standardOutput.contains("Afghanistan"))
        #expect(outcome.standardError.contains("day 121/121"))
        let out = directory.appendingPathComponent("out")
        let csv = try String(contentsOf: out.appendingPathComponent("timeseries.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("date,province,measure,value,population_scale\n2020-01-01,national,infections,"))
        #expect(csv.contains(",Kabul,confirmed,"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as? [String: Any]
        #expect(summary?["seed"] as? Int == 7)
        #expect(summary?["population_scale"] as? Double == 0.002)
        #expect(summary?["end_date"] as? String == "2020-04-30")
        let toml = try String(contentsOf: out.appendingPathComponent("scenario.toml"), encoding: .utf8)
        #expect(toml.contains("population_scale = 0.002"))
    }

    @Test("the saved scenario.toml repeats the run byte for byte")
    func savedScenarioRepeats() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SarhadProcess.run(["run", "--population-scale", "0.001", "--end", "2020-05-15", "--output", "a",
                                           "--quiet", "--threads", "1"], in: directory)
        #expect(first.status == 0)
        let second = try SarhadProcess.run(["run", "a/scenario.toml", "--output", "b", "--quiet", "--threads", "3"],
                                           in: directory)
        #expect(second.status == 0, "\(second.standardError)")
        let a = try Data(contentsOf: directory.appendingPathComponent("a/timeseries.csv"))
        let b = try Data(contentsOf: directory.appendingPathComponent("b/timeseries.csv"))
        #expect(a == b)
    }

    @Test("a bad scenario exits with status 2, names the key and line, and writes nothing")
    func badScenario() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[disease]\nr0 = -1\n".write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let outcome = try SarhadProcess.run(["run", "bad.toml", "--output", "out"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("bad.toml:line 2: `disease.r0`"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
        let check = try SarhadProcess.run(["scenario", "check", "bad.toml"], in: directory)
        #expect(check.status == 2)
    }

    @Test("bad options exit with status 2")
    func badOptions() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scale = try SarhadProcess.run(["run", "--population-scale", "2", "--output", "out"], in: directory)
        #expect(scale.status == 2)
        #expect(scale.standardError.contains("--population-scale"))
        let end = try SarhadProcess.run(["run", "--end", "2019-05-01", "--output", "out"], in: directory)
        #expect(end.status == 2)
    }

    @Test("scenario show prints every default with its source, and check accepts it")
    func scenarioShow() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let show = try SarhadProcess.run(["scenario", "show"], in: directory)
        #expect(show.status == 0)
        #expect(show.standardOutput.contains("r0 = 2.4"))
        #expect(show.standardOutput.contains("Imperial College Report 9"))
        try show.standardOutput.write(to: directory.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let check = try SarhadProcess.run(["scenario", "check", "s.toml"], in: directory)
        #expect(check.status == 0)
        #expect(check.standardOutput.contains("valid"))
    }

    @Test("scenario show --markdown prints the parameter tables of docs/MODEL.md, with a file's values")
    func scenarioShowMarkdown() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let builtIn = try SarhadProcess.run(["scenario", "show", "--markdown"], in: directory)
        #expect(builtIn.status == 0)
        #expect(builtIn.standardOutput.hasPrefix("### `[scenario]`"))
        #expect(builtIn.standardOutput.contains("| `r0` | 2.4 | dimensionless | 0–30 |"))
        try "[disease]\nr0 = 3.1\n".write(to: directory.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let file = try SarhadProcess.run(["scenario", "show", "--markdown", "s.toml"], in: directory)
        #expect(file.status == 0)
        #expect(file.standardOutput.contains("| `r0` | 3.1 | dimensionless | 0–30 |"))
    }
}
