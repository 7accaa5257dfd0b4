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
}
