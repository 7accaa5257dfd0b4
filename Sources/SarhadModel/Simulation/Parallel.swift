import Dispatch
import Synchronization

/// A base address handed to worker threads that read one buffer or write disjoint parts of it.
/// Swift 6 will not let unsafe pointers cross into `concurrentPerform`; this is the one place they do.
@usableFromInline
struct SharedBuffer<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>

    @usableFromInline
    init(_ base: UnsafeMutablePointer<Element>) {
        self.base = base
    }
}

public enum Parallel {
    /// Runs `body(task)` for every task on up to `threads` threads. Results must not depend on which thread
    /// runs which task; callers write each task's output into its own slot.
    public static func forEach(tasks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        forEach(tasks: tasks, threads: threads) { _, task in body(task) }
    }

    /// Like `forEach(tasks:threads:_:)`, also telling `body(worker, task)` which of the `threads` workers
    /// (0 ..< threads) runs the task, so that each worker can reuse its own work space across tasks.
    public static func forEach(tasks: Int, threads: Int, _ body: @Sendable (_ worker: Int, _ task: Int) -> Void) {
        guard tasks > 0 else { return }
        if threads <= 1 || tasks == 1 {
            for task in 0..<tasks { body(0, task) }
            return
        }
        let workers = min(threads, tasks)
        if WorkerPool.shared.run(tasks: tasks, threads: workers, body) { return }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= tasks { return }
                body(worker, task)
            }
        }
    }
}


extension Parallel {
    /// `(0..<count).map(transform)` on up to `threads` threads; element i is `transform(i)` whatever
    /// thread computed it.
    public static func map<T: Sendable>(count: Int, threads: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let shared = SharedBuffer(slots.baseAddress!)
        forEach(tasks: count, threads: threads) { index in shared.base[index] = transform(index) }
        return slots.map { $0! }
    }
}
