import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// Replicates of one scenario (or one twin run), and the run folder they make: `sarhad run` and a run
/// or ensemble queued in the dashboard both go through here, so the same request gives the same bytes.
package struct EnsembleJob: ShardableJob, HasWorkload {
    package static let command = "run"
    package let scenario: Scenario
    package let seed: UInt64
    package let replicates: Int
    package let engine: Engine
    /// Set when replicates draw their parameters from a calibration's posterior.
    package let predictive: PosteriorPredictive?
    /// Also write districts.csv.
    package let byDistrict: Bool
    /// What else the results depend on that the scenario's text does not show (the files named), for shards.
    package let provenance: [String]

    package init(scenario: Scenario, seed: UInt64, replicates: Int, engine: Engine = .agent, predictive: PosteriorPredictive? = nil,
                 byDistrict: Bool = false, provenance: [String] = ["built-in", "built-in"]) {
        self.scenario = scenario
        self.seed = seed
        self.replicates = replicates
        self.engine = engine
        self.predictive = predictive
        self.byDistrict = byDistrict
        self.provenance = provenance
    }

    package var totalItems: Int { replicates }

    package var fingerprint: String {
        let parts = [Self.command, provenance[0], ScenarioWriter.toml(scenario), "\(seed)", engine.rawValue, "\(replicates)"]
        return stableHash((parts + provenance.dropFirst()).joined(separator: "\u{1F}"))
    }

    package var ensemble: Ensemble { Ensemble(configuration: scenario.configuration, baseSeed: seed, engine: engine) }

    package func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        predictive?.run(items, threads: threads, progress: progress) ?? ensemble.run(items, threads: threads, progress: progress)
    }

    package func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: [scenario.configuration], replicates: replicates, engine: engine, simulations: simulations,
                 keptResults: simulations, threads: threads)
    }

    /// The run folder's files: timeseries.csv (with a replicate column above one replicate), quantiles.csv
    /// (above one), summary.json, districts.csv (when asked), scenario.toml and timings.json. Returns the table to print.
    package func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        if results.count > 1 {
            try directory.write("timeseries.csv", EnsembleCSV.replicates(results, indices: Array(results.indices)))
            try directory.write("quantiles.csv", EnsembleCSV.quantiles(EnsembleQuantiles(results), startDate: results[0].startDate))
        } else {
            try directory.write("timeseries.csv", TimeseriesCSV.render(results[0]))
        }
        try directory.write("summary.json", SummaryJSON.render(results[0], engine: engine.rawValue,
                                                               ensemble: results.count > 1 ? results : []))
        if byDistrict {
            guard let table = DistrictTables.csv(results) else {
                throw Refusal("--by district: the scenario has no districts ([districts] enabled = false, or one per province)")
            }
            try directory.write(DistrictTables.fileName, table)
        }
        try directory.write("scenario.toml", ScenarioWriter.toml(scenario))
        try directory.write("timings.json", SummaryJSON.timings(results))
        var table = results.count > 1
            ? EnsembleTableText.render(results)
            : SummaryTableText.render(RunSummary(results[0], nationalName: scenario.pack.country))
        if results.count > 1, let note = IntervalNote.text(replicates: results.count) { table += "\n" + note }
        let first = results[0]
        return table + "\nOutputs in \(directory.final.path) (population "
            + String(format: "%.1f", first.timings.populationSeconds) + " s, simulation "
            + String(format: "%.1f", first.timings.simulationSeconds) + " s" + (results.count > 1 ? " per replicate" : "") + ")"
    }
}
