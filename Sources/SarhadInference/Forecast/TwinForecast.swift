import SarhadMeanField
import SarhadModel

/// One forecast target: a measure in a region over a day or a week after the origin.
public struct ForecastTarget: Sendable, Hashable, Comparable {
    public enum Period: String, Sendable, Hashable, Comparable {
        case day
        case week

        public static func < (lhs: Period, rhs: Period) -> Bool { lhs == .day && rhs == .week }
    }

    public var region: EpidemicRecord.Region
    public var measure: Measure
    public var period: Period
    /// Days (for `.day`) or weeks (for `.week`) after the origin: 1 is the first.
    public var horizon: Int

    public init(region: EpidemicRecord.Region, measure: Measure, period: Period, horizon: Int) {
        self.region = region
        self.measure = measure
        self.period = period
        self.horizon = horizon
    }

    /// The last day the target covers.
    public func targetDate(origin: SimDate) -> SimDate {
        origin.adding(days: period == .day ? horizon : 7 * horizon)
    }

    /// The days after the origin it covers (1 = the day after the origin).
    public var daysAhead: ClosedRange<Int> {
        period == .day ? horizon...horizon : (7 * horizon - 6)...(7 * horizon)
    }

    public static func < (lhs: ForecastTarget, rhs: ForecastTarget) -> Bool {
        (lhs.period, lhs.region, lhs.measure.rawValue, lhs.horizon) < (rhs.period, rhs.region, rhs.measure.rawValue, rhs.horizon)
    }
}

/// Quantile forecasts from the particle filter: for every region (the nation and each province), measure,
/// day and whole week after the origin.
///
/// Recorded measures carry observation noise: each particle's expected counts are drawn `draws` times
/// from its negative binomial, so the quantiles are those of what the ministry will record, not of its
/// expectation. Measures nobody records (true infections, deaths, beds needed) are the particles'
/// expected values: their spread is the filter's uncertainty about the epidemic. Weekly targets are
/// sums of the same draws over seven days, for flows only (a stock such as beds needed has no weekly sum).
/// Values count the real population, as records do (the twin's counts divided by the population scale).
public struct TwinForecast: Sendable {
    public static let defaultMeasures: [Measure] = [.confirmed, .recordedDeaths, .infections, .deaths, .bedsNeeded]

    public let origin: SimDate
    public let horizon: Int
    public let provinceNames: [String]
    public let quantiles: [ForecastTarget: QuantileForecast]

    public var targets: [ForecastTarget] { quantiles.keys.sorted() }

    public func regionName(_ region: EpidemicRecord.Region) -> String {
        region.name(provinces: provinceNames)
    }

    /// `recording[particle][measure]`: the multiplier on each forecast day's expected recorded count.
    init(steppers: [MeanFieldStepper], sizes: [[Measure: Double]], recording: [[Measure: [Double]]], origin: SimDate, originDay: Int, horizon: Int,
         measures: [Measure], provinceNames: [String], draws: Int, countScale: Double, seed: UInt64, threads: Int) {
        self.origin = origin
        self.horizon = horizon
        self.provinceNames = provinceNames
        let regions = [EpidemicRecord.Region.national] + provinceNames.indices.map { .province($0) }
        let jobs = regions.flatMap { region in measures.map { (region, $0) } }
        let particles = steppers.count
        let results = Parallel.map(count: jobs.count, threads: threads) { job -> [(ForecastTarget, QuantileForecast)] in
            let (region, measure) = jobs[job]
            // Recorded measures have a fitted size and are drawn; the others are expected values.
            let noisy = sizes.first?[measure] != nil
            let samples = noisy ? max(1, draws) : 1
            // samples[day][particle · draws + draw]
            var values = [[Double]](repeating: [Double](repeating: 0, count: particles * samples), count: horizon)
            for particle in 0..<particles {
                var random = CounterRandom(seed: seed, purpose: .forecast, day: -2 - job, subject: UInt64(particle))
                for ahead in 0..<horizon {
                    let multiplier = noisy ? recording[particle][measure]![ahead] : 1
                    let mean = countScale * multiplier * max(0, TwinParticleFilter.expected(steppers[particle], measure,
                                                                                          day: originDay + 1 + ahead, region: region))
                    for draw in 0..<samples {
                        values[ahead][particle * samples + draw] = noisy
                            ? NegativeBinomial.sample(mean: mean, size: sizes[particle][measure]!, &random) : mean
                    }
                }
            }
            var made = [(ForecastTarget, QuantileForecast)]()
            for ahead in 0..<horizon {
                let target = ForecastTarget(region: region, measure: measure, period: .day, horizon: ahead + 1)
                made.append((target, try! QuantileForecast(sample: values[ahead])))
            }
            if !measure.isStock {
                for week in 0..<(horizon / 7) {
                    var sums = [Double](repeating: 0, count: particles * samples)
                    for ahead in (7 * week)..<(7 * week + 7) {
                        for index in sums.indices { sums[index] += values[ahead][index] }
                    }
                    let target = ForecastTarget(region: region, measure: measure, period: .week, horizon: week + 1)
                    made.append((target, try! QuantileForecast(sample: sums)))
                }
            }
            return made
        }
        quantiles = Dictionary(results.flatMap { $0 }, uniquingKeysWith: { first, _ in first })
    }
}
