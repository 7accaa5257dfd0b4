import SarhadModel

/// The planner's question: how many people were really infected for each case that was recorded?
/// For each predictive replicate, true infections to date (local infections and infected arrivals)
/// over recorded cases to date; the interval is over replicates. A replicate with no recorded case
/// in an area has no ratio there and is left out of that area's interval.
public struct HiddenEpidemic: Sendable {
    public struct Row: Sendable {
        public var area: String
        public var trueInfections: Interval
        public var recordedCases: Interval
        public var ratio: Interval?
    }

    public let through: SimDate
    public let rows: [Row]

    public init(_ results: [SimulationResult], through: SimDate, coverage: Double = 0.9) {
        self.through = through
        guard let first = results.first else {
            rows = []
            return
        }
        let lastDay = min(first.dayCount - 1, through.days(since: first.startDate))
        let scale = first.populationScale > 0 ? 1 / first.populationScale : 1
        func row(_ name: String, _ province: Int?) -> Row {
            let infected = results.map { Double($0.total(.infections, province: province, throughDay: lastDay)
                + $0.total(.infectedArrivals, province: province, throughDay: lastDay)) }
            let recorded = results.map { Double($0.total(.confirmed, province: province, throughDay: lastDay)) }
            let ratios = zip(infected, recorded).compactMap { $1 > 0 ? $0 / $1 : nil }
            return Row(area: name, trueInfections: Interval(sample: infected.map { $0 * scale }, coverage: coverage),
                       recordedCases: Interval(sample: recorded.map { $0 * scale }, coverage: coverage),
                       ratio: ratios.isEmpty ? nil : Interval(sample: ratios, coverage: coverage))
        }
        rows = [row("national", nil)] + (0..<first.provinceCount).map { row(first.provinceNames[$0], $0) }
    }
}
