import Foundation
import SarhadModel
import SarhadScenario

extension ReportRun {
    /// A run directory as `sarhad report` and the dashboard read it: its outputs and, when it has one, the
    /// resolved scenario from its own scenario.toml. Every problem is a `LoadError` that names the file.
    public static func load(runDirectory directory: URL) throws -> ReportRun {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(description: "\(directory.path) is not a directory")
        }
        let scenarioFile = directory.appendingPathComponent("scenario.toml")
        var configuration: ModelConfiguration?
        if let text = try? String(contentsOf: scenarioFile, encoding: .utf8) {
            do {
                configuration = try ScenarioLoader.load(text: text, name: scenarioFile.path).configuration
            } catch {
                throw LoadError(description: error.description)
            }
        }
        do {
            return try load(directory: directory, configuration: configuration)
        } catch let error as TidyCSVReader.FormatError {
            throw LoadError(description: "\(directory.path)/\(error.description)")
        }
    }
}

/// Afghanistan's province outlines, bundled with the scenario data and parsed once per process: every
/// report draws the same maps.
public enum BundledGeometry {
    static let parsed = Result { try GeoJSONProvinces.parse(BundledData.text("afghanistan_provinces.geojson")) }

    public static func provinces() throws -> ProvinceGeometry {
        do {
            return try parsed.get()
        } catch {
            throw ReportRun.LoadError(description: "the bundled province outlines: \(error)")
        }
    }
}

extension ReportWriter {
    /// Reads the run directories and writes `report.html` into `directory`, each run after the first
    /// compared against it: what `sarhad report`, `run --report` and `compare --report` do. Runs that
    /// cover different days or population scales are refused (a `LoadError` naming both values)
    /// before anything is written.
    public static func write(runDirectories: [URL], to directory: URL) throws -> URL {
        let runs = try runDirectories.map(ReportRun.load(runDirectory:))
        if let problem = Comparability.problem(runs.map(\.period)) { throw ReportRun.LoadError(description: problem.description) }
        return try write(runs, geometry: BundledGeometry.provinces(), to: directory)
    }
}
