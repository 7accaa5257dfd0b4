import SarhadJobs
import SarhadModel
import SarhadScenario

/// What a caller asks for when starting a run, checked exactly as `sarhad run` checks its options.
/// One run is one replicate: the body has no `replicates` field, and fields it does not know are
/// refused (`RequestBody.decode`) rather than ignored.
public struct RunRequest: Codable, Sendable, Equatable {
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
        do {
            try ScenarioOverrides.apply(end: endDate, populationScale: populationScale, to: &scenario, fields: .request)
        } catch {
            throw error.underlying
        }
        return scenario
    }
}
