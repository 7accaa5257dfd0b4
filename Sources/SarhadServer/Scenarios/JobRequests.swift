import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadScenario

/// Scenarios compared with common random numbers, as `sarhad compare` runs them: replicate r of every
/// scenario takes the same seed. Scenarios that end on different days or run at different population
/// scales after `end_date` and `population_scale` are refused.
public struct ComparisonRequest: Codable, Sendable, Equatable {
    static let fields = ["scenario_ids", "replicates", "seed", "end_date", "population_scale"]

    public var scenarioIds: [Int64]
    public var replicates: Int?
    public var seed: UInt64?
    public var endDate: String?
    public var populationScale: Double?

    public init(scenarioIds: [Int64], replicates: Int? = nil, seed: UInt64? = nil, endDate: String? = nil, populationScale: Double? = nil) {
        self.scenarioIds = scenarioIds
        self.replicates = replicates
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioIds = "scenario_ids", replicates, seed, endDate = "end_date", populationScale = "population_scale"
    }
}

/// A stored scenario run over a grid of parameter values, as `sarhad sweep` runs it: each of `set` is
/// "section.key=v1,v2,…" (a numeric key of the catalogue); replicate r uses the same seed at every point.
public struct SweepRequest: Codable, Sendable, Equatable {
    static let fields = ["scenario_id", "set", "replicates", "seed", "end_date", "population_scale"]

    public var scenarioId: Int64
    public var set: [String]
    public var replicates: Int?
    public var seed: UInt64?
    public var endDate: String?
    public var populationScale: Double?

    public init(scenarioId: Int64, set: [String], replicates: Int? = nil, seed: UInt64? = nil, endDate: String? = nil,
                populationScale: Double? = nil) {
        self.scenarioId = scenarioId
        self.set = set
        self.replicates = replicates
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", set, replicates, seed, endDate = "end_date", populationScale = "population_scale"
    }
}

/// A calibration of a stored scenario to a record, as `sarhad calibrate` runs it. Without `record`
/// (the CSV text of a record file), the scenario's country pack's own record.
public struct CalibrationRequest: Codable, Sendable, Equatable {
    static let fields = ["scenario_id", "through", "record", "provinces", "particles", "generations", "predictive", "seed",
                         "end_date", "population_scale"]

    public var scenarioId: Int64
    public var through: String
    public var record: String?
    public var provinces: Bool?
    public var particles: Int?
    public var generations: Int?
    public var predictive: Int?
    public var seed: UInt64?
    public var endDate: String?
    public var populationScale: Double?

    public init(scenarioId: Int64, through: String, record: String? = nil, provinces: Bool? = nil, particles: Int? = nil,
                generations: Int? = nil, predictive: Int? = nil, seed: UInt64? = nil, endDate: String? = nil,
                populationScale: Double? = nil) {
        self.scenarioId = scenarioId
        self.through = through
        self.record = record
        self.provinces = provinces
        self.particles = particles
        self.generations = generations
        self.predictive = predictive
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", through, record, provinces, particles, generations, predictive, seed
        case endDate = "end_date", populationScale = "population_scale"
    }
}

/// A forecast from a record with the twin's particle filter, as `sarhad forecast` makes it. Without
/// `record`, the scenario's country pack's own record; without `from`, the record's last day.
public struct ForecastRequest: Codable, Sendable, Equatable {
    static let fields = ["scenario_id", "record", "from", "horizon", "particles", "seed", "walk_sd", "population_scale"]

    public var scenarioId: Int64
    public var record: String?
    public var from: String?
    public var horizon: Int?
    public var particles: Int?
    public var seed: UInt64?
    public var walkSD: Double?
    public var populationScale: Double?

    public init(scenarioId: Int64, record: String? = nil, from: String? = nil, horizon: Int? = nil, particles: Int? = nil,
                seed: UInt64? = nil, walkSD: Double? = nil, populationScale: Double? = nil) {
        self.scenarioId = scenarioId
        self.record = record
        self.from = from
        self.horizon = horizon
        self.particles = particles
        self.seed = seed
        self.walkSD = walkSD
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", record, from, horizon, particles, seed, walkSD = "walk_sd", populationScale = "population_scale"
    }
}

/// Forecasts from past origins scored against what followed, as `sarhad backtest` makes them. Without
/// `record`, the scenario's country pack's own record.
public struct BacktestRequest: Codable, Sendable, Equatable {
    static let fields = ["scenario_id", "record", "origins", "horizon", "particles", "seed", "walk_sd", "population_scale"]

    public var scenarioId: Int64
    public var record: String?
    public var origins: [String]
    public var horizon: Int?
    public var particles: Int?
    public var seed: UInt64?
    public var walkSD: Double?
    public var populationScale: Double?

    public init(scenarioId: Int64, record: String? = nil, origins: [String], horizon: Int? = nil, particles: Int? = nil,
                seed: UInt64? = nil, walkSD: Double? = nil, populationScale: Double? = nil) {
        self.scenarioId = scenarioId
        self.record = record
        self.origins = origins
        self.horizon = horizon
        self.particles = particles
        self.seed = seed
        self.walkSD = walkSD
        self.populationScale = populationScale
    }

    enum CodingKeys: String, CodingKey {
        case scenarioId = "scenario_id", record, origins, horizon, particles, seed, walkSD = "walk_sd", populationScale = "population_scale"
    }

    /// The forecast settings it shares with a forecast request.
    var forecast: ForecastRequest {
        ForecastRequest(scenarioId: scenarioId, record: record, horizon: horizon, particles: particles, seed: seed, walkSD: walkSD,
                        populationScale: populationScale)
    }
}

/// A seed as the store can keep it (SQLite integers are signed 64-bit), as `RunRequest` checks its own.
func checkSeed(_ seed: UInt64?) throws(ScenarioError) {
    guard let seed, seed > UInt64(Int64.max) else { return }
    throw ScenarioError(key: "seed", message: "is \(seed)", expected: "an integer from 0 to \(Int64.max)")
}

/// A count field checked against its range, named as the request names it.
func checkCount(_ value: Int, field: String, in range: ClosedRange<Int>) throws(ScenarioError) {
    guard range.contains(value) else {
        throw ScenarioError(key: field, message: "is \(value)", expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
}
