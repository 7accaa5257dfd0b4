import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `sarhad serve`: opens the store (marking runs cut off by the last shutdown as interrupted),
/// starts the run queue, and serves the pages and the API until cancelled.
public struct DashboardServer: Sendable {
    public let configuration: ServerConfiguration
    public let dashboard: Dashboard

    public init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(at: configuration.runsDirectory, withIntermediateDirectories: true)
        let store = try Store(path: configuration.databasePath)
        try store.markInterruptedRuns()
        DashboardServer.removePartialOutputs(in: configuration.runsDirectory)
        let queue = RunQueue(store: store, runsDirectory: configuration.runsDirectory,
                             maximumConcurrentRuns: configuration.maximumConcurrentRuns, threadsPerRun: configuration.threadsPerRun)
        dashboard = Dashboard(store: store, queue: queue)
    }

    /// Serves until the task is cancelled (or SIGINT/SIGTERM with `handleSignals`); `onListening`
    /// gets the bound port (useful with port 0). Runs still going are then stopped and marked interrupted.
    public func run(handleSignals: Bool = false, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "sarhad.serve")
        logger.logLevel = .notice
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sarhad"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        do {
            if handleSignals {
                try await application.runService()
            } else {
                try await application.run()
            }
        } catch is CancellationError {
            // Cancelled by the caller: an ordinary end.
        }
        await dashboard.queue.stopAll()
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(AccessMiddleware(policy: configuration.access))
        APIRoutes(dashboard: dashboard).register(on: router)
        PageRoutes(dashboard: dashboard, policy: configuration.access).register(on: router)
        return router
    }

    /// Staging directories (`.<id>.partial`) of runs that were being written when the server stopped.
    static func removePartialOutputs(in runsDirectory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            try? FileManager.default.removeItem(at: runsDirectory.appendingPathComponent(name))
        }
    }
}
