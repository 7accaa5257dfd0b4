import ArgumentParser
import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// `sarhad run`: the items are replicates.
struct RunJob: ShardableJob {
    static let command = "run"
    let command: RunCommand
    let scenario: Scenario
    /// Set with --posterior: replicates draw their parameters from it.
    let predictive: PosteriorPredictive?

    init(command: RunCommand, scenario: Scenario) throws {
        self.command = command
        self.scenario = scenario
        predictive = try command.posterior.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(ScenarioError(file: path, message: "cannot be read", expected: "a posterior.csv from sarhad calibrate"))
            }
            do {
                let posterior = try PosteriorTable.parse(String(decoding: data, as: UTF8.self))
                return PosteriorPredictive(base: scenario.configuration, posterior: posterior, seed: command.seed)
            } catch let error as PosteriorTable.ParseError {
                throw InputError(ScenarioError(file: path, line: error.line, message: error.message,
                                               expected: "the posterior.csv format (particle,weight,distance,<parameter>…)"))
            }
        }
    }

    var totalItems: Int { command.replicates }

    var fingerprint: String {
        stableHash([Self.command, fileFingerprint(command.scenarioFile), ScenarioWriter.toml(scenario), "\(command.seed)",
                    command.engine.rawValue, "\(command.replicates)", fileFingerprint(command.posterior)].joined(separator: "\u{1F}"))
    }

    var ensemble: Ensemble { Ensemble(configuration: scenario.configuration, baseSeed: command.seed, engine: command.engine.engine) }

    func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        predictive?.run(items, threads: threads, progress: progress) ?? ensemble.run(items, threads: threads, progress: progress)
    }

    func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        if results.count > 1 {
            try directory.write("timeseries.csv", EnsembleCSV.replicates(results, indices: Array(results.indices)))
            try directory.write("quantiles.csv", EnsembleCSV.quantiles(EnsembleQuantiles(results), startDate: results[0].startDate))
        } else {
            try directory.write("timeseries.csv", TimeseriesCSV.render(results[0]))
        }
        try directory.write("summary.json", SummaryJSON.render(results[0], engine: command.engine.rawValue,
                                                               ensemble: results.count > 1 ? results : []))
        if command.by == .district {
            guard let table = DistrictTables.csv(results) else {
                throw ValidationError("--by district: the scenario has no districts ([districts] enabled = false, or one per province)")
            }
            try directory.write(DistrictTables.fileName, table)
        }
        try directory.write("scenario.toml", ScenarioWriter.toml(scenario))
        try directory.write("timings.json", SummaryJSON.timings(results))
        var table = results.count > 1 ? EnsembleTableText.render(results) : SummaryTableText.render(RunSummary(results[0], nationalName: scenario.pack.country))
        if results.count > 1, let note = IntervalNote.text(replicates: results.count) { table += "\n" + note }
        let first = results[0]
        return table + "\nOutputs in \(directory.final.path) (population "
            + String(format: "%.1f", first.timings.populationSeconds) + " s, simulation "
            + String(format: "%.1f", first.timings.simulationSeconds) + " s" + (results.count > 1 ? " per replicate" : "") + ")"
    }

    func afterCommit(_ directory: OutputDirectory) throws {
        guard let report = command.report else { return }
        let file = try ReportWriter.write(runDirectories: [directory.final], to: URL(fileURLWithPath: report))
        if !command.quiet { FileHandle.standardError.write(Data("Report: \(file.path)\n".utf8)) }
    }
}
