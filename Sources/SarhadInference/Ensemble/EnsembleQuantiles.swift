import SarhadModel

/// Quantiles over replicates of every (day, province, measure), and of the national totals taken
/// replicate by replicate (a national quantile is not the sum of provincial ones).
public struct EnsembleQuantiles: Sendable {
    public let levels: [Double]
    public let dayCount: Int
    public let provinceNames: [String]
    public let replicates: Int
    /// The replicates' fraction of the real population (the quantiles are of simulated counts).
    public let populationScale: Double
    /// `values[((day * (provinceCount + 1) + area) * measureCount + measure) * levels.count + level]`,
    /// where area `provinceCount` is the nation.
    let values: [Double]

    public init(_ results: [SimulationResult], levels: [Double] = Quantile.reportedLevels) {
        precondition(!results.isEmpty, "an ensemble has at least one replicate")
        let first = results[0]
        self.levels = levels
        dayCount = first.dayCount
        provinceNames = first.provinceNames
        replicates = results.count
        populationScale = first.populationScale
        let areas = first.provinceCount + 1
        let measures = Measure.allCases.count
        var values = [Double](repeating: 0, count: dayCount * areas * measures * levels.count)
        var sample = [Double](repeating: 0, count: results.count)
        for day in 0..<dayCount {
            for area in 0..<areas {
                for measure in Measure.allCases {
                    for (index, result) in results.enumerated() {
                        sample[index] = Double(area == first.provinceCount
                            ? result.national(day: day, measure: measure)
                            : result.value(day: day, province: area, measure: measure))
                    }
                    let quantiles = Quantile.of(sample, levels: levels)
                    let base = ((day * areas + area) * measures + measure.rawValue) * levels.count
                    for level in 0..<levels.count { values[base + level] = quantiles[level] }
                }
            }
        }
        self.values = values
    }

    public var provinceCount: Int { provinceNames.count }

    /// `province` nil is the nation.
    public func value(day: Int, province: Int?, measure: Measure, level: Int) -> Double {
        let area = province ?? provinceCount
        return values[((day * (provinceCount + 1) + area) * Measure.allCases.count + measure.rawValue) * levels.count + level]
    }

    public func series(_ measure: Measure, province: Int? = nil, level: Int) -> [Double] {
        (0..<dayCount).map { value(day: $0, province: province, measure: measure, level: level) }
    }
}
