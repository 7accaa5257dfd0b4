import Foundation

/// A scenario as the API returns it; lists leave the TOML out.
public struct ScenarioResource: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var toml: String?
    public var createdAt: Date
    public var updatedAt: Date

    init(_ record: ScenarioRecord, includeText: Bool) {
        id = record.id ?? 0
        name = record.name
        toml = includeText ? record.toml : nil
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }
}

/// A run as the API returns it, with its live progress while it runs and its file links once it succeeded.
public struct RunResource: Codable, Sendable, Equatable {
    public var id: Int64
    /// run (one run, or an ensemble when `replicates` > 1), comparison, calibration or forecast.
    public var kind: RunKind
    public var replicates: Int
    /// What `days_done` and `day_count` count: days of one run; replicates of an ensemble or a comparison;
    /// a calibration's generations and then its predictive; a forecast's one step.
    public var progressUnit: String
    public var scenarioId: Int64?
    public var scenarioName: String
    public var seed: UInt64
    public var endDate: String
    public var populationScale: Double
    public var agents: Int
    public var estimatedBytes: Int64
    public var status: RunStatus
    public var daysDone: Int
    public var dayCount: Int
    public var message: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// File name → download path; only for succeeded runs.
    public var files: [String: String]

    init(_ record: RunRecord, live: RunProgress?) {
        id = record.id ?? 0
        kind = record.kind
        replicates = record.replicates
        progressUnit = switch record.kind {
        case .run: record.replicates > 1 ? "replicate" : "day"
        case .comparison, .sweep: "replicate"
        case .calibration: "generation"
        case .forecast: "step"
        case .backtest: "origin"
        }
        scenarioId = record.scenarioId
        scenarioName = record.scenarioName
        seed = record.seed
        endDate = record.endDate
        populationScale = record.populationScale
        agents = record.agents
        estimatedBytes = record.estimatedBytes
        status = record.status
        daysDone = record.daysDone
        dayCount = record.dayCount
        if record.status == .running, let live, live.status == .running { daysDone = live.daysDone }
        message = record.message
        createdAt = record.createdAt
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        let runId = id
        files = record.status == .succeeded
            ? Dictionary(uniqueKeysWithValues: RunFiles.downloadable(record.kind, replicates: record.replicates).map { ($0, "/api/v1/runs/\(runId)/files/\($0)") })
            : [:]
    }
}

/// Body of `POST /api/v1/scenarios`: TOML text, or `"from": "built-in"` for a copy of the built-in scenario.
struct ScenarioCreation: Decodable {
    static let fields = ["toml", "from"]
    var toml: String?
    var from: String?
}

/// Body of `PUT /api/v1/scenarios/{id}`.
struct ScenarioReplacement: Decodable {
    static let fields = ["toml"]
    var toml: String
}

/// One catalogue parameter as `GET /api/v1/parameters` lists it (the form is built from the same).
struct ParameterResource: Encodable {
    var path: String
    var section: String
    var key: String
    var expected: String
    var unit: String
    var summary: String
    var source: String
    /// The built-in scenario's value, as the form shows it.
    var defaultValue: String
}
