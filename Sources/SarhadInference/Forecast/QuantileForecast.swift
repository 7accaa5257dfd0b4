/// A forecast as the COVID-19 Forecast Hub states one: values at fixed quantile levels for one target
/// (a place, a measure, a date). The hub's 23 levels are 0.01, 0.025, 0.05, 0.1, 0.15, …, 0.9, 0.95,
/// 0.975, 0.99: the median and eleven central prediction intervals.
public struct QuantileForecast: Sendable, Equatable {
    /// The COVID-19 Forecast Hub's levels (Cramer et al. 2022, PNAS 119:e2113561119).
    public static let hubLevels: [Double] = [0.01, 0.025] + (1...19).map { Double($0) * 0.05 } + [0.975, 0.99]

    /// Quantile levels, ascending, symmetric about 0.5, with 0.5 among them.
    public let levels: [Double]
    /// The forecast's value at each level, non-decreasing.
    public let values: [Double]

    public enum Problem: Error, Equatable {
        case mismatchedCounts, levelsNotAscending, levelsNotSymmetric, noMedian, valuesDecrease
    }

    public init(levels: [Double] = QuantileForecast.hubLevels, values: [Double]) throws(Problem) {
        guard levels.count == values.count, !levels.isEmpty else { throw .mismatchedCounts }
        guard zip(levels, levels.dropFirst()).allSatisfy({ $0 < $1 }), levels.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw .levelsNotAscending
        }
        guard zip(levels, levels.reversed()).allSatisfy({ abs($0 + $1 - 1) < 1e-9 }) else { throw .levelsNotSymmetric }
        guard levels.contains(where: { abs($0 - 0.5) < 1e-9 }) else { throw .noMedian }
        guard zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw .valuesDecrease }
        self.levels = levels
        self.values = values
    }

    /// The forecast of a sample (replicates, posterior draws), at `levels` (`Quantile`, definition 7).
    public init(sample: [Double], levels: [Double] = QuantileForecast.hubLevels) throws(Problem) {
        guard !sample.isEmpty else { throw .mismatchedCounts }
        try self.init(levels: levels, values: Quantile.of(sample, levels: levels))
    }

    public var median: Double { values[levels.firstIndex { abs($0 - 0.5) < 1e-9 }!] }

    /// The central intervals, narrowest first: α (so the interval covers 1 − α), lower and upper value.
    public var intervals: [(alpha: Double, lower: Double, upper: Double)] {
        let half = levels.count / 2
        return (0..<half).reversed().map { index in
            (alpha: 2 * levels[index], lower: values[index], upper: values[levels.count - 1 - index])
        }
    }
}
