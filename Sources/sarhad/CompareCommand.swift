import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
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

/// `sarhad compare`: the library's `ComparisonJob` for these options, and the report after it.
struct CompareJob: ShardableJob, AfterCommit, HasWorkload {
    static let command = ComparisonJob.command
    let command: CompareCommand
    let core: ComparisonJob

    init(command: CompareCommand) throws {
        self.command = command
        var scenarios = [Scenario]()
        for file in command.scenarioFiles {
            var scenario = try ScenarioInput.load(file == "built-in" ? nil : file)
            try ScenarioOverrides.apply(end: command.end, populationScale: command.populationScale, to: &scenario)
            scenarios.append(scenario)
        }
        core = try ComparisonJob(scenarios: scenarios, labels: command.scenarioFiles, seed: command.seed, replicates: command.replicates,
                                 provenance: command.scenarioFiles.map { fileFingerprint($0 == "built-in" ? nil : $0) })
    }

    var names: [String] { core.names }
    var totalItems: Int { core.totalItems }
    var fingerprint: String { core.fingerprint }

    func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        core.compute(items, threads: threads, progress: progress)
    }

    func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        try core.finish(results, into: directory)
    }

    func workload(simulations: Int, threads: Int) -> Workload { core.workload(simulations: simulations, threads: threads) }

    func afterCommit(_ directory: OutputDirectory) throws {
        guard let report = command.report else { return }
        let file = try ReportWriter.write(runDirectories: names.map { directory.final.appendingPathComponent($0) },
                                          to: URL(fileURLWithPath: report))
        if !command.quiet { FileHandle.standardError.write(Data("Report: \(file.path)\n".utf8)) }
    }
}
