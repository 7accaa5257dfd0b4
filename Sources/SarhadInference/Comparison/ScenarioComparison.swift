import SarhadModel

/// Scenarios run with the same replicate seeds (common random numbers), each against the first:
/// per replicate the difference is the lever's effect on that same epidemic, so the interval of
/// the paired differences is far narrower than the difference of two independent intervals.
public struct ScenarioComparison: Sendable {
    /// A headline quantity of one run: the run totals of some engine measures added up (a flow's sum
    /// over the days, a stock's peak). Its name is the measure's own when it is one measure's total,
    /// and an explicit name otherwise, so that no output uses one word for two quantities.
    public struct Headline: Sendable, CaseIterable {
        public let name: String
        public let measures: [Measure]

        public init(name: String, measures: [Measure]) {
            self.name = name
            self.measures = measures
        }

        /// Simulated count (not scaled to the real population).
        public func value(_ result: SimulationResult) -> Double {
            Double(measures.reduce(Int64(0)) { $0 + result.total($1) })
        }

        public static let infectionsIncludingImported = Headline(name: "infections_including_imported",
                                                                 measures: [.infections, .infectedArrivals])
        public static let peakBedsNeeded = Headline(name: "peak_beds_needed", measures: [.bedsNeeded])

        public static let allCases: [Headline] = [
            infectionsIncludingImported,
            Headline(name: Measure.confirmed.name, measures: [.confirmed]),
            Headline(name: Measure.deaths.name, measures: [.deaths]),
            Headline(name: Measure.recordedDeaths.name, measures: [.recordedDeaths]),
            peakBedsNeeded,
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
        precondition(!results.isEmpty)
        self.init(names: names, populationScales: results.map { $0.first?.populationScale ?? 1 },
                  counts: results.map { scenario in Headline.allCases.map { headline in scenario.map(headline.value) } })
    }

    /// `counts[s][h][r]` is the simulated count of headline `Headline.allCases[h]` in replicate r of
    /// scenario s: what `sarhad compare` computes from its results and the report from the run
    /// directories' timeseries.csv, by the same arithmetic, so that both give the same digits.
    public init(names: [String], populationScales: [Double], counts: [[[Double]]]) {
        precondition(names.count == counts.count && populationScales.count == counts.count && !counts.isEmpty)
        self.names = names
        replicates = counts[0].first?.count ?? 0
        var rows = [Row]()
        for (index, scenario) in counts.enumerated() {
            for (headlineIndex, headline) in Headline.allCases.enumerated() {
                let values = scenario[headlineIndex].map { Self.scaled($0, populationScale: populationScales[index]) }
                let baseline = counts[0][headlineIndex].map { Self.scaled($0, populationScale: populationScales[0]) }
                let differences = zip(values, baseline).map { $0 - $1 }
                rows.append(Row(scenario: names[index], measure: headline.name, value: Interval(sample: values),
                                difference: Interval(sample: differences)))
            }
        }
        self.rows = rows
    }

    /// A simulated count as a count in the real population (not rounded): the one scaling every
    /// table of an ensemble uses, before quantiles are taken.
    public static func scaled(_ count: Double, populationScale: Double) -> Double {
        populationScale > 0 ? count / populationScale : count
    }

    /// The median and 95 % interval over replicates of a simulated count, scaled to the real population.
    public static func scaledInterval(_ counts: [Double], populationScale: Double) -> Interval {
        Interval(sample: counts.map { scaled($0, populationScale: populationScale) })
    }
}
