import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the scenario's free parameters to what was recorded; estimate the hidden epidemic.",
        discussion: """
            ABC-SMC with the agent model against recorded national cases and deaths (docs/CALIBRATION.md). \
            Writes posterior.csv (particles and weights), generations.csv, posterior-summary.csv, \
            hidden-epidemic.csv, quantiles.csv (posterior predictive bands to --end) and scenario.toml.
            With --shard K/N, runs shard K's share of the next step the output directory is waiting for (a \
            generation's particle slots, or the posterior predictive's replicates); `sarhad merge OUTPUT` closes \
            that step. Repeat both until merge writes the outputs (docs/CALIBRATION.md, "Sharded calibration"). \
            An existing output directory is replaced only if Sarhad wrote it.
            Example: sarhad calibrate --through 2020-04-08 --particles 200 --generations 4 --population-scale 0.01
            """)

    @Argument(help: "Scenario file (TOML). Omit for the built-in scenario.") var scenarioFile: String?
    @OptionGroup var countryOption: CountryOption
    @Option(help: "Fit the records up to this date (YYYY-MM-DD).") var through: String = "2020-04-08"
    @Option(help: "Recorded series to fit: a record file (date,province,measure,value; see `sarhad record check`) or CSV date,cumulative_cases,cumulative_deaths (default: the bundled record through 2020-04-08).")
    var data: String?
    @Flag(help: "Also fit the bundled provincial case counts (OCHA).") var provinces = false
    @Option(help: "Particles per generation, at least 10 and at most \(WorkLimits.grouped(WorkLimits.maximumParticles)).")
    var particles: Int = 200
    @Option(help: "ABC-SMC generations, at most \(WorkLimits.maximumGenerations).") var generations: Int = 4
    @Option(help: HelpText.replicates("Posterior predictive replicates")) var predictive: Int = 20
    @Option(help: ArgumentHelp("Last day of the posterior predictive, YYYY-MM-DD, at most "
        + "\(WorkLimits.grouped(WorkLimits.maximumDays)) days after the start (default: the scenario's end, 2020-12-31 "
        + "for the built-in scenario).", valueName: "date"))
    var end: String?
    @Option(name: .customLong("population-scale"), help: HelpText.populationScale) var populationScale: Double?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: HelpText.threads) var threads: Int?
    @Option(help: "Output directory (replaced only if Sarhad wrote it).") var output: String = "sarhad-calibration"
    @Flag(help: "Do not print progress.") var quiet = false
    @Option(name: .customLong("coverage-trials"),
            help: "Instead of fitting the records: N synthetic-recovery trials (truths from the prior, data from the model, fitted back), at most \(WorkLimits.grouped(WorkLimits.maximumCoverageTrials)); prints how often the 90 % intervals cover the truth.")
    var coverageTrials: Int?
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        guard particles >= 10 else { throw ValidationError("--particles must be at least 10 (got \(particles))") }
        guard generations >= 1 else { throw ValidationError("--generations must be at least 1") }
        guard predictive >= 1 else { throw ValidationError("--predictive must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let shard = sharding.shard {
            guard coverageTrials == nil else { throw ValidationError("--shard does not apply to --coverage-trials") }
            guard shard.count <= min(particles, predictive) else {
                throw ValidationError("--shard \(shard) splits into more shards than there are particles (\(particles)) or "
                    + "predictive replicates (\(predictive)); every shard needs at least one of each")
            }
        }
    }

    func run() throws {
        let job = try readingInput { try self.job() }
        let threads = workerThreads(self.threads)
        try checkLimits(job, threads: threads)
        if let coverageTrials {
            try runCoverage(trials: coverageTrials, base: job.fitConfiguration, space: job.space, threads: threads)
            return
        }
        if let shard = sharding.shard {
            try OutputDirectory.checkDestination(path: output, replacingWhole: false)
            print(try ShardFiles.refusingProblems {
                try CalibrationShards.runShard(job, shard: shard, arguments: ShardOption.jobArguments(), output: output,
                                               threads: threads, quiet: quiet)
            })
            return
        }
        try OutputDirectory.checkDestination(path: output)
        let silent = quiet
        let log: @Sendable (String) -> Void = { text in if !silent { FileHandle.standardError.write(Data((text + "\n").utf8)) } }
        log("Calibrating \(job.space.parameters.map(\.rawValue).joined(separator: ", ")) to \(job.reported.national.count) days of records "
            + "through \(job.throughDate), \(particles) particles × up to \(generations) generations…")
        let outcome: CalibrationJob.Outcome
        do {
            outcome = try job.runWhole(into: output, threads: threads,
                                       generationDone: { index, generation in log(CalibrationJob.generationLine(index, generation)) },
                                       predictiveStarts: {
                                           log("Posterior predictive: \(predictive) replicates to \(job.scenario.configuration.endDate)…")
                                       })
        } catch let refusal as Refusal where refusal.description == CalibrationJob.noParticleMessage {
            FileHandle.standardError.write(Data("error: \(CalibrationJob.noParticleMessage)\n".utf8))
            throw ExitCode(ExitStatus.failure)
        }
        print(outcome.summary)
        print("Fitted in \(String(format: "%.0f", outcome.fitSeconds)) s (\(outcome.simulations) simulations); outputs in \(outcome.directory.path)")
    }

    /// The limits and the memory guard, before any simulation (exit status 2 past them): the fit runs a
    /// population per thread, and the predictive's replicates are all kept until the outputs are written.
    func checkLimits(_ job: CalibrationJob, threads: Int) throws {
        try WorkLimits.checkThreads(threads)
        try WorkLimits.check(particles, "--particles", atMost: WorkLimits.maximumParticles)
        try WorkLimits.check(generations, "--generations", atMost: WorkLimits.maximumGenerations)
        try WorkLimits.checkReplicates(predictive, option: "--predictive")
        if let coverageTrials { try WorkLimits.check(coverageTrials, "--coverage-trials", atMost: WorkLimits.maximumCoverageTrials) }
        let shard = sharding.shard
        let predictiveShare = shard.map { $0.items(of: predictive).count } ?? predictive
        try MemoryGuard.check(job.workload(predictiveShare: predictiveShare, threads: threads))
    }

    func runCoverage(trials: Int, base: ModelConfiguration, space: ParameterSpace, threads: Int) throws {
        guard trials >= 1 else { throw ValidationError("--coverage-trials must be at least 1") }
        let check = CoverageCheck(base: base, space: space,
                                  settings: ABCSMC.Settings(particles: particles, generations: generations), seed: seed)
        let results = check.run(trials: trials, threads: threads) { index, trial in
            if !quiet {
                let cells = zip(space.parameters, zip(trial.truth, trial.summary.rows)).map { parameter, pair in
                    "\(parameter.rawValue) \(String(format: "%.3g", pair.0)) in [\(String(format: "%.3g", pair.1.lower)), "
                        + "\(String(format: "%.3g", pair.1.upper))]\(pair.1.lower <= pair.0 && pair.0 <= pair.1.upper ? "" : " MISSED")"
                }
                FileHandle.standardError.write(Data("trial \(index + 1): \(cells.joined(separator: "; "))\n".utf8))
            }
        }
        for (index, parameter) in space.parameters.enumerated() {
            let covered = results.filter { $0.covered[index] }.count
            print("\(parameter.rawValue): 90 % interval covered the truth in \(covered) of \(trials) trials")
        }
        let all = results.flatMap(\.covered)
        print("overall: \(all.filter { $0 }.count) of \(all.count) intervals (nominal 90 %)")
    }

    /// The library's calibration for these options.
    func job() throws -> CalibrationJob {
        var request = CalibrationJob.Request(through: through)
        request.record = data.map(RecordSource.file) ?? .pack
        request.provinces = provinces
        request.particles = particles
        request.generations = generations
        request.predictive = predictive
        request.seed = seed
        request.scenarioProvenance = fileFingerprint(scenarioFile)
        return try CalibrationJob(scenario: try resolvedScenario(), request: request)
    }

    func resolvedScenario() throws -> Scenario {
        var scenario = try ScenarioInput.load(scenarioFile, country: countryOption.country)
        try ScenarioOverrides.apply(end: end, populationScale: populationScale, to: &scenario)
        return scenario
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
