import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameter values, with replicates at every point.",
        discussion: """
            Each --set names a numeric scenario key (as in `sarhad scenario show`) and its values; the grid is \
            every combination. Replicate r uses the same seed at every point (common random numbers). Writes \
            sweep.csv: one row per point and measure, with the median and 95 % interval. An existing output \
            directory is replaced only if Sarhad wrote it.
            Example: sarhad sweep --set disease.r0=1.8,2.4,3 --set observation.test_seeking_mild=0.05,0.2 --replicates 10
            """)

    @Argument(help: "Scenario file (TOML). Omit for the built-in scenario.") var scenarioFile: String?
    @OptionGroup var countryOption: CountryOption
    @Option(name: .customLong("set"), help: "section.key=v1,v2,… (repeat for more dimensions).") var settings: [String] = []
    @Option(help: HelpText.replicates("Replicates per point")) var replicates: Int = 5
    @Option(help: "Random seed of replicate 0.") var seed: UInt64 = 1
    @Option(help: HelpText.end) var end: String?
    @Option(name: .customLong("population-scale"), help: HelpText.populationScale) var populationScale: Double?
    @Option(help: HelpText.threads) var threads: Int?
    @Option(help: "Output directory (replaced only if Sarhad wrote it).") var output: String = "sarhad-sweep"
    @Flag(help: "Do not print progress.") var quiet = false
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        guard !settings.isEmpty else { throw ValidationError("Give at least one --set section.key=v1,v2,…") }
        guard replicates >= 1 else { throw ValidationError("--replicates must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let job = try readingInput { try SweepJob(command: self) }
        try JobExecution.execute(job, shard: sharding.shard, output: output, threads: workerThreads(threads), quiet: quiet)
    }
}

/// `sarhad sweep`: item i is replicate i % R at grid point i / R; points in row-major order of the
/// --set options (the last varies fastest).
struct SweepJob: ShardableJob, AfterCommit {
    static let command = "sweep"
    let command: SweepCommand
    let scenario: Scenario
    let dimensions: [(spec: ParameterSpec, values: [Double])]
    let points: [[Double]]

    init(command: SweepCommand) throws {
        self.command = command
        var scenario = try ScenarioInput.load(command.scenarioFile, country: command.countryOption.country)
        try ScenarioOverrides.apply(end: command.end, populationScale: command.populationScale, to: &scenario)
        self.scenario = scenario
        var dimensions = [(spec: ParameterSpec, values: [Double])]()
        for setting in command.settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            let path = parts.first ?? ""
            let keyParts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, keyParts.count == 2,
                  let spec = ParameterCatalog.all.first(where: { $0.section == keyParts[0] && $0.key == keyParts[1] }) else {
                throw InputError(ScenarioError(key: "--set", message: "names \"\(path)\"",
                                               expected: "section.key=v1,v2 with a numeric key from `sarhad scenario show`"))
            }
            guard case .number(let range) = spec.kind else {
                throw InputError(ScenarioError(key: "--set \(path)", message: "is not a single number", expected: "a numeric key"))
            }
            var values = [Double]()
            for text in parts[1].split(separator: ",") {
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                    throw InputError(ScenarioError(key: "--set \(path)", message: "has \"\(text)\"",
                                                   expected: "numbers from \(range.lowerBound) to \(range.upperBound)"))
                }
                values.append(value)
            }
            guard !values.isEmpty else {
                throw InputError(ScenarioError(key: "--set \(path)", message: "has no values", expected: "v1,v2,…"))
            }
            dimensions.append((spec, values))
        }
        self.dimensions = dimensions
        var points: [[Double]] = [[]]
        for dimension in dimensions {
            points = points.flatMap { point in dimension.values.map { point + [$0] } }
        }
        self.points = points
    }

    var totalItems: Int { points.count * command.replicates }

    var fingerprint: String {
        stableHash(([Self.command, fileFingerprint(command.scenarioFile), ScenarioWriter.toml(scenario), "\(command.seed)",
                     "\(command.replicates)"] + command.settings).joined(separator: "\u{1F}"))
    }

    func configuration(atPoint point: Int) -> ModelConfiguration {
        var configured = scenario
        for (dimension, value) in zip(dimensions, points[point]) { dimension.spec.set(&configured, .number(value)) }
        return configured.configuration
    }

    func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        let configurations = points.indices.map(configuration(atPoint:))
        let replicates = command.replicates, seed = command.seed
        return ItemRunner.run(items, threads: threads, progress: progress) { item, threadsEach in
            Ensemble(configuration: configurations[item / replicates], baseSeed: seed)
                .replicate(item % replicates, threads: threadsEach)
        }
    }

    func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        let replicates = command.replicates
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

    func afterCommit(_ directory: OutputDirectory) throws {}
}

extension SweepJob: HasWorkload {
    func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: points.indices.map(configuration(atPoint:)), replicates: command.replicates,
                 simulations: simulations, keptResults: simulations, threads: threads)
    }
}
