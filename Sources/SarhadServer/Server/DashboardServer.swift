import SarhadJobs
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `sarhad serve`: locks the data directory, opens the store (marking runs cut off by the last
/// shutdown as interrupted), starts the run queue, and serves the pages and the API until cancelled.
public struct DashboardServer: Sendable {
    public let configuration: ServerConfiguration
    public let dashboard: Dashboard
    let access: AccessControl
    /// Held for as long as this server exists (and released when it is gone): only one server uses a data directory.
    let lock: DataDirectoryLock

    /// `availableMemory` reads /proc/meminfo unless a test gives it a fixed answer. Throws
    /// `ScenarioError` when the configuration's country pack cannot be read, and
    /// `DataDirectoryLock.Failure.inUse` when another server holds the data directory, before
    /// touching anything in it.
    public init(configuration: ServerConfiguration,
                availableMemory: @escaping @Sendable () -> Int64? = RunQueue.availableMemory) throws {
        self.configuration = configuration
        // The pack first: a wrong --country stops the server before the data directory is touched.
        let reader = try ScenarioReader(country: configuration.country)
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        // First: what follows marks runs interrupted and deletes staging folders, which would
        // break a server already running on this directory.
        lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        try FileManager.default.createDirectory(at: configuration.runsDirectory, withIntermediateDirectories: true)
        let store = try Store(path: configuration.databasePath)
        try store.markInterruptedRuns()
        DashboardServer.removePartialOutputs(in: configuration.runsDirectory)
        let queue = RunQueue(store: store, runsDirectory: configuration.runsDirectory,
                             maximumConcurrentRuns: configuration.maximumConcurrentRuns, threadsPerRun: configuration.threadsPerRun,
                             reader: reader, availableMemory: availableMemory)
        dashboard = Dashboard(store: store, queue: queue)
        access = AccessControl(policy: configuration.access)
    }

    /// Serves until the task is cancelled (or SIGINT/SIGTERM with `handleSignals`); `onListening`
    /// gets the bound port (useful with port 0). Either way the shutdown is graceful: running
    /// simulations stop at their next day and are marked interrupted, which also ends their
    /// progress streams, so open event-stream connections do not hold the shutdown up.
    public func run(handleSignals: Bool = false, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "sarhad.serve")
        logger.logLevel = .notice
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.bindAddress, port: configuration.port), serverName: "sarhad"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        // Services shut down in reverse order: the queue stops before the HTTP server drains.
        let group = ServiceGroup(configuration: .init(
            services: [application, RunQueueService(queue: dashboard.queue)],
            gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
            logger: logger))
        // Run outside this task so that cancelling it asks for a graceful shutdown instead of
        // cancelling the server's connections mid-answer.
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    func makeRouter() -> Router<DashboardContext> {
        let router = Router(context: DashboardContext.self)
        // Outermost, so that the access middleware's refusals carry the headers too.
        router.middlewares.add(SecurityHeadersMiddleware())
        router.middlewares.add(AccessMiddleware(access: access))
        APIRoutes(dashboard: dashboard).register(on: router)
        PageRoutes(dashboard: dashboard, access: access).register(on: router)
        return router
    }

    /// Staging directories of jobs that were being written when the server stopped: `.<id>.partial` (a
    /// single run's), `.<id>.partial-PID` and `.<id>.replaced-PID` (`OutputDirectory`'s). Only this
    /// server writes the runs folder, and it holds the data folder's lock, so none is in use.
    static func removePartialOutputs(in runsDirectory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory.path)) ?? []
        for name in names where name.hasPrefix(".")
            && (name.hasSuffix(".partial") || name.contains(".partial-") || name.contains(".replaced-")) {
            try? FileManager.default.removeItem(at: runsDirectory.appendingPathComponent(name))
        }
    }
}

/// Stops the run queue when the server shuts down.
struct RunQueueService: Service {
    let queue: RunQueue

    func run() async throws {
        try? await gracefulShutdown()
        await queue.stopAll()
    }
}
