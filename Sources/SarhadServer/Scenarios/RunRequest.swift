import SarhadJobs
import SarhadModel
import SarhadScenario

/// What a caller asks for when starting a run, checked exactly as `sarhad run` checks its options.
/// `replicates` above 1 makes an ensemble, as `sarhad run --replicates` does (replicate r takes the
/// seed derived from `seed` and r; quantiles.csv beside the replicates). Fields the request does not
/// know are refused (`RequestBody.decode`) rather than ignored.
public struct RunRequest: Codable, Sendable, Equatable {
    /// The fields a request body may have.
    static let fields = ["scenario_id", "seed", "end_date", "population_scale", "replicates"]

    public var scenarioId: Int64
    public var seed: UInt64
    /// YYYY-MM-DD; nil keeps the scenario's end.
    public var endDate: String?
    /// 0 < scale ≤ 1; nil keeps the scenario's scale.
    public var populationScale: Double?
    /// 1 to 10,000; nil is one run.
    public var replicates: Int?

    public init(scenarioId: Int64, seed: UInt64 = 1, endDate: String? = nil, populationScale: Double? = nil, replicates: Int? = nil) {
        self.replicates = replicates
        self.scenarioId = scenarioId
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", seed, endDate = "end_date", populationScale = "population_scale", replicates
    }

    /// The scenario with this request's end date and scale applied; errors name the request field.
    public func apply(to scenario: Scenario) throws(ScenarioError) -> Scenario {
        var scenario = scenario
        // SQLite stores integers as signed 64-bit values.
        guard seed <= UInt64(Int64.max) else {
            throw ScenarioError(key: "seed", message: "is \(seed)", expected: "an integer from 0 to \(Int64.max)")
        }
        if let replicates { try checkCount(replicates, field: "replicates", in: 1...WorkLimits.maximumReplicates) }
        do {
            try ScenarioOverrides.apply(end: endDate, populationScale: populationScale, to: &scenario, fields: .request)
        } catch {
            throw error.underlying
        }
        return scenario
    }
}
