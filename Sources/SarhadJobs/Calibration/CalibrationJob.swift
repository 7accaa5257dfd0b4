import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// `sarhad calibrate`'s inputs, resolved once, and the two computations every way of running it
/// shares: the fit (ABC-SMC generations) and the posterior predictive, then the output files.
/// Unsharded, `CalibrateCommand` runs both here; sharded, each shard runs its slots or replicates
/// through the same `smc` and `predictive`, and `sarhad merge` writes through the same `write`.
package struct CalibrationJob {
    package static let command = "calibrate"

    /// What a calibration is asked: everything but the scenario, whose end and scale are already applied.
    package struct Request: Sendable {
        /// The last day of the record fitted, YYYY-MM-DD.
        package var through: String
        package var record: RecordSource = .pack
        /// Also fit the record's provincial case counts.
        package var provinces = false
        package var particles = 200
        package var generations = 4
        /// Posterior predictive replicates.
        package var predictive = 20
        package var seed: UInt64 = 1
        /// The scenario's file, fingerprinted ("built-in" without one), for refusing shards of another calibration.
        package var scenarioProvenance = "built-in"
        /// How the caller names `through` in messages ("--through", "through").
        package var throughField = "--through"

        package init(through: String) { self.through = through }
    }

    package let request: Request
    package let scenario: Scenario
    package let throughDate: SimDate
    package let reported: ReportedSeries
    package let space: ParameterSpace
    /// The scenario simulated through the records and through the latest serosurvey or positivity window.
    package let fitConfiguration: ModelConfiguration

    package init(scenario: Scenario, request: Request) throws {
        self.request = request
        self.scenario = scenario
        guard let date = SimDate(iso: request.through), date > scenario.configuration.startDate else {
            throw InputError(ScenarioError(key: request.throughField, message: "is \"\(request.through)\"",
                                           expected: "a date after the scenario's start, like 2020-04-08"))
        }
        try WorkLimits.checkDays(from: scenario.configuration.startDate, to: date, option: request.throughField)
        throughDate = date
        var loaded = try ReportedDataInput.load(request.record, provinces: request.provinces, scenario: scenario).through(date)
        loaded.targets = scenario.calibrationTargets.map(CalibrationSpace.target)
        reported = loaded
        guard !reported.national.isEmpty else {
            throw InputError(ScenarioError(key: request.throughField, message: "leaves no recorded data",
                                           expected: "a date on or after the first record"))
        }
        space = try CalibrationSpace.from(scenario)
        var fit = scenario.configuration
        let targetEnds = reported.targets.map { target -> SimDate in
            switch target {
            case .serosurvey(let date, _, _, _, _, _): date
            case .testPositivity(_, let end, _, _, _): end
            }
        }
        fit.endDate = ([throughDate] + targetEnds).max()!
        fitConfiguration = fit
    }

    /// What the fit and the predictive ask of memory: a population per thread for the fit's simulations,
    /// and `predictiveShare` replicates kept until the outputs are written (a shard's share, or all of them).
    /// `replicatesOption` names the predictive's count in messages ("--predictive", "predictive").
    package func workload(predictiveShare: Int, threads: Int, replicatesOption: String = "--predictive") -> Workload {
        Workload(configurations: [fitConfiguration, scenario.configuration], replicates: request.predictive,
                 replicatesOption: replicatesOption, simulations: max(request.particles, predictiveShare),
                 keptResults: predictiveShare, threads: threads)
    }

    package var settings: ABCSMC.Settings { ABCSMC.Settings(particles: request.particles, generations: request.generations) }

    /// Everything the outputs depend on (not --threads, --quiet or --output), for refusing shards of another calibration.
    package var fingerprint: String {
        stableHash([Self.command, request.scenarioProvenance, ScenarioWriter.toml(scenario), request.record.fingerprint,
                    request.through, "\(request.provinces)", "\(request.particles)", "\(request.generations)",
                    "\(request.predictive)", "\(request.seed)"].joined(separator: "\u{1F}"))
    }

    package func smc(threads: Int) -> ABCSMC {
        ABCSMC(base: fitConfiguration, space: space, reported: reported, settings: settings, seed: request.seed, threads: threads)
    }

    package func predictive(_ posterior: Posterior) -> PosteriorPredictive {
        PosteriorPredictive(base: scenario.configuration, posterior: posterior, seed: request.seed)
    }

    /// What a whole calibration reports when it is done.
    package struct Outcome: Sendable {
        /// The posterior and hidden-epidemic tables, as printed.
        package let summary: String
        package let posterior: PosteriorSummary
        package let simulations: Int
        package let fitSeconds: Double
        package let directory: URL
    }

    /// The whole calibration in this process: the fit's generations (each reported as it closes), then the
    /// posterior predictive, then the outputs into `output`, committed. Throws `Refusal` with
    /// `noParticleMessage` when no particle was accepted; nothing is written then.
    /// `shouldStop` is asked before each generation and before the predictive (the dashboard's cancel);
    /// when it says yes, `CancellationError` is thrown and nothing is written.
    package func runWhole(into output: String, option: String = "--output", threads: Int,
                          generationDone: @Sendable (Int, ABCSMC.Generation) -> Void = { _, _ in },
                          predictiveStarts: () -> Void = {},
                          predictiveProgress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
                          shouldStop: () -> Bool = { false }) throws -> Outcome {
        let clock = ContinuousClock(), started = clock.now
        // `ABCSMC.run`'s loop, with a place to stop between generations: the same generations.
        let smc = self.smc(threads: threads)
        var history = [ABCSMC.Generation]()
        for index in 0..<request.generations {
            if shouldStop() { throw CancellationError() }
            let previous = history.last?.posterior
            let generation = smc.close(smc.sample(generation: index, slots: Array(0..<request.particles), previous: previous,
                                                  threads: threads), previous: previous)
            history.append(generation)
            generationDone(index, generation)
            if smc.endsFit(generation, index: index) { break }
        }
        guard let posterior = history.last?.posterior, posterior.count > 0 else { throw Refusal(Self.noParticleMessage) }
        let elapsed = clock.now - started
        if shouldStop() { throw CancellationError() }
        predictiveStarts()
        let forward = predictive(posterior).run(replicates: request.predictive, threads: threads, progress: predictiveProgress)
        let directory = try OutputDirectory(path: output, option: option)
        do {
            let summary = try write(history: history, forward: forward, into: directory)
            try directory.commit()
            return Outcome(summary: summary, posterior: PosteriorSummary(posterior), simulations: history.map(\.attempts).reduce(0, +),
                           fitSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
                           directory: directory.final)
        } catch {
            directory.abandon()
            throw error
        }
    }

    package static func generationLine(_ index: Int, _ generation: ABCSMC.Generation) -> String {
        "generation \(index): tolerance \(String(format: "%.3g", generation.posterior.tolerance)), "
            + "accepted \(generation.posterior.count) of \(generation.attempts) (ESS \(String(format: "%.0f", generation.posterior.effectiveSampleSize)))"
    }

    /// The six output files, from the fit's generations and the predictive replicates in order; returns what to print.
    package func write(history: [ABCSMC.Generation], forward: [SimulationResult], into directory: OutputDirectory) throws -> String {
        let posterior = history.last!.posterior
        let hidden = HiddenEpidemic(forward, through: throughDate)
        let summary = PosteriorSummary(posterior)
        try directory.write("posterior.csv", PosteriorTable.csv(posterior))
        try directory.write("generations.csv", CalibrationTables.generations(history))
        try directory.write("posterior-summary.csv", CalibrationTables.summaryCSV(summary))
        try directory.write("hidden-epidemic.csv", CalibrationTables.hiddenCSV(hidden))
        try directory.write("quantiles.csv", EnsembleCSV.quantiles(EnsembleQuantiles(forward), startDate: forward[0].startDate))
        try directory.write("scenario.toml", ScenarioWriter.toml(scenario))
        let note = IntervalNote.text(replicates: forward.count, what: "posterior predictive replicates").map { "\n" + $0 } ?? ""
        return CalibrationTables.summaryText(summary) + "\n\n" + CalibrationTables.hiddenText(hidden, top: 5) + note
    }

    /// The unsharded run's refusal, which a merge repeats when the generation it closes is empty.
    package static let noParticleMessage = "no particle was accepted; widen the priors or add generations"
}
