import SarhadModel
import SarhadScenario

/// The --end and --population-scale options every simulating command shares; --end keeps the scenario
/// files' limit of 3,660 days (`WorkLimits.maximumDays`).
enum ScenarioOverrides {
    static func apply(end: String?, populationScale: Double?, to scenario: inout Scenario) throws {
        if let end {
            guard let date = SimDate(iso: end) else {
                throw InputError(ScenarioError(key: "--end", message: "is \"\(end)\"", expected: "a date like 2020-12-31"))
            }
            guard date >= scenario.configuration.startDate else {
                throw InputError(ScenarioError(key: "--end", message: "is before the scenario's start \(scenario.configuration.startDate)",
                                               expected: "a date on or after the start"))
            }
            try WorkLimits.checkDays(from: scenario.configuration.startDate, to: date, option: "--end")
            scenario.configuration.endDate = date
        }
        if let populationScale {
            guard populationScale > 0, populationScale <= 1 else {
                throw InputError(ScenarioError(key: "--population-scale", message: "is \(populationScale)",
                                               expected: "a number above 0 and at most 1"))
            }
            scenario.configuration.populationScale = populationScale
        }
    }
}
