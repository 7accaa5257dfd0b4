import Dispatch

/// Runs slow, blocking work (drawing a report from files) on dispatch threads rather than on the
/// Swift concurrency threads that answer requests, at most `maximumConcurrent` jobs at a time;
/// callers beyond that wait their turn without holding a thread.
actor BlockingWork {
    let maximumConcurrent: Int
    var running = 0
    var waiting: [CheckedContinuation<Void, Never>] = []

    init(maximumConcurrent: Int) {
        self.maximumConcurrent = max(1, maximumConcurrent)
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await acquire()
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
        }
        release()
        return result
    }

    func acquire() async {
        if running < maximumConcurrent {
            running += 1
            return
        }
        // The slot is handed over by `release`, which leaves `running` as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
