import ArgumentParser
import Foundation
import SarhadModel
import SarhadReport
import SarhadScenario

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (no JavaScript) for one or more run directories.",
        discussion: """
            Reads timeseries.csv, summary.json, scenario.toml and, for ensembles, quantiles.csv from each run \
            directory. With several directories, each is compared against the first. Writes report.html to \
            --output (default: the first run directory).
            """)

    @Argument(help: "Run directories written by `sarhad run`; the first is the baseline.") var runDirectories: [String]
    @Option(help: "Directory to write report.html into (default: the first run directory).") var output: String?

    func validate() throws {
        guard !runDirectories.isEmpty else { throw ValidationError("Give at least one run directory.") }
    }

    func run() throws {
        let destination = URL(fileURLWithPath: output ?? runDirectories[0])
        do {
            let url = try ReportInputs.writeReport(runDirectories: runDirectories.map { URL(fileURLWithPath: $0) }, to: destination)
            print("Report in \(url.path)")
        } catch let error as ReportInputs.Failure {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// What the report needs from outside SarhadReport: each run's resolved scenario (from its
/// scenario.toml) and the province outlines bundled with SarhadScenario.
enum ReportInputs {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads the runs and writes `report.html` into `directory`; `sarhad run --report` can call this too.
    static func writeReport(runDirectories: [URL], to directory: URL) throws -> URL {
        let runs = try runDirectories.map(loadRun)
        let geometry: ProvinceGeometry
        do {
            geometry = try GeoJSONProvinces.parse(BundledData.text("afghanistan_provinces.geojson"))
        } catch {
            throw Failure(description: "province outlines: \(error)")
        }
        return try ReportWriter.write(runs, geometry: geometry, to: directory)
    }

    static func loadRun(_ directory: URL) throws -> ReportRun {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "\(directory.path) is not a directory")
        }
        let scenarioFile = directory.appendingPathComponent("scenario.toml")
        var configuration: ModelConfiguration?
        if let text = try? String(contentsOf: scenarioFile, encoding: .utf8) {
            do {
                configuration = try ScenarioLoader.load(text: text, name: scenarioFile.path).configuration
            } catch {
                throw Failure(description: error.description)
            }
        }
        do {
            return try ReportRun.load(directory: directory, configuration: configuration)
        } catch let error as ReportRun.LoadError {
            throw Failure(description: error.description)
        } catch let error as TidyCSVReader.FormatError {
            throw Failure(description: "\(directory.path)/\(error.description)")
        }
    }
}
