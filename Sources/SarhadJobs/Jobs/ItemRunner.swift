import SarhadInference
import SarhadModel
import Synchronization

/// Runs independent items side by side, each with a share of the threads; results in item order.
package enum ItemRunner {
    package static func run(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void,
                    _ compute: @Sendable (Int, Int) -> SimulationResult) -> [SimulationResult] {
        guard !items.isEmpty else { return [] }
        let concurrent = min(max(1, threads), items.count)
        let threadsEach = max(1, threads / concurrent)
        let done = Atomic<Int>(0)
        return Parallel.map(count: items.count, threads: concurrent) { position in
            let result = compute(items[position], threadsEach)
            progress(done.add(1, ordering: .relaxed).newValue, items.count)
            return result
        }
    }
}
