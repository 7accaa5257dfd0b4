import SarhadModel

/// Synthetic recovery: draw true parameters from the prior, generate recorded series with the model,
/// fit them by ABC-SMC, and count how often the 90 % interval covers the truth. With θ drawn from
/// the prior, an exact posterior covers it in 90 % of trials; ABC's tolerance widens the posterior,
/// so a working calibration covers at least that often, and one that is confidently wrong, less.
public struct CoverageCheck: Sendable {
    public struct Trial: Sendable {
        public var truth: [Double]
        public var summary: PosteriorSummary
        public var covered: [Bool]
    }

    public let base: ModelConfiguration
    public let space: ParameterSpace
    public let settings: ABCSMC.Settings
    public let seed: UInt64

    public init(base: ModelConfiguration, space: ParameterSpace, settings: ABCSMC.Settings, seed: UInt64) {
        self.base = base
        self.space = space
        self.settings = settings
        self.seed = seed
    }

    /// The recorded series a run would have produced, on every day from the first recorded case.
    public static func syntheticRecord(_ result: SimulationResult) -> ReportedSeries {
        let dates = (0..<result.dayCount).map { result.date(ofDay: $0) }
        let points = ReportedSeries.recorded(by: result, on: dates)
        let first = points.firstIndex { $0.cases > 0 } ?? 0
        return ReportedSeries(national: Array(points[first...]))
    }

    public func trial(_ index: Int, threads: Int) -> Trial {
        var random = CounterRandom(seed: seed, purpose: .calibration, day: -2, subject: UInt64(index))
        let truth = space.priors.map { $0.sample(&random) }
        let dataSeed = CounterRandom.mix(seed ^ 0xDA7A ^ UInt64(index))
        let observed = Simulation(configuration: space.configured(base, truth), seed: dataSeed, threads: threads).run()
        let smc = ABCSMC(base: base, space: space, reported: Self.syntheticRecord(observed), settings: settings,
                         seed: CounterRandom.mix(seed &+ UInt64(index)), threads: threads)
        let posterior = smc.run(threads: threads).last!.posterior
        let summary = PosteriorSummary(posterior)
        let covered = zip(summary.rows, truth).map { row, value in value >= row.lower && value <= row.upper }
        return Trial(truth: truth, summary: summary, covered: covered)
    }

    public func run(trials: Int, threads: Int, progress: (Int, Trial) -> Void = { _, _ in }) -> [Trial] {
        (0..<trials).map { index in
            let trial = trial(index, threads: threads)
            progress(index, trial)
            return trial
        }
    }
}
