import SarhadModel

/// A stage duration of the agent model as a chain of exponential sub-stages (an Erlang distribution).
///
/// Why: an ODE compartment is memoryless, so a single compartment would give every stage an
/// exponential duration (coefficient of variation 1) whatever the agent model draws. A chain of `k`
/// sub-stages, each left at rate `k / mean`, keeps the mean exactly and has CV = 1/√k, so choosing
/// `k = round(1 / CV²)` also matches the spread — which sets how sharply onsets, admissions and deaths
/// follow infection, and the generation interval that turns R0 into a growth rate.
///
/// Why clamp to 1…8: fewer than one stage does not exist; beyond eight, each extra sub-stage costs a
/// vector of 544 cells integrated 32 times a day, for variance the agent model does not have anyway —
/// it rounds every duration to whole days (adding about 1/12 day² of variance) and floors some at one day.
///
/// With the built-in parameters (mean ± SD in days → k, Erlang SD):
///
/// | stage | lognormal | k | Erlang SD | SD error |
/// |---|---|---|---|---|
/// | latent | 4.5 ± 1.5 | 8 (9 clamped) | 1.59 | +6 % |
/// | presymptomatic | 1.1 ± 0.9 | 1 | 1.10 | +22 % |
/// | asymptomatic, mild → recovery | 8.0 ± 2.0 | 8 (16 clamped) | 2.83 | +41 % |
/// | onset → severe | 6.6 ± 4.9 | 2 | 4.67 | −5 % |
/// | severe → critical | 1.5 ± 2.0 | 1 | 1.50 | −25 % |
/// | severe, critical → recovery | 18.1 ± 6.3 | 8 | 6.40 | +2 % |
/// | critical → death (also severe → death without a bed) | 9.7 ± 4.4 | 5 | 4.34 | −1 % |
///
/// Means are always exact, so every expected stage occupancy (and R0 through the next-generation
/// matrix) is unchanged; only the shape of the delay distributions differs (gamma, not lognormal).
public struct ErlangStages: Sendable, Equatable {
    public static let maximumCount = 8
    /// Shorter means are raised to this, so that a zero-length stage cannot make the system infinitely stiff.
    public static let minimumMean = 0.01

    /// Number of exponential sub-stages.
    public let count: Int
    /// Mean duration of the whole stage, in days.
    public let mean: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = max(ErlangStages.minimumMean, mean)
        count = ErlangStages.count(mean: mean, standardDeviation: standardDeviation)
    }

    public init(_ distribution: DurationDistribution) {
        self.init(mean: distribution.mean, standardDeviation: distribution.standardDeviation)
    }

    /// `round(1 / CV²)` clamped to 1…8; a distribution with no spread gets the most stages allowed.
    public static func count(mean: Double, standardDeviation: Double) -> Int {
        guard mean > 0, standardDeviation > 0 else { return maximumCount }
        let cv = standardDeviation / mean
        let ideal = (1 / (cv * cv)).rounded()
        return ideal >= Double(maximumCount) ? maximumCount : max(1, Int(ideal))
    }

    /// Rate at which each sub-stage is left, per day.
    public var rate: Double { Double(count) / mean }

    public var standardDeviation: Double { mean / Double(count).squareRoot() }

    /// Laplace transform of the stage's duration density, E[e^{−s·T}] = (rate / (rate + s))^k:
    /// the discount that a growth rate `s` applies across the stage (Euler–Lotka).
    public func laplaceTransform(_ s: Double) -> Double {
        let ratio = rate / (rate + s)
        var product = 1.0
        for _ in 0..<count { product *= ratio }
        return product
    }

    /// ∫ P(T > t) e^{−s t} dt: expected discounted time spent in the stage (the mean at s = 0).
    public func discountedResidence(_ s: Double) -> Double {
        s == 0 ? mean : (1 - laplaceTransform(s)) / s
    }
}
