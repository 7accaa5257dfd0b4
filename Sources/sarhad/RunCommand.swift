import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario (default: the built-in scenario, every resident).",
        discussion: """
            Writes timeseries.csv (date,province,measure,value), summary.json and scenario.toml (the fully \
            resolved scenario, to repeat the run exactly) to the output directory, then prints a table of \
            true and recorded totals. With --replicates N > 1, timeseries.csv gains a replicate column and \
            quantiles.csv holds the 2.5, 25, 50, 75 and 97.5 % quantiles of every series. An existing output \
            directory is replaced only if Sarhad wrote it (it holds .sarhad-output); anything else is refused.
            Example: sarhad run examples/border-measures.toml --end 2020-06-30 --population-scale 0.01 --output border
            """)

    @Argument(help: "Scenario file (TOML). Omit for the built-in scenario.") var scenarioFile: String?
    @OptionGroup var countryOption: CountryOption
    @Option(help: "Random seed (of replicate 0; the others derive from it and their index).") var seed: UInt64 = 1
    @Option(help: HelpText.end) var end: String?
    @Option(name: .customLong("population-scale"), help: HelpText.populationScale) var populationScale: Double?
    @Option(help: "agent (every person) or mean-field (the deterministic twin).") var engine: EngineName = .agent
    @Option(help: HelpText.replicates("Number of replicates", "Above 1, quantiles are written too.")) var replicates: Int = 1
    @Option(help: "Run forward from a calibration's posterior.csv: each replicate takes a particle drawn by weight.")
    var posterior: String?
    @Option(help: HelpText.threads) var threads: Int?
    @Option(help: "Output directory (replaced only if Sarhad wrote it).") var output: String = "sarhad-output"
    @Option(help: "Also write the HTML report (report.html) into this directory.") var report: String?
    @Option(help: "province (the default outputs) or district: also write districts.csv, daily infections and deaths by district.")
    var by: OutputDetail = .province
    @Flag(help: "Do not print progress.") var quiet = false
    @OptionGroup var sharding: ShardOption

    /// How finely the outputs go below the nation: provinces always, districts on request.
    enum OutputDetail: String, ExpressibleByArgument, CaseIterable {
        case province, district
    }

    enum EngineName: String, ExpressibleByArgument, CaseIterable {
        case agent, meanField = "mean-field"
        var engine: Engine { self == .agent ? .agent : .meanField }
    }

    func validate() throws {
        guard replicates >= 1 else { throw ValidationError("--replicates must be at least 1 (got \(replicates))") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if posterior != nil && engine == .meanField {
            throw ValidationError("--posterior runs the agent engine; drop --engine mean-field")
        }
        if by == .district && engine == .meanField {
            throw ValidationError("--by district: the mean-field twin keeps provinces whole; run the agent engine")
        }
        if engine == .meanField && replicates > 1 {
            throw ValidationError("--replicates: the mean-field twin is deterministic; run it once")
        }
    }

    func run() throws {
        let scenario = try readingInput { try resolvedScenario() }
        if by == .district && !DistrictLayout(configuration: scenario.configuration).isSubdivided {
            throw ValidationError("--by district: the scenario has no districts ([districts] enabled = false)")
        }
        let job = try readingInput { try RunJob(command: self, scenario: scenario) }
        let threads = workerThreads(self.threads)
        if let report { try OutputDirectory.checkReportDestination(path: report, output: output) }
        if let shard = sharding.shard {
            try JobExecution.execute(job, shard: shard, output: output, threads: threads, quiet: quiet)
            return
        }
        try JobExecution.prepare(job, shard: nil, output: output, threads: threads)
        let configuration = scenario.configuration
        if !quiet {
            let agents = PopulationBuilder.residentsPerProvince(configuration).reduce(0, +)
            let what = engine == .agent ? "\(agents) agents" : "the mean-field twin of \(agents) residents"
            let message = "Running \(configuration.name): \(what)" + (replicates > 1 ? ", \(replicates) replicates" : "") + "…\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
        let results = job.predictive.map { predictive in
            let progress = ProgressReporter(label: "replicates")
            let silent = quiet
            return predictive.run(replicates: replicates, threads: threads) { done, total in
                if !silent { progress.update(done, total) }
            }
        } ?? simulate(configuration, threads: threads)
        try JobExecution.complete(job, results: results, output: output)
    }

    func simulate(_ configuration: ModelConfiguration, threads: Int) -> [SimulationResult] {
        if replicates == 1 && engine == .agent {
            let progress = ProgressReporter(label: "sarhad")
            return [Simulation(configuration: configuration, seed: seed, threads: threads)
                .run { done, total in if !quiet { progress.update(done, total) } }]
        }
        let progress = ProgressReporter(label: "replicates")
        let silent = quiet
        return Ensemble(configuration: configuration, baseSeed: seed, engine: engine.engine)
            .run(replicates: replicates, threads: threads) { done, total in
                if !silent { progress.update(done, total) }
            }
    }

    func resolvedScenario() throws -> Scenario {
        var scenario = try ScenarioInput.load(scenarioFile, country: countryOption.country)
        try ScenarioOverrides.apply(end: end, populationScale: populationScale, to: &scenario)
        return scenario
    }
}
