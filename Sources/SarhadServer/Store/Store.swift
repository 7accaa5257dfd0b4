import Foundation
import GRDB

/// Scenarios and runs in one SQLite file. Every method is one transaction; the queue and the
/// HTTP handlers share it. A `DatabasePool` (write-ahead log): reads run alongside the one writer,
/// so a page listing runs never waits for a run being queued, and the reverse.
public final class Store: Sendable {
    public enum Failure: Error, Equatable {
        case notFound
    }

    /// The most rows one list request returns.
    public static let maximumPageSize = 500

    let database: DatabasePool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        // `sqlite3` in another process may hold the lock briefly; wait for it rather than failing at once.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // With the write-ahead log, NORMAL keeps the database consistent through any crash of
            // the process and syncs at checkpoints instead of at every commit, so queueing a run does
            // not wait for the disk (a power cut can lose the last moments' changes, never corrupt).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        try Store.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: scenarios and runs") { db in
            try db.create(table: ScenarioRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("name", .text).notNull()
                table.column("toml", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: RunRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                // A run keeps its own copy of the scenario, so deleting the scenario leaves the run intact.
                table.column("scenarioId", .integer).references(ScenarioRecord.databaseTableName, onDelete: .setNull)
                table.column("scenarioName", .text).notNull()
                table.column("scenarioToml", .text).notNull()
                table.column("seed", .integer).notNull()
                table.column("endDate", .text).notNull()
                table.column("populationScale", .double).notNull()
                table.column("agents", .integer).notNull()
                table.column("estimatedBytes", .integer).notNull()
                table.column("status", .text).notNull().indexed()
                table.column("daysDone", .integer).notNull()
                table.column("dayCount", .integer).notNull()
                table.column("message", .text)
                table.column("createdAt", .datetime).notNull()
                table.column("startedAt", .datetime)
                table.column("finishedAt", .datetime)
            }
        }
        migrator.registerMigration("v2: job kinds") { db in
            try db.alter(table: RunRecord.databaseTableName) { table in
                table.add(column: "kind", .text).notNull().defaults(to: RunKind.run.rawValue)
                table.add(column: "replicates", .integer).notNull().defaults(to: 1)
                table.add(column: "options", .text)
            }
        }
        return migrator
    }

    // MARK: Scenarios

    public func insert(_ scenario: ScenarioRecord) throws -> ScenarioRecord {
        try database.write { db in
            var record = scenario
            try record.insert(db)
            return record
        }
    }

    public func update(_ scenario: ScenarioRecord) throws {
        try database.write { db in
            guard try scenario.exists(db) else { throw Failure.notFound }
            try scenario.update(db)
        }
    }

    public func scenario(id: Int64) throws -> ScenarioRecord {
        guard let record = try database.read({ db in try ScenarioRecord.fetchOne(db, key: id) }) else { throw Failure.notFound }
        return record
    }

    public func scenarios() throws -> [ScenarioRecord] {
        try database.read { db in try ScenarioRecord.order(Column("id")).fetchAll(db) }
    }

    /// One page of scenarios, oldest first, without their TOML (`toml` is empty): lists do not show it.
    public func scenarioPage(limit: Int, offset: Int, newestFirst: Bool = false) throws -> (records: [ScenarioRecord], total: Int) {
        try database.read { db in
            let records = try ScenarioRecord.fetchAll(db, sql: """
                SELECT id, name, '' AS toml, createdAt, updatedAt FROM scenario
                ORDER BY id \(newestFirst ? "DESC" : "ASC") LIMIT ? OFFSET ?
                """, arguments: [min(limit, Store.maximumPageSize), max(0, offset)])
            return (records, try ScenarioRecord.fetchCount(db))
        }
    }

    public func deleteScenario(id: Int64) throws {
        let deleted = try database.write { db in try ScenarioRecord.deleteOne(db, key: id) }
        if !deleted { throw Failure.notFound }
    }

    // MARK: Runs

    public func insert(_ run: RunRecord) throws -> RunRecord {
        try database.write { db in
            var record = run
            try record.insert(db)
            return record
        }
    }

    public func run(id: Int64) throws -> RunRecord {
        guard let record = try database.read({ db in try RunRecord.fetchOne(db, key: id) }) else { throw Failure.notFound }
        return record
    }

    /// Newest first.
    public func runs() throws -> [RunRecord] {
        try database.read { db in try RunRecord.order(Column("id").desc).fetchAll(db) }
    }

    /// One page of runs, newest first, without their scenario's TOML (`scenarioToml` is empty) or options:
    /// lists do not show it, and at ≈ 30 kB a run it would be most of what a list reads.
    public func runPage(limit: Int, offset: Int) throws -> (records: [RunRecord], total: Int) {
        try database.read { db in
            let records = try RunRecord.fetchAll(db, sql: """
                SELECT id, kind, replicates, NULL AS options, scenarioId, scenarioName, '' AS scenarioToml, seed, endDate, populationScale, agents, estimatedBytes,
                       status, daysDone, dayCount, message, createdAt, startedAt, finishedAt
                FROM run ORDER BY id DESC LIMIT ? OFFSET ?
                """, arguments: [min(limit, Store.maximumPageSize), max(0, offset)])
            return (records, try RunRecord.fetchCount(db))
        }
    }

    /// Reads, changes and writes one run in a single transaction, so concurrent updates cannot interleave.
    @discardableResult
    public func updateRun(id: Int64, _ change: @Sendable (inout RunRecord) -> Void) throws -> RunRecord {
        try database.write { db in
            guard var record = try RunRecord.fetchOne(db, key: id) else { throw Failure.notFound }
            change(&record)
            try record.update(db)
            return record
        }
    }

    /// At startup no run can still be going: any left queued or running was cut off by the last
    /// shutdown. Marks them interrupted and returns their ids.
    @discardableResult
    public func markInterruptedRuns(at date: Date = Date()) throws -> [Int64] {
        try database.write { db in
            let open = try RunRecord.filter([RunStatus.queued, RunStatus.running].contains(Column("status"))).fetchAll(db)
            for var record in open {
                record.status = .interrupted
                record.finishedAt = date
                record.message = "The server stopped before this run finished."
                try record.update(db)
            }
            return open.compactMap(\.id)
        }
    }
}
