import SarhadModel
import SarhadScenario

/// The end date and population scale every simulating request may change: the command line's --end
/// and --population-scale, the dashboard's `end_date` and `population_scale`. The end keeps the
/// scenario files' limit of 3,660 days (`WorkLimits.maximumDays`); errors name the caller's field.
package enum ScenarioOverrides {
    /// The names a caller gives the two fields, for its messages.
    package struct FieldNames: Sendable {
        package let end: String
        package let populationScale: String
        package static let commandLine = FieldNames(end: "--end", populationScale: "--population-scale")
        package static let request = FieldNames(end: "end_date", populationScale: "population_scale")
    }

    package static func apply(end: String?, populationScale: Double?, to scenario: inout Scenario,
                              fields: FieldNames = .commandLine) throws(InputError) {
        if let end {
            guard let date = SimDate(iso: end) else {
                throw InputError(ScenarioError(key: fields.end, message: "is \"\(end)\"", expected: "a date like 2020-12-31"))
            }
            guard date >= scenario.configuration.startDate else {
                throw InputError(ScenarioError(key: fields.end, message: "is before the scenario's start \(scenario.configuration.startDate)",
                                               expected: "a date on or after the start"))
            }
            try WorkLimits.checkDays(from: scenario.configuration.startDate, to: date, option: fields.end)
            scenario.configuration.endDate = date
        }
        if let populationScale {
            guard populationScale > 0, populationScale <= 1 else {
                throw InputError(ScenarioError(key: fields.populationScale, message: "is \(populationScale)",
                                               expected: "a number above 0 and at most 1"))
            }
            scenario.configuration.populationScale = populationScale
        }
        // The overridden scenario meets the same limits as a file (e.g. enough agents at this scale).
        do { try ScenarioLimits.check(scenario) } catch { throw InputError(error) }
    }
}
