import ArgumentParser
import Foundation
import SarhadInference
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
            that step. Repeat both until merge writes the outputs (docs/CALIBRATION.md, "Sharded calibration").
            """)

    @Argument(help: "Scenario file (TOML). Omit for the built-in scenario.") var scenarioFile: String?
    @Option(help: "Fit the records up to this date (YYYY-MM-DD).") var through: String = "2020-04-08"
    @Option(help: "Recorded series to fit (CSV date,cumulative_cases,cumulative_deaths; default: bundled JHU CSSE).")
    var data: String?
    @Flag(help: "Also fit the bundled provincial case counts (OCHA).") var provinces = false
    @Option(help: "Particles per generation.") var particles: Int = 200
    @Option(help: "ABC-SMC generations.") var generations: Int = 4
    @Option(help: "Posterior predictive replicates.") var predictive: Int = 20
    @Option(help: "Last day of the posterior predictive (default: the scenario's end).") var end: String?
    @Option(name: .customLong("population-scale"), help: "Fraction of the real population to simulate.")
    var populationScale: Double?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output directory.") var output: String = "sarhad-calibration"
    @Flag(help: "Do not print progress.") var quiet = false
    @Option(name: .customLong("coverage-trials"),
            help: "Instead of fitting the records: N synthetic-recovery trials (truths from the prior, data from the model, fitted back); prints how often the 90 % intervals cover the truth.")
    var coverageTrials: Int?
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        guard particles >= 10 else { throw ValidationError("--particles must be at least 10 (got \(particles))") }
        guard generations >= 1 else { throw ValidationError("--generations must be at least 1") }
        guard predictive >= 1 else { throw ValidationError("--predictive must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let shard = sharding.shard {
            guard coverageTrials == nil else { throw ValidationError("--shard does not apply to --coverage-trials") }
            guard shard.count <= min(particles, predictive) else {
                throw ValidationError("--shard \(shard) splits into more shards than there are particles (\(particles)) or "
                    + "predictive replicates (\(predictive)); every shard needs at least one of each")
            }
        }
    }

    func run() throws {
        let job = try readingInput { try CalibrationJob(command: self) }
        if let coverageTrials {
            try runCoverage(trials: coverageTrials, base: job.fitConfiguration, space: job.space)
            return
        }
        if let shard = sharding.shard {
            print(try ShardFiles.refusingProblems {
                try CalibrationShards.runShard(job, shard: shard, arguments: ShardOption.jobArguments(), output: output,
                                               threads: threads, quiet: quiet)
            })
            return
        }
        let silent = quiet
        let log: @Sendable (String) -> Void = { text in if !silent { FileHandle.standardError.write(Data((text + "\n").utf8)) } }
        let clock = ContinuousClock(), started = clock.now
        log("Calibrating \(job.space.parameters.map(\.rawValue).joined(separator: ", ")) to \(job.reported.national.count) days of records "
            + "through \(job.throughDate), \(particles) particles × up to \(generations) generations…")
        let history = job.smc(threads: threads).run(threads: threads) { index, generation in
            log(CalibrationJob.generationLine(index, generation))
        }
        guard let posterior = history.last?.posterior, posterior.count > 0 else {
            FileHandle.standardError.write(Data("error: \(CalibrationJob.noParticleMessage)\n".utf8))
            throw ExitCode(1)
        }
        let fitSeconds = (clock.now - started).seconds
        log("Posterior predictive: \(predictive) replicates to \(job.scenario.configuration.endDate)…")
        let forward = job.predictive(posterior).run(replicates: predictive, threads: threads)
        let directory = try OutputDirectory(path: output)
        let text: String
        do {
            text = try job.write(history: history, forward: forward, into: directory)
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        print(text)
        print("Fitted in \(String(format: "%.0f", fitSeconds)) s (\(history.map(\.attempts).reduce(0, +)) simulations); outputs in \(directory.final.path)")
    }

    func runCoverage(trials: Int, base: ModelConfiguration, space: ParameterSpace) throws {
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

    func resolvedScenario() throws -> Scenario {
        var scenario = try ScenarioInput.load(scenarioFile)
        try ScenarioOverrides.apply(end: end, populationScale: populationScale, to: &scenario)
        return scenario
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
