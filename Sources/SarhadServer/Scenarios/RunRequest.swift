import SarhadJobs
import SarhadModel
import SarhadScenario

/// What a caller asks for when starting a run, checked exactly as `sarhad run` checks its options.
/// `replicates` above 1 makes an ensemble, as `sarhad run --replicates` does (replicate r takes the
/// seed derived from `seed` and r; quantiles.csv beside the replicates). Fields the request does not
/// know are refused (`RequestBody.decode`) rather than ignored.
public struct RunRequest: Codable, Sendable, Equatable {
    /// The fields a request body may have.
    static let fields = ["scenario_id", "seed", "end_date", "population_scale", "replicates", "overrides"]

    public var scenarioId: Int64
    public var seed: UInt64
    /// YYYY-MM-DD; nil keeps the scenario's end.
    public var endDate: String?
    /// 0 < scale ≤ 1; nil keeps the scenario's scale.
    public var populationScale: Double?
    /// 1 to 10,000; nil is one run.
    public var replicates: Int?
    /// Changes as scenario TOML read over the stored scenario, as the what-if page sends them: its
    /// "confirm with agents" runs the levers it shows. The run keeps the changed scenario's full text.
    public var overrides: String?

    public init(scenarioId: Int64, seed: UInt64 = 1, endDate: String? = nil, populationScale: Double? = nil, replicates: Int? = nil,
                overrides: String? = nil) {
        self.replicates = replicates
        self.overrides = overrides
        self.scenarioId = scenarioId
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", seed, endDate = "end_date", populationScale = "population_scale", replicates, overrides
    }

    /// The scenario with this request's changes, end date and scale applied; errors name the request field
    /// (a change's errors, its key and line in `overrides`).
    public func apply(to scenario: Scenario) throws(ScenarioError) -> Scenario {
        var scenario = scenario
        if let overrides, !overrides.isEmpty {
            guard overrides.utf8.count <= ScenarioText.maximumBytes else {
                throw ScenarioError(key: "overrides", message: "is \(overrides.utf8.count) bytes", expected: "at most \(ScenarioText.maximumBytes) bytes")
            }
            scenario = try ScenarioLoader.load(text: overrides, name: "overrides", over: scenario)
        }
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
