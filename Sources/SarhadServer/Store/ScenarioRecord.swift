import Foundation
import GRDB

/// A stored scenario: its TOML text (always one that `ScenarioLoader` accepted) and the name it gives itself.
public struct ScenarioRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scenario"

    public var id: Int64?
    public var name: String
    public var toml: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, name: String, toml: String, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.name = name
        self.toml = toml
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
