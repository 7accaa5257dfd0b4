import Foundation
import Testing

@Suite("help texts, exit statuses and interval notes")
struct HelpAndStatusTests {
    /// Every subcommand.
    static let subcommands: [[String]] = [["run"], ["compare"], ["report"], ["sweep"], ["calibrate"], ["merge"], ["validate"], ["serve"], ["bench"],
                                          ["scenario"], ["scenario", "show"], ["scenario", "check"],
                                          ["slurm"], ["slurm", "submit"], ["slurm", "status"]]

    @Test("every subcommand's help has an example", arguments: subcommands)
    func example(_ subcommand: [String]) throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let help = try SarhadProcess.run(subcommand + ["--help"], in: directory)
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Example: sarhad ") || help.standardOutput.contains("Example: swift build"),
                "sarhad \(subcommand.joined(separator: " ")) --help:\n\(help.standardOutput)")
    }

    @Test("--end, --population-scale and --threads each state their default once")
    func defaults() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in ["run", "compare", "sweep", "calibrate"] {
            let help = try SarhadProcess.run([command, "--help"], in: directory).standardOutput
            // Options' help is wrapped over lines: read it as one line.
            let text = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("(default: all cores, \(ProcessInfo.processInfo.activeProcessorCount) on this machine). Results do not depend on it."),
                    "\(command): \(text)")
            #expect(!text.contains("Results do not depend on it. (default:"), "\(command) states the threads default twice")
            #expect(text.contains("(default: the scenario's end, 2020-12-31 for the built-in scenario)"), "\(command): \(text)")
            #expect(text.contains("(default: the scenario's scenario.population_scale, 1 (every resident) for the built-in scenario)"),
                    "\(command): \(text)")
        }
    }

    @Test("exit statuses: 64 for a command line that does not parse, 2 for refused input, 0 for success")
    func exitStatuses() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in ["run", "sweep", "calibrate", "validate", "merge"] {
            let usage = try SarhadProcess.run([command, "--no-such-option"], in: directory)
            #expect(usage.status == 64, "\(command): \(usage.standardError)")
        }
        #expect(try SarhadProcess.run(["run", "--end", "someday"], in: directory).status == 2)
        #expect(try SarhadProcess.run(["merge", "nowhere"], in: directory).status == 2)
        #expect(try SarhadProcess.run(["scenario", "check", "missing.toml"], in: directory).status == 2)
        let country = try SarhadProcess.run(["serve", "--port", "0", "--data", "data", "--country", "atlantis-2020"], in: directory,
                                            killAfter: 60)
        #expect(country.status == 2 && country.standardError.contains("--country"), "\(country.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("data").path), "no data folder for a wrong pack")
        #expect(try SarhadProcess.run(["run", "--help"], in: directory).status == 0)
    }

    @Test("intervals from fewer than 20 replicates say how many they rest on")
    func fewReplicatesNote() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.succeed(tinyRun + ["--replicates", "3", "--output", "out"], in: directory)
        #expect(outcome.standardOutput.contains("these intervals rest on only 3 replicates"), "\(outcome.standardOutput)")
        let single = try SarhadProcess.succeed(tinyRun + ["--output", "single"], in: directory)
        #expect(!single.standardOutput.contains("rest on only"))
        // The calibration's hidden-epidemic intervals come from its posterior predictive replicates (4 here).
        let calibration = try SarhadProcess.succeed(smallCalibration + ["--output", "fit"], in: directory)
        #expect(calibration.standardOutput.contains("these intervals rest on only 4 posterior predictive replicates"),
                "\(calibration.standardOutput)")
    }
}
