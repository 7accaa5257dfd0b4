import Foundation
import GRDB

/// Where a run is in its life. A run only moves forward: queued → running → one of the final states.
public enum RunStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case queued, running, succeeded, failed, cancelled
    /// Was queued or running when the server stopped; its outputs, if any, are incomplete and were discarded.
    case interrupted

    public var isFinal: Bool { self != .queued && self != .running }
}

/// What a queued job does: one run or an ensemble of replicates (`run`), scenarios compared with common
/// random numbers, a sweep over a grid of parameter values, a calibration, a forecast, or a backtest. The same library jobs as the command line's `run`,
/// `compare`, `sweep`, `calibrate`, `forecast` and `backtest` (SarhadJobs), so the same request gives the same files.
public enum RunKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case run, comparison, sweep, calibration, forecast, backtest
}

/// A run as stored: what was asked (scenario snapshot, seed, end, scale), where it got to and why it ended.
/// The scenario's TOML is copied at submission so that editing the scenario later cannot change a queued run.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"

    public var id: Int64?
    public var kind: RunKind
    /// Replicates of a run (1: one run, its timeseries without a replicate column).
    public var replicates: Int
    /// The request of a comparison, calibration or forecast as JSON, with the scenarios it snapshots.
    public var options: String?
    public var scenarioId: Int64?
    public var scenarioName: String
    public var scenarioToml: String
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

    public init(id: Int64? = nil, kind: RunKind = .run, replicates: Int = 1, options: String? = nil, scenarioId: Int64?, scenarioName: String, scenarioToml: String, seed: UInt64, endDate: String,
                populationScale: Double, agents: Int, estimatedBytes: Int64, status: RunStatus = .queued, daysDone: Int = 0,
                dayCount: Int, message: String? = nil, createdAt: Date = Date(), startedAt: Date? = nil, finishedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.replicates = replicates
        self.options = options
        self.scenarioId = scenarioId
        self.scenarioName = scenarioName
        self.scenarioToml = scenarioToml
        self.seed = seed
        self.endDate = endDate
        self.populationScale = populationScale
        self.agents = agents
        self.estimatedBytes = estimatedBytes
        self.status = status
        self.daysDone = daysDone
        self.dayCount = dayCount
        self.message = message
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
