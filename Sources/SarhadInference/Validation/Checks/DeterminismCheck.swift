import SarhadModel

/// Same seed, same numbers with 1, 2 and 4 threads: every recorded value and breakdown, which are
/// all that the output files are made of.
struct DeterminismCheck {
    let base: ModelConfiguration
    let scale: Double
    let days: Int

    func run() -> [ValidationCheck] {
        var configuration = base
        configuration.populationScale = scale
        configuration.endDate = min(configuration.endDate, configuration.startDate.adding(days: days - 1))
        let runs = [1, 2, 4].map { Simulation(configuration: configuration, seed: 505, threads: $0).run() }
        return [2, 4].enumerated().map { index, threads in
            let other = runs[index + 1]
            var differing = zip(runs[0].values, other.values).filter { $0 != $1 }.count
            differing += zip(runs[0].infectionsByLayer, other.infectionsByLayer).filter { $0 != $1 }.count
            differing += zip(runs[0].infectionsByAge, other.infectionsByAge).filter { $0 != $1 }.count
            differing += zip(runs[0].deathsByAge, other.deathsByAge).filter { $0 != $1 }.count
            return ValidationCheck(group: "6 Determinism", compared: "values differing, 1 vs \(threads) threads",
                                   expected: 0, observed: Double(differing), tolerance: 0, toleranceBasis: "exact")
        }
    }
}
