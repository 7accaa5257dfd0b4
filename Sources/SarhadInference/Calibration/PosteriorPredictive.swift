import SarhadModel

/// Runs forward from a posterior: replicate r takes the particle drawn by weight with (seed, r) and
/// the replicate seed of r, so the predictive ensemble is reproducible and does not depend on threads.
public struct PosteriorPredictive: Sendable {
    public let base: ModelConfiguration
    public let posterior: Posterior
    public let seed: UInt64

    public init(base: ModelConfiguration, posterior: Posterior, seed: UInt64) {
        self.base = base
        self.posterior = posterior
        self.seed = seed
    }

    public func particle(forReplicate replicate: Int) -> Int {
        var random = CounterRandom(seed: seed, purpose: .calibration, day: -1, subject: UInt64(replicate))
        return posterior.draw(&random)
    }

    public func run(replicates: Int, threads: Int, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> [SimulationResult] {
        run(Array(0..<replicates), threads: threads, progress: progress)
    }

    /// Replicates `indices` (any subset: a shard's share gives the same results as in the whole).
    public func run(_ indices: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> [SimulationResult] {
        let replicates = indices.count
        let populations = PopulationPool(template: PopulationBuilder.build(base, seed: seed, threads: max(1, threads)))
        let concurrent = min(max(1, threads), max(1, replicates))
        let threadsEach = max(1, threads / concurrent)
        let counter = ProgressCounter(total: replicates, progress: progress)
        return Parallel.map(count: replicates, threads: concurrent) { position in
            let replicate = indices[position]
            let values = posterior.values[particle(forReplicate: replicate)]
            let result = populations.withPopulation { population in
                Simulation(configuration: posterior.space.configured(base, values),
                           seed: ReplicateSeeds.seed(base: seed, replicate: replicate),
                           threads: threadsEach, population: population).run()
            }
            counter.tick()
            return result
        }
    }
}
