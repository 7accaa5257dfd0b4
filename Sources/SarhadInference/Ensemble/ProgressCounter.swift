import Synchronization

/// Counts finished tasks across threads and reports each completion.
final class ProgressCounter: Sendable {
    let total: Int
    let done = Atomic<Int>(0)
    let progress: @Sendable (Int, Int) -> Void

    init(total: Int, progress: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.progress = progress
    }

    func tick() {
        progress(done.add(1, ordering: .relaxed).newValue, total)
    }
}
