import Foundation
import SarhadModel
import SarhadScenario
import Synchronization

extension ReportRun {
    /// A run directory as `sarhad report` and the dashboard read it: its outputs and, when it has one, the
    /// resolved scenario from its own scenario.toml. Every problem is a `LoadError` that names the file.
    public static func load(runDirectory directory: URL) throws -> ReportRun {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(description: "\(directory.path) is not a directory")
        }
        let scenarioFile = directory.appendingPathComponent("scenario.toml")
        var scenario: Scenario?
        if let text = try? String(contentsOf: scenarioFile, encoding: .utf8) {
            do {
                scenario = try ScenarioLoader.load(text: text, name: scenarioFile.path)
            } catch {
                throw LoadError(description: error.description)
            }
        }
        do {
            var run = try load(directory: directory, configuration: scenario?.configuration)
            run.pack = scenario?.pack
            return run
        } catch let error as TidyCSVReader.FormatError {
            throw LoadError(description: "\(directory.path)/\(error.description)")
        }
    }
}

/// The region outlines of a country pack, for the maps: a bundled pack's parsed once per process (every
/// report of it draws the same maps), a folder's each time. A pack without outlines has no map.
public enum PackGeometry {
    private static let bundled = Mutex<[String: ProvinceGeometry]>([:])

    /// The outlines of `pack`, or of the default pack when nil (runs written without a scenario).
    public static func provinces(_ pack: PackIdentity?) throws -> ProvinceGeometry {
        let opened: CountryPack
        do {
            opened = try pack?.open() ?? CountryPack.bundledDefault()
        } catch {
            throw ReportRun.LoadError(description: "\(error)")
        }
        if opened.isBundled, let cached = bundled.withLock({ $0[opened.name] }) { return cached }
        let geometry: ProvinceGeometry
        do {
            geometry = try outlines(of: opened) ?? ProvinceGeometry(provinces: [])
        } catch {
            throw ReportRun.LoadError(description: error.description)
        }
        if opened.isBundled { bundled.withLock { $0[opened.name] = geometry } }
        return geometry
    }

    /// The pack's outlines read afresh, nil if it has none. A file that cannot be read or is not
    /// GeoJSON is a `ScenarioError` naming it (`sarhad country check` lists it with the rest).
    public static func outlines(of pack: CountryPack) throws(ScenarioError) -> ProvinceGeometry? {
        guard let outlines = pack.manifest.outlines else { return nil }
        let text = try pack.text(outlines.file)
        do {
            return try GeoJSONProvinces.parse(text, nameKeys: [outlines.column("name")])
        } catch {
            throw ScenarioError(file: pack.path(outlines.file), message: "\(error)",
                                expected: "a GeoJSON FeatureCollection of Polygon or MultiPolygon features")
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
        return try write(runs, geometry: PackGeometry.provinces(runs.first?.pack), to: directory)
    }
}
