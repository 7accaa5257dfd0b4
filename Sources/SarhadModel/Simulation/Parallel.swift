import Dispatch
import Synchronization

/// A base address handed to worker threads that write disjoint parts of one buffer.
/// Swift 6 will not let unsafe pointers cross into `concurrentPerform`; this is the one place they do.
@usableFromInline
struct SharedBuffer<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>

    @usableFromInline
    init(_ base: UnsafeMutablePointer<Element>) {
        self.base = base
    }
}

enum Parallel {
    /// Runs `body(task)` for every task on up to `threads` threads. Results must not depend on which thread
    /// runs which task; callers write each task's output into its own slot.
    static func forEach(tasks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard tasks > 0 else { return }
        if threads <= 1 || tasks == 1 {
            for task in 0..<tasks { body(task) }
            return
        }
        let workers = min(threads, tasks)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= tasks { return }
                body(task)
            }
        }
    }
}

