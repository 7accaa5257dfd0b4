import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario

/// What a command is about to simulate, for its limits and its memory guard: which configurations,
/// how many runs of each, how many at once, and how many results it keeps until it writes its files.
package struct Workload {
    package init(configurations: [ModelConfiguration], replicates: Int, replicatesOption: String = "--replicates", engine: Engine = .agent, simulations: Int, keptResults: Int, threads: Int) {
        self.configurations = configurations
        self.replicates = replicates
        self.replicatesOption = replicatesOption
        self.engine = engine
        self.simulations = simulations
        self.keptResults = keptResults
        self.threads = threads
    }

    /// The configurations simulated (the largest decides the memory one simulation needs).
    package var configurations: [ModelConfiguration]
    /// Runs of each configuration asked for, and the option that asked.
    package var replicates: Int
    package var replicatesOption = "--replicates"
    package var engine: Engine = .agent
    /// Simulations this process runs in all (this shard's share, when sharded).
    package var simulations: Int
    /// Results held in memory until the outputs are written.
    package var keptResults: Int
    package var threads: Int

    /// Simulations running side by side: each thread takes one while there are enough to go round.
    package var simultaneous: Int { max(1, min(threads, simulations)) }

    /// The largest population among the configurations, in agents.
    package var largestPopulation: Int {
        configurations.map { PopulationBuilder.residentsPerProvince($0).reduce(0, +) }.max() ?? 0
    }

    /// The longest run among the configurations, in days.
    package var longestRun: Int { configurations.map(\.dayCount).max() ?? 0 }
}

/// The workload of an ensemble-like command, run whole or as one shard.
package protocol HasWorkload {
    /// `simulations` of them, this process's share (all of them unsharded).
    func workload(simulations: Int, threads: Int) -> Workload
}
