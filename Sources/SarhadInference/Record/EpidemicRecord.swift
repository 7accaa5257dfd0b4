import SarhadModel

/// What a ministry recorded, as a planner brings it: for the nation and for provinces, dated daily
/// counts or cumulative totals of confirmed cases, recorded deaths and tests. Totals may come on
/// irregular dates; any series may have gaps.
public struct EpidemicRecord: Sendable, Equatable {
    /// The counted quantity, in the vocabulary of Sarhad's own outputs.
    public enum Measure: String, Sendable, CaseIterable, Comparable {
        case confirmed
        case recordedDeaths = "recorded_deaths"
        case tests

        public static func < (lhs: Measure, rhs: Measure) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Where a series was counted: the whole country, or one province by its index in the scenario.
    public enum Region: Sendable, Hashable, Comparable {
        case national
        case province(Int)

        /// As files write it: `national`, or the province's name.
        public func name(provinces: [String]) -> String {
            switch self {
            case .national: "national"
            case .province(let index): provinces[index]
            }
        }
    }

    /// One series of the record: a measure in a region, given as daily counts or as running totals.
    public struct SeriesKey: Sendable, Hashable, Comparable {
        public var region: Region
        public var measure: Measure
        public var cumulative: Bool

        public init(region: Region, measure: Measure, cumulative: Bool) {
            self.region = region
            self.measure = measure
            self.cumulative = cumulative
        }

        /// The name a file gives this series' measure: `confirmed` or `confirmed_cumulative`.
        public var measureName: String { measure.rawValue + (cumulative ? "_cumulative" : "") }

        public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
            (lhs.region, lhs.measure, lhs.cumulative ? 1 : 0) < (rhs.region, rhs.measure, rhs.cumulative ? 1 : 0)
        }
    }

    public struct Observation: Sendable, Equatable {
        public var date: SimDate
        public var value: Double
        /// The file's line, so that later checks (and their errors) can point back at it.
        public var line: Int

        public init(date: SimDate, value: Double, line: Int) {
            self.date = date
            self.value = value
            self.line = line
        }
    }

    /// The scenario's province names, in its order; `Region.province(i)` names `provinceNames[i]`.
    public var provinceNames: [String]
    /// Each series' observations, sorted by date.
    public var series: [SeriesKey: [Observation]]

    public init(provinceNames: [String], series: [SeriesKey: [Observation]]) {
        self.provinceNames = provinceNames
        self.series = series.mapValues { $0.sorted { $0.date < $1.date } }
    }

    public var observationCount: Int { series.values.reduce(0) { $0 + $1.count } }

    public var dateRange: ClosedRange<SimDate>? {
        let dates = series.values.flatMap { $0.map(\.date) }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return first...last
    }

    public func name(of region: Region) -> String {
        region.name(provinces: provinceNames)
    }

    /// Running totals of `measure` in `region`, on the dates they are known. Given totals are used as
    /// they are. Daily counts are summed from their first date, and only while they run without a gap:
    /// after a missing day the total is unknown, and inventing a zero would make it too low.
    public func cumulative(_ measure: Measure, in region: Region) -> [Observation] {
        if let totals = series[SeriesKey(region: region, measure: measure, cumulative: true)], !totals.isEmpty {
            return totals
        }
        guard let daily = series[SeriesKey(region: region, measure: measure, cumulative: false)] else { return [] }
        var totals = [Observation]()
        var sum = 0.0
        for observation in daily {
            if let last = totals.last, observation.date != last.date.adding(days: 1) { break }
            sum += observation.value
            totals.append(Observation(date: observation.date, value: sum, line: observation.line))
        }
        return totals
    }

    /// The record in the form calibration fits today: national cumulative confirmed cases and recorded
    /// deaths on each date both are known, and provincial cumulative confirmed cases, in file order.
    public func reportedSeries() -> ReportedSeries {
        let deaths = Dictionary(cumulative(.recordedDeaths, in: .national).map { ($0.date, $0.value) },
                                uniquingKeysWith: { first, _ in first })
        let national = cumulative(.confirmed, in: .national).compactMap { cases in
            deaths[cases.date].map { ReportedSeries.Point(date: cases.date, cases: cases.value, deaths: $0) }
        }
        var provincial = [(line: Int, point: ReportedSeries.ProvincePoint)]()
        for index in provinceNames.indices {
            for total in cumulative(.confirmed, in: .province(index)) {
                provincial.append((total.line, ReportedSeries.ProvincePoint(date: total.date, province: index, cases: total.value)))
            }
        }
        return ReportedSeries(national: national, provinces: provincial.sorted { $0.line < $1.line }.map(\.point))
    }
}
