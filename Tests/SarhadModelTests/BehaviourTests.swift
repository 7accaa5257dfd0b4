import Foundation
import Testing
@testable import SarhadModel

@Suite("Behaviour: contacts respond to recent deaths")
struct BehaviourTests {
    @Test("the response is 1 without deaths, halfway at the half-effect level, and tends to the floor")
    func responseCurve() {
        let behaviour = BehaviourParameters(enabled: true, windowDays: 14, halfEffectDeathsPer100k: 2, floor: 0.4)
        #expect(behaviour.multiplier(recentDeaths: 0, residents: 100_000) == 1)
        #expect(abs(behaviour.multiplier(recentDeaths: 2, residents: 100_000) - 0.7) < 1e-12)
        #expect(abs(behaviour.multiplier(recentDeaths: 2e6, residents: 100_000) - 0.4) < 1e-5)
        let levels = stride(from: 0.0, through: 50, by: 0.5).map { behaviour.multiplier(recentDeaths: $0, residents: 100_000) }
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 > $1 })
        #expect(BehaviourParameters.off.multiplier(recentDeaths: 1e6, residents: 10) == 1)
    }

    /// The same seed with and without the response: people who cut contacts as deaths mount end the
    /// epidemic smaller (the deaths here reach hundreds per 100,000, so contacts fall close to the floor).
    @Test("a strong response to deaths ends the epidemic smaller than no response")
    func responseShrinksTheEpidemic() {
        var configuration = TestConfigurations.twoProvinces(days: 200)
        let without = Simulation(configuration: configuration, seed: 21, threads: 2).run()
        configuration.behaviour = BehaviourParameters(enabled: true, windowDays: 14, halfEffectDeathsPer100k: 5, floor: 0.2)
        let with = Simulation(configuration: configuration, seed: 21, threads: 2).run()
        #expect(without.total(.deaths) > 100)
        #expect(Double(with.total(.infections)) < 0.9 * Double(without.total(.infections)),
                "with \(with.total(.infections)), without \(without.total(.infections))")
    }

    @Test("the twin's response is the Poisson expectation of the agents' one, above the response to the mean")
    func expectedResponse() {
        let behaviour = BehaviourParameters(enabled: true, windowDays: 14, halfEffectDeathsPer100k: 2, floor: 0.5)
        let residents = 100_000.0
        // Mean 1.5 deaths: the sum written out term by term (k! grows fast enough that 40 terms are exact).
        var direct = 0.0, factorial = 1.0
        for count in 0..<40 {
            if count > 0 { factorial *= Double(count) }
            direct += exp(-1.5) * pow(1.5, Double(count)) / factorial
                * behaviour.multiplier(recentDeaths: Double(count), residents: residents)
        }
        #expect(abs(behaviour.expectedMultiplier(meanRecentDeaths: 1.5, residents: residents) - direct) < 1e-12)
        // Jensen: convex in deaths, so the expectation exceeds the response to the mean; equal with no deaths,
        // and nearly equal once deaths are many.
        for mean in [0.3, 2.0, 8.0, 50.0] {
            #expect(behaviour.expectedMultiplier(meanRecentDeaths: mean, residents: residents)
                    > behaviour.multiplier(recentDeaths: mean, residents: residents))
        }
        #expect(behaviour.expectedMultiplier(meanRecentDeaths: 0, residents: residents) == 1)
        let many = behaviour.expectedMultiplier(meanRecentDeaths: 350, residents: residents)
        #expect(abs(many / behaviour.multiplier(recentDeaths: 350, residents: residents) - 1) < 0.01)
        #expect(BehaviourParameters.off.expectedMultiplier(meanRecentDeaths: 5, residents: residents) == 1)
    }
}
