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

    func validate() throws {
        guard particles >= 10 else { throw ValidationError("--particles must be at least 10 (got \(particles))") }
        guard generations >= 1 else { throw ValidationError("--generations must be at least 1") }
        guard predictive >= 1 else { throw ValidationError("--predictive must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let scenario: Scenario, throughDate: SimDate, reported: ReportedSeries, space: ParameterSpace
        do {
            scenario = try resolvedScenario()
            guard let date = SimDate(iso: through), date > scenario.configuration.startDate else {
                throw InputError(ScenarioError(key: "--through", message: "is \"\(through)\"",
                                               expected: "a date after the scenario's start, like 2020-04-08"))
            }
            throughDate = date
            var loaded = try ReportedDataInput.load(path: data, provinces: provinces, scenario: scenario).through(date)
            loaded.targets = scenario.calibrationTargets.map(CalibrationSpace.target)
            reported = loaded
            guard !reported.national.isEmpty else {
                throw InputError(ScenarioError(key: "--through", message: "leaves no recorded data",
                                               expected: "a date on or after the first record"))
            }
            space = try CalibrationSpace.from(scenario)
        } catch let error as InputError {
            throw exitForInputError(error)
        }
        var fitConfiguration = scenario.configuration
        // Simulated through the records and through the latest serosurvey or positivity window.
        let targetEnds = reported.targets.map { target -> SimDate in
            switch target {
            case .serosurvey(let date, _, _, _, _, _): date
            case .testPositivity(_, let end, _, _, _): end
            }
        }
        fitConfiguration.endDate = ([throughDate] + targetEnds).max()!
        if let coverageTrials {
            try runCoverage(trials: coverageTrials, base: fitConfiguration, space: space)
            return
        }
        let silent = quiet
        let log: @Sendable (String) -> Void = { text in if !silent { FileHandle.standardError.write(Data((text + "\n").utf8)) } }
        let clock = ContinuousClock(), started = clock.now
        log("Calibrating \(space.parameters.map(\.rawValue).joined(separator: ", ")) to \(reported.national.count) days of records "
            + "through \(throughDate), \(particles) particles × up to \(generations) generations…")
        let smc = ABCSMC(base: fitConfiguration, space: space, reported: reported,
                         settings: ABCSMC.Settings(particles: particles, generations: generations), seed: seed, threads: threads)
        let history = smc.run(threads: threads) { index, generation in
            log("generation \(index): tolerance \(String(format: "%.3g", generation.posterior.tolerance)), "
                + "accepted \(generation.posterior.count) of \(generation.attempts) (ESS \(String(format: "%.0f", generation.posterior.effectiveSampleSize)))")
        }
        guard let posterior = history.last?.posterior, posterior.count > 0 else {
            FileHandle.standardError.write(Data("error: no particle was accepted; widen the priors or add generations\n".utf8))
            throw ExitCode(1)
        }
        let fitSeconds = (clock.now - started).seconds
        log("Posterior predictive: \(predictive) replicates to \(scenario.configuration.endDate)…")
        let forward = PosteriorPredictive(base: scenario.configuration, posterior: posterior, seed: seed)
            .run(replicates: predictive, threads: threads)
        let hidden = HiddenEpidemic(forward, through: throughDate)
        let summary = PosteriorSummary(posterior)

        let directory = try OutputDirectory(path: output)
        do {
            try directory.write("posterior.csv", PosteriorTable.csv(posterior))
            try directory.write("generations.csv", CalibrationTables.generations(history))
            try directory.write("posterior-summary.csv", CalibrationTables.summaryCSV(summary))
            try directory.write("hidden-epidemic.csv", CalibrationTables.hiddenCSV(hidden))
            try directory.write("quantiles.csv", EnsembleCSV.quantiles(EnsembleQuantiles(forward), startDate: forward[0].startDate))
            try directory.write("scenario.toml", ScenarioWriter.toml(scenario))
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        print(CalibrationTables.summaryText(summary))
        print("")
        print(CalibrationTables.hiddenText(hidden, top: 5))
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
