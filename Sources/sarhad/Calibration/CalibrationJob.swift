import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// `sarhad calibrate`'s inputs, resolved once, and the two computations every way of running it
/// shares: the fit (ABC-SMC generations) and the posterior predictive, then the output files.
/// Unsharded, `CalibrateCommand` runs both here; sharded, each shard runs its slots or replicates
/// through the same `smc` and `predictive`, and `sarhad merge` writes through the same `write`.
struct CalibrationJob {
    static let command = "calibrate"
    let command: CalibrateCommand
    let scenario: Scenario
    let throughDate: SimDate
    let reported: ReportedSeries
    let space: ParameterSpace
    /// The scenario simulated through the records and through the latest serosurvey or positivity window.
    let fitConfiguration: ModelConfiguration

    init(command: CalibrateCommand) throws {
        self.command = command
        scenario = try command.resolvedScenario()
        guard let date = SimDate(iso: command.through), date > scenario.configuration.startDate else {
            throw InputError(ScenarioError(key: "--through", message: "is \"\(command.through)\"",
                                           expected: "a date after the scenario's start, like 2020-04-08"))
        }
        try WorkLimits.checkDays(from: scenario.configuration.startDate, to: date, option: "--through")
        throughDate = date
        var loaded = try ReportedDataInput.load(path: command.data, provinces: command.provinces, scenario: scenario).through(date)
        loaded.targets = scenario.calibrationTargets.map(CalibrationSpace.target)
        reported = loaded
        guard !reported.national.isEmpty else {
            throw InputError(ScenarioError(key: "--through", message: "leaves no recorded data",
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

    var settings: ABCSMC.Settings { ABCSMC.Settings(particles: command.particles, generations: command.generations) }

    /// Everything the outputs depend on (not --threads, --quiet or --output), for refusing shards of another calibration.
    var fingerprint: String {
        stableHash([Self.command, fileFingerprint(command.scenarioFile), ScenarioWriter.toml(scenario), fileFingerprint(command.data),
                    command.through, "\(command.provinces)", "\(command.particles)", "\(command.generations)",
                    "\(command.predictive)", "\(command.seed)"].joined(separator: "\u{1F}"))
    }

    func smc(threads: Int) -> ABCSMC {
        ABCSMC(base: fitConfiguration, space: space, reported: reported, settings: settings, seed: command.seed, threads: threads)
    }

    func predictive(_ posterior: Posterior) -> PosteriorPredictive {
        PosteriorPredictive(base: scenario.configuration, posterior: posterior, seed: command.seed)
    }

    static func generationLine(_ index: Int, _ generation: ABCSMC.Generation) -> String {
        "generation \(index): tolerance \(String(format: "%.3g", generation.posterior.tolerance)), "
            + "accepted \(generation.posterior.count) of \(generation.attempts) (ESS \(String(format: "%.0f", generation.posterior.effectiveSampleSize)))"
    }

    /// The six output files, from the fit's generations and the predictive replicates in order; returns what to print.
    func write(history: [ABCSMC.Generation], forward: [SimulationResult], into directory: OutputDirectory) throws -> String {
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
    static let noParticleMessage = "no particle was accepted; widen the priors or add generations"
}
