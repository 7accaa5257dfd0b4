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

    /// The library's sweep for these options.
    func job() throws -> SweepJob {
        var scenario = try ScenarioInput.load(scenarioFile, country: countryOption.country)
        try ScenarioOverrides.apply(end: end, populationScale: populationScale, to: &scenario)
        return try SweepJob(scenario: scenario, settings: settings, seed: seed, replicates: replicates,
                            provenance: fileFingerprint(scenarioFile))
    }

    func run() throws {
        let job = try readingInput { try self.job() }
        try JobExecution.execute(job, shard: sharding.shard, output: output, threads: workerThreads(threads), quiet: quiet)
    }
}

/// A sweep ends with its outputs; it draws no report.
extension SweepJob: AfterCommit {
    func afterCommit(_ directory: OutputDirectory) throws {}
}
