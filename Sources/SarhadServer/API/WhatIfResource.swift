import SarhadModel

/// The twin's answer to a what-if: daily curves of the real population (the twin's expected counts
/// divided by the population scale), national and per province, and their totals.
public struct WhatIfResource: Encodable, Sendable {
    /// The measures a planner reads off a what-if: true and recorded infections and deaths, and beds
    /// needed against beds there are, and the health workers infected (the protective equipment lever's effect).
    public static let measures: [Measure] = [.infections, .confirmed, .deaths, .recordedDeaths, .bedsNeeded, .bedCapacity,
                                             .intensiveCareNeeded, .intensiveCareCapacity, .healthWorkerInfections]

    public struct Region: Encodable, Sendable {
        public var name: String
        /// Measure name (as in timeseries.csv) to one value a day; empty for provinces not asked for.
        public var series: [String: [Double]]
        /// Flows summed over the run; stocks (beds) at their peak.
        public var totals: [String: Double]
    }

    public var scenario: String
    public var country: String
    public var engine = "mean-field"
    public var start: String
    public var days: Int
    public var national: Region
    public var provinces: [Region]

    /// `seriesOf`: the provinces whose daily series to include (nil: all).
    init(_ result: SimulationResult, country: String, seriesOf wanted: Set<String>? = nil) {
        scenario = result.scenarioName
        self.country = country
        start = result.startDate.description
        days = result.dayCount
        let scale = 1 / result.populationScale
        func region(_ name: String, withSeries: Bool, _ value: (Int, Measure) -> Int64) -> Region {
            var series = [String: [Double]](), totals = [String: Double]()
            for measure in Self.measures {
                let values = (0..<result.dayCount).map { Double(value($0, measure)) * scale }
                if withSeries { series[measure.name] = values }
                totals[measure.name] = measure.isStock ? (values.max() ?? 0) : values.reduce(0, +)
            }
            return Region(name: name, series: series, totals: totals)
        }
        national = region(country, withSeries: true) { result.national(day: $0, measure: $1) }
        provinces = result.provinceNames.indices.map { province in
            let name = result.provinceNames[province]
            return region(name, withSeries: wanted?.contains(name) ?? true) { result.value(day: $0, province: province, measure: $1) }
        }
    }
}
