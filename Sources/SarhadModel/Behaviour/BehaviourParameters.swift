import Foundation

/// People respond to what they see: as deaths in their province over the last `windowDays` rise,
/// they cut contacts outside the home, and resume them as deaths fall.
///
/// With d the province's deaths over the window per 100,000 residents, contacts in the responding
/// layers (school, work, community) are multiplied by
///
///     m(d) = floor + (1 − floor) / (1 + d / d½)
///
/// on top of the timeline's measures, so m(0) = 1, m(d½) is halfway to the floor and m → floor as
/// deaths grow. The form (a saturating response to perceived risk) follows the behaviour–disease
/// feedback models of Funk et al. 2009 (PNAS 106:6872) and Bauch & Galvani 2013; the values are
/// assumptions with wide priors, free for calibration.
public struct BehaviourParameters: Sendable, Equatable {
    public var enabled: Bool
    /// Days of deaths people weigh (the last `windowDays` before today).
    public var windowDays: Int
    /// Deaths per 100,000 residents over the window at which contacts fall halfway to the floor.
    public var halfEffectDeathsPer100k: Double
    /// The lowest multiplier fear alone brings contacts to.
    public var floor: Double

    public init(enabled: Bool, windowDays: Int, halfEffectDeathsPer100k: Double, floor: Double) {
        self.enabled = enabled
        self.windowDays = windowDays
        self.halfEffectDeathsPer100k = halfEffectDeathsPer100k
        self.floor = floor
    }

    /// The layers whose contacts people choose: not households, prisons, settlements or care.
    public static let respondingLayers: [ContactLayer] = [.school, .work, .community]

    public static let off = BehaviourParameters(enabled: false, windowDays: 14, halfEffectDeathsPer100k: 1, floor: 1)

    /// The multiplier's expectation when the recent deaths are a Poisson count with mean `meanRecentDeaths`:
    /// what a population of agents, whose deaths come one by one, does on average. The response is
    /// convex in deaths, so by Jensen's inequality this is above the multiplier of the mean, and most so
    /// where deaths are few (small provinces, small population scales). The twin uses it. Beyond a mean
    /// of 400 the count's relative spread is under 5 % and the multiplier of the mean is used.
    public func expectedMultiplier(meanRecentDeaths mean: Double, residents: Double) -> Double {
        guard enabled, residents > 0, halfEffectDeathsPer100k > 0, mean > 0 else {
            return multiplier(recentDeaths: max(0, mean), residents: residents)
        }
        guard mean <= 400 else { return multiplier(recentDeaths: mean, residents: residents) }
        let last = Int((mean + 12 * mean.squareRoot() + 20).rounded(.up))
        var probability = exp(-mean), total = 0.0, weight = 0.0
        for count in 0...last {
            if count > 0 { probability *= mean / Double(count) }
            total += probability * multiplier(recentDeaths: Double(count), residents: residents)
            weight += probability
        }
        return total / weight
    }

    public func multiplier(recentDeaths: Double, residents: Double) -> Double {
        guard enabled, residents > 0, halfEffectDeathsPer100k > 0 else { return 1 }
        let perHundredThousand = recentDeaths / residents * 100_000
        return floor + (1 - floor) / (1 + perHundredThousand / halfEffectDeathsPer100k)
    }
}
