import ArgumentParser
import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run scenarios with the same replicate seeds and compare each against the first.",
        discussion: """
            Common random numbers: replicate r of every scenario uses the same seed, so each difference is the \
            lever's effect on the same epidemic. Writes comparison.csv and, per scenario, a run directory \
            (timeseries.csv, quantiles.csv, summary.json, scenario.toml) under OUTPUT/<k>-<name>/. Every scenario             runs over the same days at the same population scale (--end, --population-scale apply to all);             scenarios that differ in either are refused (status 2).

            Example: sarhad compare built-in examples/border-measures.toml --replicates 20 --population-scale 0.01
            """)

    @Argument(help: "Scenario files (TOML); the first is the baseline. \"built-in\" names the built-in scenario.")
    var scenarioFiles: [String]
    @Option(help: HelpText.replicates("Replicates per scenario")) var replicates: Int = 10
    @Option(help: "Random seed of replicate 0.") var seed: UInt64 = 1
    @Option(help: HelpText.end) var end: String?
    @Option(name: .customLong("population-scale"), help: HelpText.populationScale) var populationScale: Double?
    @Option(help: HelpText.threads) var threads: Int?
    @Option(help: "Output directory.") var output: String = "sarhad-comparison"
    @Option(help: "Also write a side-by-side HTML report (report.html) into this directory.") var report: String?
    @Flag(help: "Do not print progress.") var quiet = false
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        guard scenarioFiles.count >= 2 else { throw ValidationError("Give at least two scenarios to compare.") }
        guard replicates >= 1 else { throw ValidationError("--replicates must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let job = try readingInput { try CompareJob(command: self) }
        if let report { try OutputDirectory.checkReportDestination(path: report, output: output) }
        try JobExecution.execute(job, shard: sharding.shard, output: output, threads: workerThreads(threads), quiet: quiet)
    }
}

/// `sarhad compare`: item i is replicate i % R of scenario i / R.
struct CompareJob: ShardableJob, AfterCommit {
    static let command = "compare"
    let command: CompareCommand
    let scenarios: [Scenario]
    let names: [String]

    init(command: CompareCommand) throws {
        self.command = command
        var scenarios = [Scenario]()
        for file in command.scenarioFiles {
            var scenario = try ScenarioInput.load(file == "built-in" ? nil : file)
            try ScenarioOverrides.apply(end: command.end, populationScale: command.populationScale, to: &scenario)
            scenarios.append(scenario)
        }
        self.scenarios = scenarios
        // Refused before any work: totals over different days or scaled from different scales do not compare.
        if let problem = Comparability.problem(zip(command.scenarioFiles, scenarios).map({ file, scenario in
            RunPeriod(name: file, startDate: scenario.configuration.startDate, endDate: scenario.configuration.endDate,
                      populationScale: scenario.configuration.populationScale)
        })) {
            throw Refusal(problem.description)
        }
        var names = [String]()
        for (index, file) in command.scenarioFiles.enumerated() {
            let stem = file == "built-in" ? "built-in" : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            names.append("\(index + 1)-\(stem)")
        }
        self.names = names
    }

    var totalItems: Int { scenarios.count * command.replicates }

    var fingerprint: String {
        stableHash(([Self.command, "\(command.seed)", "\(command.replicates)"]
            + zip(command.scenarioFiles, scenarios).map { fileFingerprint($0 == "built-in" ? nil : $0) + ScenarioWriter.toml($1) })
            .joined(separator: "\u{1F}"))
    }

    func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        let configurations = scenarios.map(\.configuration)
        let replicates = command.replicates, seed = command.seed
        return ItemRunner.run(items, threads: threads, progress: progress) { item, threadsEach in
            Ensemble(configuration: configurations[item / replicates], baseSeed: seed)
                .replicate(item % replicates, threads: threadsEach)
        }
    }

    func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        let replicates = command.replicates
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

    func afterCommit(_ directory: OutputDirectory) throws {
        guard let report = command.report else { return }
        let file = try ReportWriter.write(runDirectories: names.map { directory.final.appendingPathComponent($0) },
                                          to: URL(fileURLWithPath: report))
        if !command.quiet { FileHandle.standardError.write(Data("Report: \(file.path)\n".utf8)) }
    }
}
