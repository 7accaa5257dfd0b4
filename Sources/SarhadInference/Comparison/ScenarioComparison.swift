import SarhadModel

/// Scenarios run with the same replicate seeds (common random numbers), each against the first:
/// per replicate the difference is the lever's effect on that same epidemic, so the interval of
/// the paired differences is far narrower than the difference of two independent intervals.
public struct ScenarioComparison: Sendable {
    public struct Headline: Sendable, CaseIterable {
        public let name: String
        public let value: @Sendable (SimulationResult) -> Double

        public static let allCases: [Headline] = [
            Headline(name: "true_infections") { Double($0.total(.infections) + $0.total(.infectedArrivals)) },
            Headline(name: "recorded_cases") { Double($0.total(.confirmed)) },
            Headline(name: "deaths") { Double($0.total(.deaths)) },
            Headline(name: "recorded_deaths") { Double($0.total(.recordedDeaths)) },
            Headline(name: "peak_beds_needed") { Double($0.total(.bedsNeeded)) },
        ]
    }

    public struct Row: Sendable {
        public var scenario: String
        public var measure: String
        /// Scaled to the real population.
        public var value: Interval
        /// This scenario minus the first, replicate by replicate (zero for the first).
        public var difference: Interval
    }

    public let names: [String]
    public let rows: [Row]
    public let replicates: Int

    /// `results[s][r]` is replicate r of scenario s; every scenario has the same replicates.
    public init(names: [String], results: [[SimulationResult]]) {
        precondition(names.count == results.count && !results.isEmpty)
        self.names = names
        replicates = results[0].count
        var rows = [Row]()
        for (index, scenario) in results.enumerated() {
            let scale = scenario.first.map { $0.populationScale > 0 ? 1 / $0.populationScale : 1 } ?? 1
            for headline in Headline.allCases {
                let values = scenario.map { headline.value($0) * scale }
                let baseline = results[0].map { headline.value($0) * scale }
                let differences = zip(values, baseline).map { $0 - $1 }
                rows.append(Row(scenario: names[index], measure: headline.name, value: Interval(sample: values),
                                difference: Interval(sample: differences)))
            }
        }
        self.rows = rows
    }
}
