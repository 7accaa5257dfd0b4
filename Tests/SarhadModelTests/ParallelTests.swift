import Synchronization
import Testing
@testable import SarhadModel

/// The worker pool behind `Parallel.forEach`: every task runs exactly once, on a worker in range, whether
/// the section is the pool's, nested in another, or asked for by several threads at once.
@Suite("Parallel sections")
struct ParallelTests {
    /// Runs one section and checks that each task ran once, with a worker index below `threads`.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    static func checkSection(tasks: Int, threads: Int) -> Bool {
        let counts = (0..<tasks).map { _ in Counter() }
        let badWorker = Atomic<Bool>(false)
        Parallel.forEach(tasks: tasks, threads: threads) { worker, task in
            if worker < 0 || worker >= threads { badWorker.store(true, ordering: .relaxed) }
            counts[task].value.wrappingAdd(1, ordering: .relaxed)
        }
        return !badWorker.load(ordering: .relaxed) && counts.allSatisfy { $0.value.load(ordering: .relaxed) == 1 }
    }

    @Test("many sections in a row, of 1 to 300 tasks, each task once on a worker in range",
          arguments: [1, 2, 3, 8])
    func sectionsInARow(threads: Int) {
        var random = CounterRandom(seed: 11, purpose: .seeding, subject: UInt64(threads))
        for _ in 0..<2000 {
            let tasks = 1 + random.below(300)
            #expect(ParallelTests.checkSection(tasks: tasks, threads: threads))
        }
    }

    @Test("a section inside a section runs all its tasks")
    func nestedSections() {
        let outer = Atomic<Int>(0), inner = Atomic<Int>(0)
        Parallel.forEach(tasks: 6, threads: 2) { _ in
            outer.wrappingAdd(1, ordering: .relaxed)
            Parallel.forEach(tasks: 50, threads: 2) { _ in inner.wrappingAdd(1, ordering: .relaxed) }
        }
        #expect(outer.load(ordering: .relaxed) == 6)
        #expect(inner.load(ordering: .relaxed) == 300)
    }

    @Test("sections asked for by several threads at once each run all their tasks")
    func concurrentCallers() {
        let failures = Atomic<Int>(0)
        Parallel.forEach(tasks: 4, threads: 4) { caller in
            for round in 0..<300 where !ParallelTests.checkSection(tasks: 1 + (round * 7 + caller) % 97, threads: 2) {
                failures.wrappingAdd(1, ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    @Test("a pool worker asleep is woken for the next section")
    func wakesSleepingWorkers() async throws {
        #expect(ParallelTests.checkSection(tasks: 64, threads: 2))
        // Longer than the workers spin, so that they are asleep when the next section comes.
        try await Task.sleep(for: .milliseconds(20))
        #expect(ParallelTests.checkSection(tasks: 64, threads: 2))
        let pool = WorkerPool(workers: 1)
        let ran = Atomic<Int>(0)
        try await Task.sleep(for: .milliseconds(20))
        #expect(pool.run(tasks: 100, threads: 2) { _, _ in ran.wrappingAdd(1, ordering: .relaxed) })
        #expect(ran.load(ordering: .relaxed) == 100)
        #expect(!pool.run(tasks: 10, threads: 3) { _, _ in })
    }
}
