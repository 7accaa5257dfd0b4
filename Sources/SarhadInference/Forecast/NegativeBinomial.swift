import Foundation
import SarhadModel

/// Counts that vary more than Poisson's: mean μ and size k, variance μ + μ²/k (Poisson as k → ∞).
///
/// Why this law for recorded counts: a ministry's daily cases and deaths scatter around any smooth
/// expectation far more than Poisson allows — reporting batches, weekends, clusters — and the negative
/// binomial is the usual proper likelihood for that (it is the Poisson whose mean is itself gamma
/// distributed), with one extra parameter the fit learns.
public enum NegativeBinomial {
    /// log P(Y = y) for a count y ≥ 0 (fractional counts from averaged records are allowed: the
    /// formula is continuous in y). Means below 1e-9 are taken as 1e-9 so a zero expectation meeting a
    /// recorded count is very unlikely rather than impossible.
    public static func logProbability(_ y: Double, mean: Double, size: Double) -> Double {
        let m = max(mean, 1e-9), k = size, count = max(0, y)
        return lgamma(count + k) - lgamma(k) - lgamma(count + 1) + k * log(k / (k + m)) + count * log(m / (k + m))
    }

    /// One draw: a gamma-distributed rate with mean μ and shape k, then a Poisson count at that rate.
    public static func sample(mean: Double, size: Double, _ random: inout CounterRandom) -> Double {
        guard mean > 0 else { return 0 }
        let rate = gamma(shape: size, random: &random) * mean / size
        return poisson(rate, &random)
    }

    /// Poisson draws: exact (by inversion) up to a mean of 1,000; above it the normal approximation,
    /// whose 1 % and 99 % quantiles are then within one count of Poisson's (the Cornish–Fisher skew
    /// term is (z² − 1)/6 · √μ ≈ 0.7) and which keeps a draw from costing thousands of uniforms.
    static func poisson(_ mean: Double, _ random: inout CounterRandom) -> Double {
        if mean <= 1_000 { return Double(random.poisson(mean)) }
        return max(0, (mean + mean.squareRoot() * random.standardNormal()).rounded())
    }

    /// Marsaglia and Tsang's (2000) gamma sampler with unit scale; shapes below 1 are boosted by
    /// G(a) = G(a + 1) · U^(1/a).
    static func gamma(shape: Double, random: inout CounterRandom) -> Double {
        if shape < 1 {
            let u = max(random.uniform(), 1e-300)
            return gamma(shape: shape + 1, random: &random) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = random.standardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = random.uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
