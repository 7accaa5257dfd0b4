import Foundation

/// People differ in how many contacts they make outside the home, and keep their habit.
///
/// Each resident draws a fixed activity class when the population is built. The activity levels are
/// the class means of a gamma distribution with mean 1 and shape k (coefficient of variation 1/√k,
/// `GammaClasses`), in equally likely classes. An agent of activity a makes a times the school, work
/// and community contacts of its age band, and is met a times as often in them (contacts are
/// symmetric: who goes out more is also found more). Households, prisons, settlements and care are
/// not chosen and are left alone. With shape k and proportionate mixing the basic reproduction number
/// of those layers grows by E[a²] = 1 + 1/k at a given per-contact β; the engine fixes β by the
/// scenario's R0 over the multitype next-generation matrix, so heterogeneity changes the epidemic's
/// final size and timing at the same R0, not R0 itself.
public struct ContactActivityParameters: Sendable, Equatable {
    public var enabled: Bool
    /// k: the gamma shape of individual activity (variance 1/k).
    public var gammaShape: Double
    /// How many equally likely classes represent the distribution.
    public var classes: Int

    public init(enabled: Bool, gammaShape: Double, classes: Int) {
        self.enabled = enabled
        self.gammaShape = gammaShape
        self.classes = classes
    }

    public static let off = ContactActivityParameters(enabled: false, gammaShape: 2, classes: 4)

    /// The layers where activity applies.
    public static let activityLayers: [ContactLayer] = [.school, .work, .community]

    /// Classes the engine keeps: one when the mechanism is off.
    public var classCount: Int { enabled ? max(1, classes) : 1 }

    /// Each class's activity (mean 1), increasing; `[1]` when off.
    public var levels: [Double] {
        classCount > 1 ? GammaClasses.means(shape: gammaShape, classes: classCount) : [1]
    }
}

/// The final size of one well-mixed place whose only contacts scale with activity at both ends
/// (proportionate mixing), for equally likely classes of the given levels (mean 1): each class escapes
/// with e^(−w Φ), where Φ solves Φ = R0 / E[w²] · E[w (1 − e^(−wΦ))] (Diekmann & Heesterbeek 2000).
/// The closed form the agents and the twin are tested against (docs/MODEL.md §6b).
public enum MultitypeFinalSize {
    /// Φ, the positive root, by bisection (the gap is positive below it and negative above).
    public static func cumulativeHazard(r0: Double, levels: [Double]) -> Double {
        let count = Double(levels.count)
        let secondMoment = levels.map { $0 * $0 }.reduce(0, +) / count
        let gap = { (phi: Double) in r0 / secondMoment * levels.map { $0 * (1 - exp(-$0 * phi)) }.reduce(0, +) / count - phi }
        var low = 1e-9, high = 1_000.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if gap(middle) > 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// z = E[1 − e^(−wΦ)], the share ever infected.
    public static func attackRate(r0: Double, levels: [Double]) -> Double {
        let phi = cumulativeHazard(r0: r0, levels: levels)
        return levels.map { 1 - exp(-$0 * phi) }.reduce(0, +) / Double(levels.count)
    }
}
