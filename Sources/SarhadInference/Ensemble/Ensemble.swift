import SarhadModel
import Synchronization

/// Which engine computes a run: the agents, or their deterministic twin.
public enum Engine: String, Sendable, CaseIterable {
    case agent
    case meanField = "mean-field"
}

/// Runs replicates of one configuration on every core. Replicates run side by side, each with a
/// share of the threads; since every run is bit-identical for any thread count, how the cores are
/// shared never changes a result.
public struct Ensemble: Sendable {
    public let configuration: ModelConfiguration
    public let baseSeed: UInt64
    public let engine: Engine

    public init(configuration: ModelConfiguration, baseSeed: UInt64, engine: Engine = .agent) {
        self.configuration = configuration
        self.baseSeed = baseSeed
        self.engine = engine
    }

    /// One replicate, alone.
    public func replicate(_ index: Int, threads: Int = 1) -> SimulationResult {
        switch engine {
        case .agent:
            Simulation(configuration: configuration, seed: ReplicateSeeds.seed(base: baseSeed, replicate: index),
                       threads: max(1, threads)).run()
        case .meanField:
            // The twin has no randomness: every replicate is the expected epidemic.
            MeanFieldRunner.run(configuration)
        }
    }

    /// Replicates `indices`, in that order. `progress(done, total)` is called as each finishes.
    public func run(_ indices: [Int], threads: Int,
                    progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> [SimulationResult] {
        guard !indices.isEmpty else { return [] }
        let concurrent = min(max(1, threads), indices.count)
        let threadsEach = max(1, threads / concurrent)
        let finished = Atomic<Int>(0)
        let total = indices.count
        return Parallel.map(count: indices.count, threads: concurrent) { position in
            let result = replicate(indices[position], threads: threadsEach)
            progress(finished.add(1, ordering: .relaxed).newValue, total)
            return result
        }
    }

    public func run(replicates: Int, threads: Int,
                    progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> [SimulationResult] {
        run(Array(0..<replicates), threads: threads, progress: progress)
    }
}
