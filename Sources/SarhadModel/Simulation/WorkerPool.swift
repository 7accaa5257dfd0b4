import Dispatch
import Foundation
import Synchronization

/// Worker threads kept for the life of the process, which wait for the next parallel section by
/// spinning for a while before they sleep.
///
/// Why not `DispatchQueue.concurrentPerform` alone: its worker threads sleep between calls, and on
/// this machine (a KVM guest) waking a sleeping thread on the idle processor took about 70 µs. A
/// simulated day has five or six parallel sections, so a 1 M-agent run, whose days last about a
/// millisecond, lost a quarter of its second thread's time waiting to be woken (docs/PERFORMANCE.md).
/// A worker that spins for `spinDuration` after a section is there at once for the next one; the cost
/// is processor time it would otherwise not use (OpenMP runtimes spin the same way, by default longer).
///
/// One section runs at a time. A section asked for while one is running (a parallel section inside
/// another, or two simulations on different threads) returns false, and the caller runs it elsewhere.
final class WorkerPool: @unchecked Sendable {
    /// Workers besides the calling thread: one per further processor.
    static let shared = WorkerPool(workers: max(0, ProcessInfo.processInfo.activeProcessorCount - 1))

    /// How long an idle worker keeps spinning before it sleeps.
    static let spinDuration: UInt64 = 500_000  // nanoseconds

    let workerCount: Int

    /// The current section, packed so that joining it is one compare-and-swap: its number (from bit 40),
    /// how many pool workers may join (bits 32–39), whether it is closed to joiners (bit 31) and how many
    /// have joined (bits 0–30). Joins can happen only while the number is the section's and it is open,
    /// so the caller, closing it, learns exactly how many workers it must wait for.
    private let state = Atomic<Int>(0)
    private let inUse = Atomic<Bool>(false)
    /// Of the current section; written by the caller before it publishes the section in `state`.
    private let nextTask = Atomic<Int>(0)
    private let left = Atomic<Int>(0)
    private var taskCount = 0
    private var body: UnsafeRawPointer?
    private let sleepers: [Sleeper]

    private final class Sleeper: Sendable {
        let isSleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    private static let closedBit = 1 << 31
    private static let joinedMask = (1 << 31) - 1

    init(workers: Int) {
        workerCount = workers
        sleepers = (0..<workers).map { _ in Sleeper() }
        for worker in 0..<workers {
            let thread = Thread { [unowned self] in self.serve(worker) }
            thread.name = "sarhad worker \(worker + 1)"
            thread.start()
        }
    }

    /// Runs `body(worker, task)` for every task on the calling thread (worker 0) and up to `threads − 1`
    /// pool workers (1 ..< threads). Returns false, having run nothing, if the pool is busy or too small.
    func run(tasks: Int, threads: Int, _ body: (_ worker: Int, _ task: Int) -> Void) -> Bool {
        let participants = threads - 1
        guard participants >= 1, participants <= workerCount,
              inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { inUse.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: body) { pointer in
                self.body = UnsafeRawPointer(pointer)
                taskCount = tasks
                nextTask.store(0, ordering: .relaxed)
                left.store(0, ordering: .relaxed)
                let section = (state.load(ordering: .relaxed) >> 40) + 1
                state.store(section << 40 | participants << 32, ordering: .sequentiallyConsistent)
                for worker in 0..<participants where sleepers[worker].isSleeping.exchange(false, ordering: .sequentiallyConsistent) {
                    sleepers[worker].wake.signal()
                }
                work(as: 0, pointer)
                // Closed: no worker joins from now on; wait for those that did to finish their tasks.
                let closedState = state.bitwiseOr(WorkerPool.closedBit, ordering: .sequentiallyConsistent).oldValue
                let joined = closedState & WorkerPool.joinedMask
                while left.load(ordering: .acquiring) < joined {}
                self.body = nil
            }
        }
        return true
    }

    private func work(as worker: Int, _ body: UnsafePointer<(Int, Int) -> Void>) {
        let tasks = taskCount
        while true {
            let task = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            if task >= tasks { return }
            body.pointee(worker, task)
        }
    }

    private func serve(_ worker: Int) {
        var seen = 0
        while true {
            let current = awaitSection(after: seen, worker: worker)
            seen = current >> 40
            guard worker < (current >> 32) & 0xff, join(current) else { continue }
            work(as: worker + 1, body!.assumingMemoryBound(to: ((Int, Int) -> Void).self))
            left.wrappingAdd(1, ordering: .releasing)
        }
    }

    /// Joins the section `observed` announced, if it is still that section and still open.
    private func join(_ observed: Int) -> Bool {
        var expected = observed
        while expected >> 40 == observed >> 40 && expected & WorkerPool.closedBit == 0 {
            let (exchanged, original) = state.compareExchange(expected: expected, desired: expected + 1,
                                                              ordering: .acquiringAndReleasing)
            if exchanged { return true }
            expected = original
        }
        return false
    }

    /// Spins until a section after `seen` is announced, then, after `spinDuration`, sleeps until woken.
    private func awaitSection(after seen: Int, worker: Int) -> Int {
        let sleeper = sleepers[worker]
        var spinStart = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let current = state.load(ordering: .acquiring)
            if current >> 40 != seen { return current }
            spins += 1
            guard spins & 1023 == 0, DispatchTime.now().uptimeNanoseconds - spinStart > WorkerPool.spinDuration else { continue }
            // Announce the sleep, then look once more: either this sees the new section, or the caller,
            // which publishes before it looks at `isSleeping`, sees the flag and signals.
            sleeper.isSleeping.store(true, ordering: .sequentiallyConsistent)
            let last = state.load(ordering: .sequentiallyConsistent)
            if last >> 40 != seen {
                if !sleeper.isSleeping.exchange(false, ordering: .sequentiallyConsistent) { sleeper.wake.wait() }
                return last
            }
            sleeper.wake.wait()
            spinStart = DispatchTime.now().uptimeNanoseconds
            spins = 0
        }
    }
}
