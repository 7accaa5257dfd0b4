import Foundation
import Synchronization

/// One moment of a run, as server-sent events and the API report it.
public struct RunProgress: Codable, Sendable, Equatable {
    public var runId: Int64
    public var status: RunStatus
    public var daysDone: Int
    public var dayCount: Int
    public var message: String?

    public init(runId: Int64, status: RunStatus, daysDone: Int, dayCount: Int, message: String? = nil) {
        self.runId = runId
        self.status = status
        self.daysDone = daysDone
        self.dayCount = dayCount
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case runId = "run_id", status, daysDone = "days_done", dayCount = "day_count", message
    }
}

/// Live progress of runs, cancel requests, and the listeners waiting for either. The simulation
/// thread writes here after every day without waiting on anything async; listeners get the newest
/// state only, because a slow browser needs the latest day, not every day.
public final class RunProgressBoard: Sendable {
    struct State {
        var latest: [Int64: RunProgress] = [:]
        var cancelRequested: Set<Int64> = []
        var listeners: [Int64: [UUID: AsyncStream<RunProgress>.Continuation]] = [:]
    }

    let state = Mutex(State())

    public init() {}

    public func latest(_ runId: Int64) -> RunProgress? {
        state.withLock { $0.latest[runId] }
    }

    /// Records a change and passes it to every listener of the run; a final state ends their streams.
    public func publish(_ progress: RunProgress) {
        let listeners = state.withLock { state -> [AsyncStream<RunProgress>.Continuation] in
            // Final states stay too (a few bytes a run): a listener that read the store just before the
            // run ended still learns of the end instead of waiting forever.
            state.latest[progress.runId] = progress
            if progress.status.isFinal {
                state.cancelRequested.remove(progress.runId)
                return Array((state.listeners.removeValue(forKey: progress.runId) ?? [:]).values)
            }
            return Array((state.listeners[progress.runId] ?? [:]).values)
        }
        for listener in listeners {
            listener.yield(progress)
            if progress.status.isFinal { listener.finish() }
        }
    }

    /// A stream of the run's changes, starting with `current` (what the store says now). A run
    /// already final gives that one state and ends.
    public func listen(to runId: Int64, current: RunProgress) -> AsyncStream<RunProgress> {
        let (stream, continuation) = AsyncStream.makeStream(of: RunProgress.self, bufferingPolicy: .bufferingNewest(1))
        let key = UUID()
        let first = state.withLock { state -> RunProgress in
            let first = state.latest[runId] ?? current
            if !first.status.isFinal { state.listeners[runId, default: [:]][key] = continuation }
            return first
        }
        continuation.yield(first)
        if first.status.isFinal {
            continuation.finish()
        } else {
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.listeners[runId]?.removeValue(forKey: key) }
            }
        }
        return stream
    }

    public func requestCancel(_ runId: Int64) {
        state.withLock { _ = $0.cancelRequested.insert(runId) }
    }

    public func isCancelRequested(_ runId: Int64) -> Bool {
        state.withLock { $0.cancelRequested.contains(runId) }
    }
}
