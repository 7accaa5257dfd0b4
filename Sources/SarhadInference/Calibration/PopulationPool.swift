import SarhadModel
import Synchronization

/// Copies of one built population for runs that each change their own: a run borrows a copy reset
/// to the template and gives it back. Calibration runs thousands of short simulations; building a
/// population for each, or even allocating a fresh copy, would cost more than simulating.
final class PopulationPool: Sendable {
    let template: Population
    private let idle = Mutex<[Population]>([])

    init(template: Population) {
        self.template = template
    }

    func withPopulation<T>(_ body: (Population) -> T) -> T {
        let borrowed = idle.withLock { $0.popLast() }
        let population: Population
        if let borrowed {
            borrowed.restore(from: template)
            population = borrowed
        } else {
            population = template.copy()
        }
        defer { idle.withLock { $0.append(population) } }
        return body(population)
    }
}
