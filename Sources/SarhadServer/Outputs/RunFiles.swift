import Foundation
import SarhadModel
import SarhadReport
import SarhadScenario

/// A run's output directory, `DATA/runs/<id>/`, holding the same files `sarhad run --report` writes.
public struct RunFiles: Sendable {
    /// The files a client may download from one run, in the order the pages list them.
    public static let downloadable = ["timeseries.csv", "summary.json", "scenario.toml", ReportWriter.fileName]

    /// The files a client may download from a job of this kind: those `sarhad run`, `compare`,
    /// `calibrate` and `forecast` write (a comparison's per-scenario folders stay on the server).
    public static func downloadable(_ kind: RunKind, replicates: Int) -> [String] {
        switch kind {
        case .run: replicates > 1 ? ["quantiles.csv", EnsembleBands.fileName, "timeseries.csv", "summary.json", "scenario.toml",
                                     ReportWriter.fileName]
                                  : downloadable
        case .comparison: ["comparison.csv", "timings.json", ReportWriter.fileName]
        case .sweep: ["sweep.csv", "scenario.toml", "timings.json"]
        case .calibration: ["posterior-summary.csv", "hidden-epidemic.csv", "posterior.csv", "generations.csv", "quantiles.csv",
                            "scenario.toml"]
        case .forecast: ["forecast.csv", "posterior.csv", "forecast.html"]
        case .backtest: ["scores-summary.csv", "scores.csv", "backtest.csv", "forecast.csv", "forecast.html"]
        }
    }

    public let directory: URL

    public init(runsDirectory: URL, runId: Int64) {
        directory = runsDirectory.appendingPathComponent(String(runId), isDirectory: true)
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    public var exists: Bool { FileManager.default.fileExists(atPath: url("timeseries.csv").path) }

    public static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension {
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "toml": "application/toml; charset=utf-8"
        default: "text/html; charset=utf-8"
        }
    }

    /// Writes the outputs into a staging sibling and renames it into place, as the CLI does, so a
    /// crash never leaves a half-written run directory behind.
    public func write(_ result: SimulationResult, scenario: Scenario) throws {
        let manager = FileManager.default
        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).partial")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try Data(TimeseriesCSV.render(result).utf8).write(to: staging.appendingPathComponent("timeseries.csv"))
            try SummaryJSON.render(result, engine: "agent").write(to: staging.appendingPathComponent("summary.json"))
            try Data(ScenarioWriter.toml(scenario).utf8).write(to: staging.appendingPathComponent("scenario.toml"))
            // The report is drawn from the files just written, as `sarhad report` draws it, so its
            // numbers are those of timeseries.csv.
            let run = try ReportRun.load(directory: staging, configuration: scenario.configuration)
            try ReportWriter.write([RunFiles.renamed(run, to: directory.lastPathComponent)], geometry: PackGeometry.provinces(scenario.pack), to: staging)
            if manager.fileExists(atPath: directory.path) { try manager.removeItem(at: directory) }
            try manager.moveItem(at: staging, to: directory)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// The run as the report sees it, with the scenario read back from its own scenario.toml.
    public func reportRun() throws -> ReportRun {
        try ReportRun.load(runDirectory: directory)
    }

    /// The report of several runs, each later one compared against the first (as `sarhad report A B …`).
    /// Runs are labelled "run ID: scenario, seed N", since compared runs often share a scenario.
    /// Refuses (`IncomparableRuns`) runs of different periods or population scales, as `sarhad compare` does.
    public static func comparisonReport(_ runs: [RunFiles]) throws -> String {
        let loaded = try runs.map { try $0.reportRun() }
        if let problem = Comparability.problem(loaded.map(\.period)) { throw problem }
        let labelled = zip(runs, loaded).map { files, loadedRun in
            var run = loadedRun
            let seed = run.summary.seed.map { ", seed \($0)" } ?? ""
            let label = "run \(files.directory.lastPathComponent): \(run.name)\(seed)"
            run.configuration?.name = label
            return run
        }
        return HTMLReport.render(labelled, geometry: try PackGeometry.provinces(loaded.first?.pack))
    }

    /// The run is labelled by its id, not by the staging directory it was read from.
    static func renamed(_ run: ReportRun, to name: String) -> ReportRun {
        var run = run
        run.directoryName = name
        return run
    }
}
