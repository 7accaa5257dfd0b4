import SarhadModel

/// A recorded count over a run of scenario days: what the likelihood compares with the twin's expected
/// sum over the same days.
public struct RecordIncrement: Sendable, Equatable {
    public var region: EpidemicRecord.Region
    public var measure: EpidemicRecord.Measure
    /// Scenario days, both included.
    public var firstDay: Int
    public var lastDay: Int
    public var value: Double

    public init(region: EpidemicRecord.Region, measure: EpidemicRecord.Measure, firstDay: Int, lastDay: Int, value: Double) {
        self.region = region
        self.measure = measure
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.value = value
    }
}

extension EpidemicRecord.Measure {
    /// The recorded measure that counts a simulated series, if one does.
    public init?(simulated: Measure) {
        guard let match = Self.allCases.first(where: { $0.simulated == simulated }) else { return nil }
        self = match
    }

    /// The twin's and the agents' series that a recorded measure counts.
    public var simulated: Measure {
        switch self {
        case .confirmed: .confirmed
        case .recordedDeaths: .recordedDeaths
        case .tests: .tests
        }
    }
}

extension EpidemicRecord {
    /// The record as counts over runs of days from `start` (day 0) up to `through`, for the measures
    /// asked for. A daily series gives one-day counts. A series of totals gives the increase between
    /// consecutive totals (ministries publish every few days); the first total counts everything from
    /// day 0, since the scenario begins before the first case, and totals dated before day 0 only set
    /// the level the next one starts from. Where a region has both, the daily series is used.
    ///
    /// The nation is the sum of its provinces, so counting both would use the same cases twice: where
    /// every province has a series of a measure, the provinces are used, otherwise the nation alone.
    public func increments(start: SimDate, through: SimDate, measures: [EpidemicRecord.Measure],
                           provinces useProvinces: Bool = true) -> [RecordIncrement] {
        var result = [RecordIncrement]()
        let provinces = provinceNames.indices.map { Region.province($0) }
        for measure in measures {
            let everyProvince = useProvinces && !provinces.isEmpty && provinces.allSatisfy { province in
                [false, true].contains { series[SeriesKey(region: province, measure: measure, cumulative: $0)]?.isEmpty == false }
            }
            for region in everyProvince ? provinces : [.national] {
                if let daily = series[SeriesKey(region: region, measure: measure, cumulative: false)], !daily.isEmpty {
                    for observation in daily where observation.date >= start && observation.date <= through {
                        let day = observation.date.days(since: start)
                        result.append(RecordIncrement(region: region, measure: measure, firstDay: day, lastDay: day,
                                                      value: max(0, observation.value)))
                    }
                } else if let totals = series[SeriesKey(region: region, measure: measure, cumulative: true)] {
                    var previousDay = -1, previousTotal = 0.0
                    for total in totals where total.date <= through {
                        let day = total.date.days(since: start)
                        if day >= 0 {
                            result.append(RecordIncrement(region: region, measure: measure, firstDay: previousDay + 1,
                                                          lastDay: day, value: max(0, total.value - previousTotal)))
                        }
                        previousDay = max(previousDay, day)
                        previousTotal = total.value
                    }
                }
            }
        }
        return result
    }

    /// Daily counts of `measure` in `region` where they are known: the daily series, or the difference
    /// of totals on consecutive days. Keyed by date.
    public func dailyCounts(_ measure: EpidemicRecord.Measure, in region: Region) -> [SimDate: Double] {
        if let daily = series[SeriesKey(region: region, measure: measure, cumulative: false)], !daily.isEmpty {
            return Dictionary(daily.map { ($0.date, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        var counts = [SimDate: Double]()
        let totals = series[SeriesKey(region: region, measure: measure, cumulative: true)] ?? []
        for (before, after) in zip(totals, totals.dropFirst()) where after.date == before.date.adding(days: 1) {
            counts[after.date] = max(0, after.value - before.value)
        }
        return counts
    }

    /// The record as it stood at the end of `date`: every observation dated after it is dropped.
    public func truncated(through date: SimDate) -> EpidemicRecord {
        EpidemicRecord(provinceNames: provinceNames, series: series.mapValues { $0.filter { $0.date <= date } })
    }
}
