import Foundation
import SarhadModel

/// Approximate Bayesian computation by sequential Monte Carlo (Toni et al. 2009; Beaumont et al.
/// 2009), with each generation's tolerance set to a quantile of the previous generation's distances
/// (the adaptive scheme of Del Moral, Doucet & Jasra 2012) and a Gaussian perturbation kernel with
/// twice the weighted variance, on the scale where each prior is flat.
///
/// Determinism: attempt a of generation g draws its proposal and its simulation seed from
/// (seed, g, a) only; attempts are simulated in batches of fixed size and accepted in attempt
/// order, so the posterior is the same for any number of threads.
public struct ABCSMC: Sendable {
    public struct Settings: Sendable {
        public var particles: Int
        public var generations: Int
        /// Quantile of the previous generation's distances that becomes the next tolerance.
        public var toleranceQuantile: Double
        /// Attempts simulated together before acceptance is decided.
        public var batch: Int
        /// Stop a generation after this many attempts per particle (the tolerance is then too tight).
        public var maximumAttemptsPerParticle: Int

        public init(particles: Int = 200, generations: Int = 4, toleranceQuantile: Double = 0.5, batch: Int = 64,
                    maximumAttemptsPerParticle: Int = 50) {
            self.particles = particles
            self.generations = generations
            self.toleranceQuantile = toleranceQuantile
            self.batch = batch
            self.maximumAttemptsPerParticle = maximumAttemptsPerParticle
        }
    }

    public struct Generation: Sendable {
        public var posterior: Posterior
        public var attempts: Int
        public var acceptanceRate: Double { Double(posterior.count) / Double(max(1, attempts)) }
    }

    public let base: ModelConfiguration
    public let space: ParameterSpace
    public let distance: Distance
    public let settings: Settings
    public let seed: UInt64
    /// Built once; each simulation runs on its own copy from the pool.
    let populations: PopulationPool

    public init(base: ModelConfiguration, space: ParameterSpace, reported: ReportedSeries, settings: Settings,
                seed: UInt64, threads: Int) {
        self.base = base
        self.space = space
        self.distance = Distance(reported: reported, residents: PopulationBuilder.residentsPerProvince(base))
        self.settings = settings
        self.seed = seed
        populations = PopulationPool(template: PopulationBuilder.build(base, seed: seed, threads: max(1, threads)))
    }

    /// The generations in order; the last is the posterior.
    public func run(threads: Int, progress: @Sendable (Int, Generation) -> Void = { _, _ in }) -> [Generation] {
        var generations = [Generation]()
        for index in 0..<settings.generations {
            let previous = generations.last?.posterior
            let tolerance = previous.map { Quantile.of($0.distances, levels: [settings.toleranceQuantile])[0] } ?? .infinity
            let generation = sample(generation: index, previous: previous, tolerance: tolerance, threads: threads)
            generations.append(generation)
            progress(index, generation)
            if generation.posterior.count < settings.particles { break }
        }
        return generations
    }

    /// Simulates one parameter vector with the seed of (generation, attempt).
    public func simulate(_ values: [Double], generation: Int, attempt: Int, threads: Int = 1) -> SimulationResult {
        let runSeed = CounterRandom.mix(seed ^ CounterRandom.mix(UInt64(generation) << 32 | UInt64(attempt)))
        return populations.withPopulation { population in
            Simulation(configuration: space.configured(base, values), seed: runSeed, threads: threads,
                       population: population).run()
        }
    }

    func sample(generation: Int, previous: Posterior?, tolerance: Double, threads: Int) -> Generation {
        let kernel = previous.map(perturbationScales)
        var accepted = [[Double]](), distances = [Double](), weights = [Double]()
        var attempt = 0
        let limit = settings.particles * settings.maximumAttemptsPerParticle
        while accepted.count < settings.particles && attempt < limit {
            let batch = (attempt..<min(attempt + settings.batch, limit)).map { proposal(generation: generation, attempt: $0,
                                                                                       previous: previous, kernel: kernel) }
            let first = attempt
            let outcomes = Parallel.map(count: batch.count, threads: threads) { position -> Double in
                guard let values = batch[position] else { return .infinity }
                return distance(simulate(values, generation: generation, attempt: first + position))
            }
            for (position, outcome) in outcomes.enumerated() where accepted.count < settings.particles {
                guard let values = batch[position], outcome <= tolerance else { continue }
                accepted.append(values)
                distances.append(outcome)
                weights.append(weight(values, previous: previous, kernel: kernel))
            }
            attempt += batch.count
        }
        return Generation(posterior: Posterior(space: space, values: accepted, weights: weights, distances: distances,
                                               tolerance: tolerance), attempts: attempt)
    }

    /// A prior draw in generation 0; afterwards a perturbed draw from the previous particles, or nil
    /// if it falls outside the prior.
    func proposal(generation: Int, attempt: Int, previous: Posterior?, kernel: [Double]?) -> [Double]? {
        var random = CounterRandom(seed: seed, purpose: .calibration, day: generation, subject: UInt64(attempt))
        guard let previous, let kernel else { return space.priors.map { $0.sample(&random) } }
        let parent = previous.values[previous.draw(&random)]
        var values = [Double]()
        for (index, prior) in space.priors.enumerated() {
            let working = prior.toWorking(parent[index]) + kernel[index] * random.normal()
            let value = prior.fromWorking(working)
            guard prior.contains(value) else { return nil }
            values.append(value)
        }
        return values
    }

    /// Standard deviations of the Gaussian kernel: twice the weighted variance (Beaumont et al. 2009).
    func perturbationScales(_ posterior: Posterior) -> [Double] {
        space.priors.indices.map { index in
            let prior = space.priors[index]
            let working = posterior.values.map { prior.toWorking($0[index]) }
            let mean = zip(working, posterior.weights).reduce(0) { $0 + $1.0 * $1.1 }
            let variance = zip(working, posterior.weights).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) }
            return max((2 * variance).squareRoot(), 1e-9)
        }
    }

    /// Importance weight π(θ) / Σ_j w_j K(θ | θ_j), on the working scale where the prior is flat.
    func weight(_ values: [Double], previous: Posterior?, kernel: [Double]?) -> Double {
        guard let previous, let kernel else { return 1 }
        let working = zip(space.priors, values).map { $0.toWorking($1) }
        let prior = zip(space.priors, working).reduce(1.0) { $0 * $1.0.workingDensity($1.1) }
        var mixture = 0.0
        for (particle, weight) in zip(previous.values, previous.weights) {
            var density = 1.0
            for index in working.indices {
                let z = (working[index] - space.priors[index].toWorking(particle[index])) / kernel[index]
                density *= exp(-0.5 * z * z) / kernel[index]
            }
            mixture += weight * density
        }
        return mixture > 0 ? prior / mixture : 0
    }
}
