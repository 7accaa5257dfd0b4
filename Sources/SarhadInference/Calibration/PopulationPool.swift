import SarhadModel
import Synchronization

/// Copies of one built population for runs that each change their own: a run borrows a copy reset
/// to the template and gives it back. Calibration runs thousands of short simulations; building a
/// population for each, or even allocating a fresh copy, would cost more than simulating.
///
/// The template is built on first use: a calibration's merge step weighs particles without
/// simulating, and should not pay for (or hold) a population it never runs.
final class PopulationPool: Sendable {
    private let build: @Sendable () -> Population
    private let template = Mutex<Population?>(nil)
    private let idle = Mutex<[Population]>([])

    init(building build: @escaping @Sendable () -> Population) {
        self.build = build
    }

    convenience init(template: Population) {
        self.init(building: { template })
    }

    private var built: Population {
        template.withLock { stored in
            if let stored { return stored }
            let made = build()
            stored = made
            return made
        }
    }

    func withPopulation<T>(_ body: (Population) -> T) -> T {
        let borrowed = idle.withLock { $0.popLast() }
        let population: Population
        if let borrowed {
            borrowed.restore(from: built)
            population = borrowed
        } else {
            population = built.copy()
        }
        defer { idle.withLock { $0.append(population) } }
        return body(population)
    }
}
