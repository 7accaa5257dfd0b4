import Foundation

/// A gamma distribution with mean 1 and shape k (variance 1/k) cut into equally likely classes,
/// each represented by its conditional mean: the classes' values average exactly 1, and their
/// variance approaches 1/k as the classes get finer.
///
/// Class c holds the quantiles [c/C, (c+1)/C); its mean is
///
///     C · (P(k + 1, k·q₍c+1₎) − P(k + 1, k·q₍c₎))
///
/// where q are the quantiles of Gamma(k, 1/k) and P the regularised lower incomplete gamma function
/// (x·f(x) for a gamma density f is the density of shape k + 1, scaled).
public enum GammaClasses {
    /// The C class means of Gamma(shape, scale 1/shape), in increasing order.
    public static func means(shape: Double, classes: Int) -> [Double] {
        precondition(shape > 0 && classes >= 1)
        guard classes > 1 else { return [1] }
        let bounds = [0.0] + (1..<classes).map { quantile(probability: Double($0) / Double(classes), shape: shape) } + [Double.infinity]
        let upper = { (x: Double) in x.isInfinite ? 1 : regularizedLowerGamma(shape + 1, shape * x) }
        return (0..<classes).map { Double(classes) * (upper(bounds[$0 + 1]) - upper(bounds[$0])) }
    }

    /// The x with P(k, k·x) = probability: the quantile of Gamma(k, 1/k), by bisection on a bracket
    /// (monotone, so it always converges; 200 halvings reach the last bit).
    public static func quantile(probability: Double, shape: Double) -> Double {
        var low = 0.0, high = 1.0
        while regularizedLowerGamma(shape, shape * high) < probability { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if regularizedLowerGamma(shape, shape * middle) < probability { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// P(a, x) = γ(a, x) / Γ(a): the series for x < a + 1, else one minus Lentz's continued fraction for
    /// the upper function (Numerical Recipes §6.2), each to double precision.
    public static func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let logPrefactor = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a, sum = term, n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return min(1, sum * exp(logPrefactor))
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, fraction = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            fraction *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return max(0, 1 - exp(logPrefactor) * fraction)
    }
}
