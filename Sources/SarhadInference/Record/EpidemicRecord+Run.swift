import SarhadModel

extension EpidemicRecord {
    /// What a run recorded, as a ministry would publish it: daily confirmed cases, recorded deaths and
    /// tests, for the nation and every province, through `through` (the run's last day if nil). A run
    /// with hidden settings is the synthetic truth that forecasts are tested against. Counts are of the
    /// real population, as a ministry's are: the run's divided by its population scale, rounded.
    public init(run result: SimulationResult, through: SimDate? = nil) {
        let last = min(result.dayCount - 1, through.map { $0.days(since: result.startDate) } ?? result.dayCount - 1)
        var series = [SeriesKey: [Observation]]()
        let regions = [Region.national] + result.provinceNames.indices.map { Region.province($0) }
        for region in regions {
            for measure in Measure.allCases {
                series[SeriesKey(region: region, measure: measure, cumulative: false)] = (0...max(0, last)).map { day in
                    let value: Int64
                    switch region {
                    case .national: value = result.national(day: day, measure: measure.simulated)
                    case .province(let index): value = result.value(day: day, province: index, measure: measure.simulated)
                    }
                    return Observation(date: result.date(ofDay: day), value: (Double(value) / result.populationScale).rounded(),
                                       line: 0)
                }
            }
        }
        self.init(provinceNames: result.provinceNames, series: series)
    }
}
