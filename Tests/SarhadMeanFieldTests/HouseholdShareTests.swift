@testable import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

/// Only people who live with someone make household contacts, in both engines.
@Suite struct HouseholdShareTests {
    @Test("the share of people living with someone counts people, not households")
    func sharedHomeShare() {
        #expect(MeanFieldInputs.sharedHomeShare([1]) == 0)
        #expect(MeanFieldInputs.sharedHomeShare([0, 1]) == 1)
        // Half the households alone, half pairs: 1 of 3 people lives alone.
        #expect(abs(MeanFieldInputs.sharedHomeShare([0.5, 0.5]) - 2.0 / 3) < 1e-12)
        #expect(MeanFieldInputs.sharedHomeShare([]) == 0)
    }

    /// Before the twin scaled its household rates, a country of single-person households got the full
    /// household layer in the twin (2.2 times the agents' infections) and none in the agents.
    @Test("with everyone living alone neither engine infects anyone at home, and the twin's epidemic shrinks")
    func everyoneAlone() throws {
        var configuration = try Scenario.builtIn().configuration
        configuration.populationScale = 0.002
        configuration.endDate = SimDate(iso: "2020-05-31")!
        let withHouseholds = MeanFieldModel(configuration: configuration).run()
        configuration.population.householdSizeShares = [1] + [Double](repeating: 0, count: 19)
        let twin = MeanFieldModel(configuration: configuration).run()
        let agents = Simulation(configuration: configuration, seed: 7, threads: 2).run()
        let household = ContactLayer.household.rawValue
        #expect(twin.infectionsByLayer[household] == 0)
        #expect(agents.infectionsByLayer[household] == 0)
        #expect(withHouseholds.infectionsByLayer[household] > 0)
        #expect(twin.total(.infections) < withHouseholds.total(.infections) * 3 / 4)
    }
}
