import SarhadModel

/// Forecasts made as if on past dates, each from the record as it stood then, scored against what the
/// record shows afterwards and against the Forecast Hub's baseline made from the same history.
public struct Backtest: Sendable {
    /// One scored forecast: a target from one origin with the model's and the baseline's quantiles.
    public struct Row: Sendable {
        public var origin: SimDate
        public var target: ForecastTarget
        public var forecast: QuantileForecast
        public var baseline: QuantileForecast?
        public var observed: Double

        public var score: Double { ForecastScore.weightedIntervalScore(forecast, observed: observed) }
        public var baselineScore: Double? { baseline.map { ForecastScore.weightedIntervalScore($0, observed: observed) } }
        public func covered(_ coverage: Double) -> Bool { ForecastScore.covers(forecast, observed: observed, coverage: coverage) ?? false }
    }

    public let rows: [Row]
    /// Every origin's forecast, with the targets the record could not score too.
    public let forecasts: [TwinForecast]
    public let provinceNames: [String]

    /// Fits and forecasts from each origin in turn (in date order). Records are taken as never revised:
    /// the record up to an origin is the final record cut there. Days of the baseline's history: the 28 before the
    /// origin (daily targets) or 8 weeks (weekly ones), as far as the record has them without gaps.
    public static func run(base: ModelConfiguration, record: EpidemicRecord, serosurveys: [Serosurvey] = [], origins: [SimDate],
                           horizon: Int,
                           settings: TwinFilterSettings = TwinFilterSettings(), seed: UInt64, threads: Int,
                           progress: (SimDate) -> Void = { _ in }) -> Backtest {
        var rows = [Row](), forecasts = [TwinForecast]()
        let sorted = origins.sorted()
        guard let last = sorted.last else { return Backtest(rows: [], forecasts: [], provinceNames: base.provinces.map(\.name)) }
        // One filter through the record, forecasting at each origin on the way: the particles at an origin
        // have seen the record up to it and nothing after (the record is read only through the last origin).
        let filter = TwinParticleFilter(base: base, record: record.truncated(through: last), serosurveys: serosurveys,
                                        lastOrigin: last, horizon: horizon, settings: settings, seed: seed, threads: threads)
        for origin in sorted {
            progress(origin)
            filter.filter(through: origin)
            let forecast = filter.forecast()
            forecasts.append(forecast)
            rows += score(forecast, against: record)
        }
        return Backtest(rows: rows, forecasts: forecasts, provinceNames: base.provinces.map(\.name))
    }

    /// The rows of one forecast that the record can score: recorded measures on days (or whole weeks)
    /// the record has.
    public static func score(_ forecast: TwinForecast, against record: EpidemicRecord) -> [Row] {
        var rows = [Row]()
        var dailyCache = [EpidemicRecord.SeriesKey: [SimDate: Double]]()
        var baselineCache = [ForecastTarget.Period: [EpidemicRecord.SeriesKey: [QuantileForecast?]]]()
        for target in forecast.targets {
            guard let recorded = EpidemicRecord.Measure(simulated: target.measure) else { continue }
            let key = EpidemicRecord.SeriesKey(region: target.region, measure: recorded, cumulative: false)
            let daily = dailyCache[key] ?? record.dailyCounts(recorded, in: target.region)
            dailyCache[key] = daily
            guard let observed = sum(daily, origin: forecast.origin, days: target.daysAhead) else { continue }
            // The baseline of every horizon at once, per series and period.
            if baselineCache[target.period]?[key] == nil {
                let history: [Double?]
                switch target.period {
                case .day: history = (0..<28).reversed().map { daily[forecast.origin.adding(days: -$0)] }
                case .week:
                    let weeks = (0..<8).reversed().map { sum(daily, origin: forecast.origin, days: (-7 * $0 - 6)...(-7 * $0)) }
                    history = Array(weeks.drop { $0 == nil })
                }
                let horizons = target.period == .day ? forecast.horizon : forecast.horizon / 7
                baselineCache[target.period, default: [:]][key] = history.count >= 2 && history.allSatisfy({ $0 != nil })
                    ? BaselineForecaster.forecasts(history: history.map { $0! }, horizons: horizons)
                    : [QuantileForecast?](repeating: nil, count: horizons)
            }
            let baselines = baselineCache[target.period]![key]!
            let baseline = target.horizon <= baselines.count ? baselines[target.horizon - 1] : nil
            rows.append(Row(origin: forecast.origin, target: target, forecast: forecast.quantiles[target]!,
                            baseline: baseline, observed: observed))
        }
        return rows
    }

    /// The record's count over `days` after the origin (0 = the origin itself), if every day is known.
    static func sum(_ daily: [SimDate: Double], origin: SimDate, days: ClosedRange<Int>) -> Double? {
        var total = 0.0
        for day in days {
            guard let value = daily[origin.adding(days: day)] else { return nil }
            total += value
        }
        return total
    }

    /// Mean scores and coverage over a set of rows.
    public struct Summary: Sendable, Equatable {
        public var count: Int
        public var meanScore: Double
        /// Mean WIS over the rows that have a baseline, divided by the baseline's mean WIS over the same rows.
        public var relativeScore: Double?
        public var coverage50: Double
        public var coverage90: Double
    }

    public static func summary(_ rows: [Row]) -> Summary {
        let n = Double(max(1, rows.count))
        let withBaseline = rows.filter { $0.baselineScore != nil }
        let model = withBaseline.reduce(0) { $0 + $1.score }, baseline = withBaseline.reduce(0) { $0 + $1.baselineScore! }
        return Summary(count: rows.count, meanScore: rows.reduce(0) { $0 + $1.score } / n,
                       relativeScore: baseline > 0 ? model / baseline : nil,
                       coverage50: Double(rows.filter { $0.covered(0.5) }.count) / n,
                       coverage90: Double(rows.filter { $0.covered(0.9) }.count) / n)
    }
}
