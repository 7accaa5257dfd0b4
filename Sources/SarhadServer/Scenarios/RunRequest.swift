import SarhadModel
import SarhadScenario

/// What a caller asks for when starting a run, checked exactly as `sarhad run` checks its options.
/// One run is one replicate: the body has no `replicates` field, and fields it does not know are
/// refused (`RequestBody.decode`) rather than ignored.
public struct RunRequest: Codable, Sendable, Equatable {
    /// The longest run: the limit a scenario file's `scenario.end` has (ScenarioLoader refuses more
    /// than 3,660 days, ten years), so an end date given here cannot go past it.
    public static let maximumDays = 3660
    /// The fields a request body may have.
    static let fields = ["scenario_id", "seed", "end_date", "population_scale"]

    public var scenarioId: Int64
    public var seed: UInt64
    /// YYYY-MM-DD; nil keeps the scenario's end.
    public var endDate: String?
    /// 0 < scale ≤ 1; nil keeps the scenario's scale.
    public var populationScale: Double?

    public init(scenarioId: Int64, seed: UInt64 = 1, endDate: String? = nil, populationScale: Double? = nil) {
        self.scenarioId = scenarioId
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", seed, endDate = "end_date", populationScale = "population_scale"
    }

    /// The scenario with this request's end date and scale applied; errors name the request field.
    public func apply(to scenario: Scenario) throws(ScenarioError) -> Scenario {
        var scenario = scenario
        // SQLite stores integers as signed 64-bit values.
        guard seed <= UInt64(Int64.max) else {
            throw ScenarioError(key: "seed", message: "is \(seed)", expected: "an integer from 0 to \(Int64.max)")
        }
        if let endDate {
            guard let date = SimDate(iso: endDate) else {
                throw ScenarioError(key: "end_date", message: "is \"\(endDate)\"", expected: "a date like 2020-12-31")
            }
            guard date >= scenario.configuration.startDate else {
                throw ScenarioError(key: "end_date", message: "is before the scenario's start \(scenario.configuration.startDate)",
                                    expected: "a date on or after the start")
            }
            let days = date.days(since: scenario.configuration.startDate) + 1
            guard days <= RunRequest.maximumDays else {
                throw ScenarioError(key: "end_date", message: "(\(endDate)) makes a run of \(days) days from the scenario's start \(scenario.configuration.startDate)",
                                    expected: "a run of at most 3,660 days (ten years)")
            }
            scenario.configuration.endDate = date
        }
        if let populationScale {
            guard populationScale > 0, populationScale <= 1 else {
                throw ScenarioError(key: "population_scale", message: "is \(populationScale)", expected: "a number above 0 and at most 1")
            }
            scenario.configuration.populationScale = populationScale
        }
        return scenario
    }
}
