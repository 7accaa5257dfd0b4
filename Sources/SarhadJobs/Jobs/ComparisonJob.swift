import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// Scenarios run with common random numbers (replicate r of each uses the same seed), and the folder
/// they make: `comparison.csv` and a run folder per scenario. `sarhad compare` and a comparison queued
/// in the dashboard both go through here. Item i is replicate i % R of scenario i / R.
package struct ComparisonJob: ShardableJob, HasWorkload {
    package static let command = "compare"
    package let scenarios: [Scenario]
    /// Each scenario's folder: "1-built-in", "2-screening".
    package let names: [String]
    package let seed: UInt64
    package let replicates: Int
    /// What else the results depend on that the scenario texts do not show (the files named), for shards.
    package let provenance: [String]

    /// Refuses (`Refusal`), before any work, scenarios that run over different days or at different
    /// population scales: their totals do not compare. `labels` name the scenarios in that message and
    /// in their folders' names.
    package init(scenarios: [Scenario], labels: [String], seed: UInt64, replicates: Int, provenance: [String]? = nil) throws(Refusal) {
        precondition(scenarios.count == labels.count, "one label per scenario")
        if let problem = Comparability.problem(zip(labels, scenarios).map({ label, scenario in
            RunPeriod(name: label, startDate: scenario.configuration.startDate, endDate: scenario.configuration.endDate,
                      populationScale: scenario.configuration.populationScale)
        })) {
            throw Refusal(problem.description)
        }
        self.scenarios = scenarios
        names = labels.enumerated().map { index, label in "\(index + 1)-\(ComparisonJob.folderStem(label))" }
        self.seed = seed
        self.replicates = replicates
        self.provenance = provenance ?? labels.map { _ in "built-in" }
    }

    /// A label as a folder name: its file name without folders or extension, other characters than
    /// letters, digits, '-' and '_' replaced by '-'.
    static func folderStem(_ label: String) -> String {
        let stem = label == "built-in" ? label : URL(fileURLWithPath: label).deletingPathExtension().lastPathComponent
        return String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    package var totalItems: Int { scenarios.count * replicates }

    package var fingerprint: String {
        stableHash(([Self.command, "\(seed)", "\(replicates)"] + zip(provenance, scenarios).map { $0 + ScenarioWriter.toml($1) })
            .joined(separator: "\u{1F}"))
    }

    package func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        let configurations = scenarios.map(\.configuration)
        let replicates = self.replicates, seed = self.seed
        return ItemRunner.run(items, threads: threads, progress: progress) { item, threadsEach in
            Ensemble(configuration: configurations[item / replicates], baseSeed: seed)
                .replicate(item % replicates, threads: threadsEach)
        }
    }

    package func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: scenarios.map(\.configuration), replicates: replicates, simulations: simulations,
                 keptResults: simulations, threads: threads)
    }

    package func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        let byScenario = scenarios.indices.map { Array(results[($0 * replicates)..<(($0 + 1) * replicates)]) }
        for (index, runs) in byScenario.enumerated() {
            let folder = names[index]
            if runs.count > 1 {
                try directory.write("\(folder)/timeseries.csv", EnsembleCSV.replicates(runs, indices: Array(runs.indices)))
                try directory.write("\(folder)/quantiles.csv", EnsembleCSV.quantiles(EnsembleQuantiles(runs), startDate: runs[0].startDate))
            } else {
                try directory.write("\(folder)/timeseries.csv", TimeseriesCSV.render(runs[0]))
            }
            try directory.write("\(folder)/summary.json", SummaryJSON.render(runs[0], engine: "agent", ensemble: runs.count > 1 ? runs : []))
            try directory.write("\(folder)/scenario.toml", ScenarioWriter.toml(scenarios[index]))
        }
        let comparison = ScenarioComparison(names: names, results: byScenario)
        try directory.write("comparison.csv", ComparisonTables.csv(comparison))
        try directory.write("timings.json", SummaryJSON.timings(results))
        return ComparisonTables.text(comparison) + "\nOutputs in \(directory.final.path)"
    }
}
