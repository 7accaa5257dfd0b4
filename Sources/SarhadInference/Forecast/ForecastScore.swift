/// Proper scores of quantile forecasts against what happened, as forecast hubs score them.
///
/// The weighted interval score (Bracher, Ray, Gneiting & Reich 2021, PLoS Comput Biol 17:e1008618,
/// eq. 3): for K central intervals with levels α_k and the median m,
///
///     WIS = (½ |y − m| + Σ_k (α_k / 2) · IS_α_k) / (K + ½)
///     IS_α = (u − l) + (2/α)(l − y)·1(y < l) + (2/α)(y − u)·1(y > u)
///
/// It approximates the continuous ranked probability score, is in the units of the target, and lower
/// is better. It splits into dispersion (the width terms) and under- and over-prediction (the
/// penalties), which `WISComponents` keeps apart.
public enum ForecastScore {
    public struct WISComponents: Sendable, Equatable {
        public var dispersion: Double
        /// Penalties when the outcome lies above the intervals (the forecast was too low).
        public var underprediction: Double
        /// Penalties when the outcome lies below the intervals (the forecast was too high).
        public var overprediction: Double
        public var total: Double { dispersion + underprediction + overprediction }
    }

    public static func weightedIntervalScore(_ forecast: QuantileForecast, observed y: Double) -> Double {
        components(forecast, observed: y).total
    }

    public static func components(_ forecast: QuantileForecast, observed y: Double) -> WISComponents {
        let intervals = forecast.intervals
        let median = forecast.median
        var parts = WISComponents(dispersion: 0, underprediction: 0, overprediction: 0)
        // The median's term, ½|y − m|, counted as a penalty on the side where y fell.
        if y > median { parts.underprediction += 0.5 * (y - median) } else { parts.overprediction += 0.5 * (median - y) }
        for interval in intervals {
            let weight = interval.alpha / 2
            parts.dispersion += weight * (interval.upper - interval.lower)
            if y < interval.lower { parts.overprediction += weight * (2 / interval.alpha) * (interval.lower - y) }
            if y > interval.upper { parts.underprediction += weight * (2 / interval.alpha) * (y - interval.upper) }
        }
        let scale = 1 / (Double(intervals.count) + 0.5)
        return WISComponents(dispersion: parts.dispersion * scale, underprediction: parts.underprediction * scale,
                             overprediction: parts.overprediction * scale)
    }

    /// Whether the central interval covering `coverage` (0.5, 0.9, …) holds the outcome; nil when the
    /// forecast has no such interval.
    public static func covers(_ forecast: QuantileForecast, observed y: Double, coverage: Double) -> Bool? {
        guard let interval = forecast.intervals.first(where: { abs((1 - $0.alpha) - coverage) < 1e-9 }) else { return nil }
        return interval.lower <= y && y <= interval.upper
    }
}

/// The COVID-19 Forecast Hub's baseline (Cramer et al. 2022): the median stays at the last observed
/// value, and the spread comes from the past changes between consecutive periods, taken with both
/// signs (so the baseline has no trend) and added up over the horizon. Quantiles below zero are cut
/// to zero, as counts cannot be negative.
public enum BaselineForecaster {
    /// `history`: the observed series up to the forecast's origin, one value per period (e.g. weekly
    /// counts), oldest first; at least two values. `horizon`: periods ahead (1 = the next period).
    public static func forecast(history: [Double], horizon: Int,
                                levels: [Double] = QuantileForecast.hubLevels) -> QuantileForecast? {
        guard history.count >= 2, horizon >= 1, let last = history.last else { return nil }
        let changes = zip(history.dropFirst(), history).map { $0 - $1 }
        let symmetric = (changes + changes.map { -$0 }).sorted()
        let values = Quantile.of(horizonSums(symmetric, horizon: horizon), levels: levels).map { max(0, last + $0) }
        return try? QuantileForecast(levels: levels, values: values)
    }

    /// The forecasts for horizons 1 through `horizons` at once, element h − 1 for horizon h: the lattice
    /// sums of one horizon are those of the one before plus one step, so all of them cost what the
    /// longest alone would (a backtest asks for every day of four weeks, for every province).
    public static func forecasts(history: [Double], horizons: Int,
                                 levels: [Double] = QuantileForecast.hubLevels) -> [QuantileForecast?] {
        guard history.count >= 2, horizons >= 1, let last = history.last else {
            return [QuantileForecast?](repeating: nil, count: max(0, horizons))
        }
        let changes = zip(history.dropFirst(), history).map { $0 - $1 }
        let symmetric = (changes + changes.map { -$0 }).sorted()
        // The h-period change is the sum of h one-period changes, resampled in a fixed order so that
        // the same history gives the same quantiles: all h-fold sums for small h, else a fixed lattice.
        var lattice = HorizonLattice(changes: symmetric)
        return (1...horizons).map { horizon in
            lattice.extend(to: horizon)
            let sums = BaselineForecaster.enumeratedSums(symmetric, horizon: horizon) ?? lattice.sums
            let values = Quantile.of(sums, levels: levels).map { max(0, last + $0) }
            return try? QuantileForecast(levels: levels, values: values)
        }
    }

    /// Every ordered combination of `horizon` changes, while there are at most 20,000 of them.
    static func enumeratedSums(_ changes: [Double], horizon: Int) -> [Double]? {
        var total = 1.0
        for _ in 0..<horizon { total *= Double(changes.count) }
        guard total <= 20_000 else { return nil }
        var sums = [0.0]
        for _ in 0..<horizon { sums = sums.flatMap { sum in changes.map { sum + $0 } } }
        return sums
    }

    /// Sums of `horizon` changes: every ordered combination while there are at most 20,000 of them,
    /// otherwise the deterministic lattice sample of `HorizonLattice`.
    static func horizonSums(_ changes: [Double], horizon: Int) -> [Double] {
        if let all = enumeratedSums(changes, horizon: horizon) { return all }
        var lattice = HorizonLattice(changes: changes)
        lattice.extend(to: horizon)
        return lattice.sums
    }
}

/// A deterministic sample of 20,000 sums of changes from a Kronecker lattice: point k takes, for step i,
/// the change at ⌊frac(k·√p_i)·n⌋ with p_i the i-th prime, so no random stream is needed and the steps
/// are equidistributed jointly. Extending by one step adds one change to every point.
struct HorizonLattice {
    static let points = 20_000
    let changes: [Double]
    private(set) var sums = [Double](repeating: 0, count: HorizonLattice.points)
    private(set) var steps = 0
    private var lastPrime = 1

    init(changes: [Double]) {
        self.changes = changes
    }

    mutating func extend(to horizon: Int) {
        let n = changes.count
        while steps < horizon {
            var candidate = lastPrime + 1
            while (2..<candidate).contains(where: { candidate % $0 == 0 }) { candidate += 1 }
            lastPrime = candidate
            let step = Double(candidate).squareRoot().truncatingRemainder(dividingBy: 1)
            for k in 1...HorizonLattice.points {
                // frac(k · step) by floor: the same value as the remainder for positive numbers, and far cheaper.
                let product = Double(k) * step
                let position = product - product.rounded(.down)
                sums[k - 1] += changes[min(n - 1, Int(position * Double(n)))]
            }
            steps += 1
        }
    }
}
