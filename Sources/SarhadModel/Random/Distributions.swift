import Foundation

extension CounterRandom {
    /// Poisson by inversion; large means are split into summed chunks so the
    /// draw stays exact and the loop stays short.
    @inlinable
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        var remaining = mean
        var total = 0
        while remaining > 0 {
            let chunk = min(remaining, 24.0)
            remaining -= chunk
            let limit = exp(-chunk)
            var product = uniform()
            while product > limit {
                total += 1
                product *= uniform()
            }
        }
        return total
    }

    /// Poisson by inversion when e^(−mean) is already known (mean ≤ 24): the engine precomputes it
    /// per (infectiousness, age, layer, province) once a day instead of once per draw.
    @inlinable @inline(__always)
    public mutating func poisson(zeroProbability limit: Double) -> Int {
        var total = 0
        var product = uniform()
        while product > limit {
            total += 1
            product *= uniform()
        }
        return total
    }

    /// `poisson(zeroProbability:)` opening with the stream's `openingUniform` (half the cost of a draw),
    /// for a stream whose first draw this is: most transmission streams end at that first comparison.
    @inlinable @inline(__always)
    public mutating func openingPoisson(zeroProbability limit: Double) -> Int {
        var total = 0
        var product = openingUniform
        while product > limit {
            total += 1
            product *= uniform()
        }
        return total
    }

    /// A standard normal deviate from one uniform via the inverse CDF, so each
    /// draw consumes exactly one number of the stream.
    @inlinable
    public mutating func standardNormal() -> Double {
        var u = uniform()
        if u <= 0 { u = 0x1p-54 }
        return InverseNormal.quantile(u)
    }

    /// Binomial(n, p): exact by counting for small n, Poisson-free normal-free
    /// inversion over the waiting times otherwise (geometric skipping).
    @inlinable
    public mutating func binomial(_ n: Int, _ p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        if p >= 1 { return n }
        if n < 32 {
            var count = 0
            for _ in 0..<n where uniform() < p { count += 1 }
            return count
        }
        let logQ = log1p(-p)
        var count = 0
        var position = 0
        while true {
            let u = max(uniform(), 0x1p-60)
            position += Int(log(u) / logQ) + 1
            if position > n { return count }
            count += 1
        }
    }
}

/// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9).
public enum InverseNormal {
    @usableFromInline static let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    @usableFromInline static let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                      6.680131188771972e+01, -1.328068155288572e+01]
    @usableFromInline static let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    @usableFromInline static let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                      3.754408661907416e+00]

    @inlinable
    public static func quantile(_ p: Double) -> Double {
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

/// A duration distribution given by its mean and standard deviation in days.
public struct DurationDistribution: Sendable, Equatable {
    public var mean: Double
    public var standardDeviation: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Lognormal parameters matching the mean and standard deviation.
    public var logParameters: (mu: Double, sigma: Double) {
        let variance = log(1 + (standardDeviation * standardDeviation) / (mean * mean))
        return (log(mean) - variance / 2, variance.squareRoot())
    }

    /// A whole number of days: the lognormal draw rounded to the nearest day, at least `minimum`.
    @inlinable
    public func sampleDays(_ random: inout CounterRandom, minimum: Int) -> Int {
        LognormalDays(self).sample(&random, minimum: minimum)
    }
}

/// A duration distribution with its lognormal parameters worked out once, for the engine's hot path.
/// Durations are whole days, round(exp(μ + σZ)) capped at 300, so the distribution over days is
/// tabulated exactly once and drawn in constant time from an alias table: one uniform, two loads,
/// instead of an inverse normal, an exponential and a rounding per draw.
public struct LognormalDays: Sendable {
    public let mu: Double
    public let sigma: Double
    public let fixedDays: Int?
    public let days: AliasTable

    public static let longest = 300

    public init(_ distribution: DurationDistribution) {
        if distribution.standardDeviation > 0 {
            (mu, sigma) = distribution.logParameters
            fixedDays = nil
            days = AliasTable(weights: LognormalDays.dayProbabilities(mu: mu, sigma: sigma))
        } else {
            (mu, sigma) = (0, 0)
            fixedDays = Int(distribution.mean.rounded())
            days = AliasTable(weights: [1])
        }
    }

    /// P(round(exp(μ + σZ)) = d) for d = 0 … longest, the tail above folded into the last day.
    static func dayProbabilities(mu: Double, sigma: Double) -> [Double] {
        func below(_ x: Double) -> Double { x <= 0 ? 0 : 0.5 * erfc(-(log(x) - mu) / (sigma * 2.0.squareRoot())) }
        var probabilities = (0..<longest).map { d in below(Double(d) + 0.5) - below(Double(d) - 0.5) }
        probabilities.append(1 - below(Double(longest) - 0.5))
        return probabilities
    }

    @inlinable
    public func sample(_ random: inout CounterRandom, minimum: Int) -> Int {
        sample(random.uniform(), minimum: minimum)
    }

    /// The days for a uniform already drawn.
    @inlinable @inline(__always)
    public func sample(_ u: Double, minimum: Int) -> Int {
        if let fixedDays { return max(minimum, fixedDays) }
        return max(minimum, days.sample(u))
    }
}

/// Sampling from a fixed discrete distribution by binary search on its cumulative weights.
public struct CumulativeTable: Sendable {
    public let cumulative: [Double]

    public init(weights: [Double]) {
        var running = 0.0
        var values = [Double]()
        values.reserveCapacity(weights.count)
        for weight in weights {
            running += max(0, weight)
            values.append(running)
        }
        let total = running > 0 ? running : 1
        cumulative = values.map { $0 / total }
    }

    @inlinable
    public func sample(_ u: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
