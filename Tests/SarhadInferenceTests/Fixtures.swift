import SarhadModel
import SarhadScenario

enum SarhadScenarioFixture {
    static func base() throws -> ModelConfiguration { try Scenario.builtIn().configuration }
}
