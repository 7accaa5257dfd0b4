import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario

/// What a command is about to simulate, for its limits and its memory guard: which configurations,
/// how many runs of each, how many at once, and how many results it keeps until it writes its files.
struct Workload {
    /// The configurations simulated (the largest decides the memory one simulation needs).
    var configurations: [ModelConfiguration]
    /// Runs of each configuration asked for, and the option that asked.
    var replicates: Int
    var replicatesOption = "--replicates"
    var engine: Engine = .agent
    /// Simulations this process runs in all (this shard's share, when sharded).
    var simulations: Int
    /// Results held in memory until the outputs are written.
    var keptResults: Int
    var threads: Int

    /// Simulations running side by side: each thread takes one while there are enough to go round.
    var simultaneous: Int { max(1, min(threads, simulations)) }

    /// The largest population among the configurations, in agents.
    var largestPopulation: Int {
        configurations.map { PopulationBuilder.residentsPerProvince($0).reduce(0, +) }.max() ?? 0
    }

    /// The longest run among the configurations, in days.
    var longestRun: Int { configurations.map(\.dayCount).max() ?? 0 }
}

/// The workload of an ensemble-like command, run whole or as one shard.
protocol HasWorkload {
    /// `simulations` of them, this process's share (all of them unsharded).
    func workload(simulations: Int, threads: Int) -> Workload
}

extension RunJob: HasWorkload {
    func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: [scenario.configuration], replicates: command.replicates, engine: command.engine.engine,
                 simulations: simulations,
                 keptResults: simulations, threads: threads)
    }
}

extension CompareJob: HasWorkload {
    func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: scenarios.map(\.configuration), replicates: command.replicates, simulations: simulations,
                 keptResults: simulations, threads: threads)
    }
}

extension SweepJob: HasWorkload {
    func workload(simulations: Int, threads: Int) -> Workload {
        Workload(configurations: points.indices.map(configuration(atPoint:)), replicates: command.replicates,
                 simulations: simulations, keptResults: simulations, threads: threads)
    }
}
