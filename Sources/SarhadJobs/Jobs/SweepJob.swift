import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// `sarhad sweep`: item i is replicate i % R at grid point i / R; points in row-major order of the
/// --set options (the last varies fastest).
package struct SweepJob: ShardableJob, HasWorkload {
    package static let command = "sweep"
    package let scenario: Scenario
    /// "section.key=v1,v2,…", one a dimension.
    package let settings: [String]
    package let seed: UInt64
    package let replicates: Int
    /// The scenario's file, fingerprinted, for refusing shards of another sweep.
    package let provenance: String
    package let dimensions: [(spec: ParameterSpec, values: [Double])]
    package let points: [[Double]]

    /// `field` names the settings in messages ("--set" on the command line, "set" in a request).
    package init(scenario: Scenario, settings: [String], seed: UInt64, replicates: Int, provenance: String = "built-in",
                 field: String = "--set") throws(InputError) {
        self.scenario = scenario
        self.settings = settings
        self.seed = seed
        self.replicates = replicates
        self.provenance = provenance
        guard !settings.isEmpty else {
            throw InputError(ScenarioError(key: field, message: "is empty", expected: "at least one section.key=v1,v2,…"))
        }
        var dimensions = [(spec: ParameterSpec, values: [Double])]()
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            let path = parts.first ?? ""
            let keyParts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, keyParts.count == 2,
                  let spec = ParameterCatalog.all.first(where: { $0.section == keyParts[0] && $0.key == keyParts[1] }) else {
                throw InputError(ScenarioError(key: field, message: "names \"\(path)\"",
                                               expected: "section.key=v1,v2 with a numeric key from `sarhad scenario show`"))
            }
            guard case .number(let range) = spec.kind else {
                throw InputError(ScenarioError(key: "\(field) \(path)", message: "is not a single number", expected: "a numeric key"))
            }
            var values = [Double]()
            for text in parts[1].split(separator: ",") {
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                    throw InputError(ScenarioError(key: "\(field) \(path)", message: "has \"\(text)\"",
                                                   expected: "numbers from \(range.lowerBound) to \(range.upperBound)"))
                }
                values.append(value)
            }
            guard !values.isEmpty else {
                throw InputError(ScenarioError(key: "\(field) \(path)", message: "has no values", expected: "v1,v2,…"))
            }
            guard !dimensions.contains(where: { $0.spec.path == spec.path }) else {
                throw InputError(ScenarioError(key: "\(field) \(path)", message: "is set twice", expected: "each key once"))
            }
            dimensions.append((spec, values))
            let points = dimensions.reduce(1) { $0 * $1.values.count }
            guard points <= WorkLimits.maximumSweepPoints else {
                throw InputError(ScenarioError(key: field, message: "makes a grid of more than \(WorkLimits.grouped(WorkLimits.maximumSweepPoints)) points",
                                               expected: "at most \(WorkLimits.grouped(WorkLimits.maximumSweepPoints)) points (README, \"Limits\")"))
            }
        }
        self.dimensions = dimensions
        var points: [[Double]] = [[]]
        for dimension in dimensions {
            points = points.flatMap { point in dimension.values.map { point + [$0] } }
        }
        self.points = points
    }

    package var totalItems: Int { points.count * replicates }

    package var fingerprint: String {
        stableHash(([Self.command, provenance, ScenarioWriter.toml(scenario), "\(seed)", "\(replicates)"] + settings)
            .joined(separator: "\u{1F}"))
    }

    package func configuration(atPoint point: Int) -> ModelConfiguration {
        var configured = scenario
        for (dimension, value) in zip(dimensions, points[point]) { dimension.spec.set(&configured, .number(value)) }
        return configured.configuration
    }

    package func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        let configurations = points.indices.map(configuration(atPoint:))
        let replicates = self.replicates, seed = self.seed
        return ItemRunner.run(items, threads: threads, progress: progress) { item, threadsEach in
            Ensemble(configuration: configurations[item / replicates], baseSeed: seed)
                .replicate(item % replicates, threads: threadsEach)
        }
    }

    package func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        let keys = dimensions.map { "\($0.spec.section).\($0.spec.key)" }
        var lines = [(keys + ["measure", "median", "lower_95", "upper_95"]).joined(separator: ",")]
        var table = [keys + ["infections incl. imported", "deaths", "peak beds needed"]]
        for (index, point) in points.enumerated() {
            let runs = Array(results[(index * replicates)..<((index + 1) * replicates)])
            var cells = point.map { "\($0)" }
            // Counts scaled as comparison.csv scales them and written as whole numbers (docs/OUTPUTS.md).
            for headline in ScenarioComparison.Headline.allCases {
                let interval = ScenarioComparison.scaledInterval(runs.map(headline.value), populationScale: runs[0].populationScale)
                lines.append((point.map { "\($0)" } + [headline.name] + [interval.median, interval.lower, interval.upper].map(CountText.text))
                    .joined(separator: ","))
                if [ScenarioComparison.Headline.infectionsIncludingImported.name, Measure.deaths.name,
                    ScenarioComparison.Headline.peakBedsNeeded.name].contains(headline.name) {
                    cells.append(SummaryTableText.grouped(CountText.integer(interval.median)))
                }
            }
            table.append(cells)
        }
        try directory.write("sweep.csv", lines.joined(separator: "\n") + "\n")
        try directory.write("scenario.toml", ScenarioWriter.toml(scenario))
        try directory.write("timings.json", SummaryJSON.timings(results))
        let text = TextTable.render(table, rightAligned: { _ in true })
        return text + "\nMedians over \(replicates) replicates, scaled to the full population; sweep.csv has the intervals. "
            + "Outputs in \(directory.final.path)"
    }

    package func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: points.indices.map(configuration(atPoint:)), replicates: replicates,
                 simulations: simulations, keptResults: simulations, threads: threads)
    }
}
