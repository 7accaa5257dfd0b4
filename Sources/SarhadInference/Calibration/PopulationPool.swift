import Foundation
import SarhadModel

/// Copies of one built population for runs that each change their own: a run borrows a copy reset
/// to the template and gives it back. Calibration runs thousands of short simulations; building a
/// population for each, or even allocating a fresh copy, would cost more than simulating.
///
/// The template is built on first use: a calibration's merge step weighs particles without
/// simulating, and should not pay for (or hold) a population it never runs.
///
/// Guarded by an `NSLock` (a pthread mutex), not `Synchronization.Mutex`: on Linux Thread Sanitizer
/// cannot see the latter's futex and reports every access it guards as a race (measured), which would
/// hide real ones in the parallel calibration (InferenceThreadTests, scripts/sanitize).
final class PopulationPool: @unchecked Sendable {
    private let build: @Sendable () -> Population
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var template: Population?
    /// Guarded by `lock`.
    private var idle: [Population] = []

    init(building build: @escaping @Sendable () -> Population) {
        self.build = build
    }

    convenience init(template: Population) {
        self.init(building: { template })
    }

    private var built: Population {
        lock.withLock {
            if let template { return template }
            let made = build()
            template = made
            return made
        }
    }

    func withPopulation<T>(_ body: (Population) -> T) -> T {
        let borrowed = lock.withLock { idle.popLast() }
        let population: Population
        if let borrowed {
            borrowed.restore(from: built)
            population = borrowed
        } else {
            population = built.copy()
        }
        defer { lock.withLock { idle.append(population) } }
        return body(population)
    }
}
