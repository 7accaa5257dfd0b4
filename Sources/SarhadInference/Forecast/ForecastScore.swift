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
        // The h-period change is the sum of h one-period changes, resampled in a fixed order so that
        // the same history gives the same quantiles: all h-fold sums for small h, else a fixed lattice.
        let sums = BaselineForecaster.horizonSums(symmetric, horizon: horizon)
        let values = Quantile.of(sums, levels: levels).map { max(0, last + $0) }
        return try? QuantileForecast(levels: levels, values: values)
    }

    /// Sums of `horizon` changes: every ordered combination while there are at most 20,000 of them,
    /// otherwise a deterministic sample of 20,000 from a Kronecker lattice (point k takes, for step i,
    /// the change at ⌊frac(k·√p_i)·n⌋ with p_i the i-th prime), so no random stream is needed and the
    /// steps are equidistributed jointly.
    static func horizonSums(_ changes: [Double], horizon: Int) -> [Double] {
        let n = changes.count
        var total = 1.0
        for _ in 0..<horizon { total *= Double(n) }
        if total <= 20_000 {
            var sums = [0.0]
            for _ in 0..<horizon { sums = sums.flatMap { sum in changes.map { sum + $0 } } }
            return sums
        }
        var primes = [Int]()
        var candidate = 2
        while primes.count < horizon {
            if !primes.contains(where: { candidate % $0 == 0 }) { primes.append(candidate) }
            candidate += 1
        }
        let steps = primes.map { Double($0).squareRoot().truncatingRemainder(dividingBy: 1) }
        return (1...20_000).map { k in
            var sum = 0.0
            for step in steps {
                let position = (Double(k) * step).truncatingRemainder(dividingBy: 1)
                sum += changes[min(n - 1, Int(position * Double(n)))]
            }
            return sum
        }
    }
}
