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
