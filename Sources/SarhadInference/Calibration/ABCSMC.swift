import Foundation
import SarhadModel

/// Approximate Bayesian computation by sequential Monte Carlo (Toni et al. 2009; Beaumont et al.
/// 2009), with each generation's tolerance set to a quantile of the previous generation's distances
/// (the adaptive scheme of Del Moral, Doucet & Jasra 2012) and a Gaussian perturbation kernel with
/// twice the weighted variance, on the scale where each prior is flat.
///
/// A generation is `particles` independent slots. Slot i proposes and simulates until one attempt
/// falls within the tolerance (or it reaches its attempt limit); attempt j of slot i in generation g
/// draws its proposal and its simulation seed from (seed, g, i, j) only. A slot's outcome therefore
/// depends on nothing but its index and the previous generation, so slots can be computed on any
/// thread, in any shard, and `close` weighs them in slot order into the same posterior.
public struct ABCSMC: Sendable {
    public struct Settings: Sendable {
        public var particles: Int
        public var generations: Int
        /// Quantile of the previous generation's distances that becomes the next tolerance.
        public var toleranceQuantile: Double
        /// A slot gives up after this many attempts (the tolerance is then too tight); a generation with
        /// an empty slot is the last. 300 lets a generation at a 2.5 % acceptance rate fill 200 slots
        /// nine times in ten, and bounds the work of one that cannot.
        public var maximumAttemptsPerParticle: Int

        public init(particles: Int = 200, generations: Int = 4, toleranceQuantile: Double = 0.5,
                    maximumAttemptsPerParticle: Int = 300) {
            self.particles = particles
            self.generations = generations
            self.toleranceQuantile = toleranceQuantile
            self.maximumAttemptsPerParticle = maximumAttemptsPerParticle
        }
    }

    /// What one slot of a generation found: the accepted parameter values (nil if it gave up), their
    /// distance, and how many attempts it made.
    public struct SlotOutcome: Sendable, Equatable, Codable {
        public var values: [Double]?
        public var distance: Double
        public var attempts: Int

        public init(values: [Double]?, distance: Double, attempts: Int) {
            self.values = values
            self.distance = distance
            self.attempts = attempts
        }
    }

    public struct Generation: Sendable, Equatable {
        public var posterior: Posterior
        public var attempts: Int
        public var acceptanceRate: Double { Double(posterior.count) / Double(max(1, attempts)) }

        public init(posterior: Posterior, attempts: Int) {
            self.posterior = posterior
            self.attempts = attempts
        }
    }

    public let base: ModelConfiguration
    public let space: ParameterSpace
    public let distance: Distance
    public let settings: Settings
    public let seed: UInt64
    /// Built once, when the first slot simulates; each simulation runs on its own copy from the pool.
    let populations: PopulationPool

    public init(base: ModelConfiguration, space: ParameterSpace, reported: ReportedSeries, settings: Settings,
                seed: UInt64, threads: Int) {
        self.base = base
        self.space = space
        self.distance = Distance(reported: reported, residents: PopulationBuilder.residentsPerProvince(base))
        self.settings = settings
        self.seed = seed
        let buildThreads = max(1, threads)
        populations = PopulationPool { PopulationBuilder.build(base, seed: seed, threads: buildThreads) }
    }

    /// The generations in order; the last is the posterior. The same steps a sharded calibration takes
    /// (`sample` for every slot, then `close`), with one shard.
    public func run(threads: Int, progress: @Sendable (Int, Generation) -> Void = { _, _ in }) -> [Generation] {
        var generations = [Generation]()
        for index in 0..<settings.generations {
            let previous = generations.last?.posterior
            let outcomes = sample(generation: index, slots: Array(0..<settings.particles), previous: previous, threads: threads)
            let generation = close(outcomes, previous: previous)
            generations.append(generation)
            progress(index, generation)
            if endsFit(generation, index: index) { break }
        }
        return generations
    }

    /// Whether no generation follows this one: it is the last asked for, or a slot gave up.
    public func endsFit(_ generation: Generation, index: Int) -> Bool {
        index + 1 >= settings.generations || generation.posterior.count < settings.particles
    }

    /// The tolerance of the generation after `previous` (none before the first).
    public func tolerance(after previous: Posterior?) -> Double {
        previous.map { Quantile.of($0.distances, levels: [settings.toleranceQuantile])[0] } ?? .infinity
    }

    /// The outcomes of `slots` (any subset of 0..<particles, in the order given) of generation `generation`.
    public func sample(generation: Int, slots: [Int], previous: Posterior?, threads: Int,
                       progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> [SlotOutcome] {
        let tolerance = tolerance(after: previous)
        let kernel = previous.map(perturbationScales)
        let counter = ProgressCounter(total: slots.count, progress: progress)
        return Parallel.map(count: slots.count, threads: threads) { position in
            let outcome = sampleSlot(slots[position], generation: generation, previous: previous, kernel: kernel,
                                     tolerance: tolerance)
            counter.tick()
            return outcome
        }
    }

    /// Every slot's outcome, in slot order, weighed into the generation's posterior.
    public func close(_ outcomes: [SlotOutcome], previous: Posterior?) -> Generation {
        let kernel = previous.map(perturbationScales)
        var accepted = [[Double]](), distances = [Double](), weights = [Double]()
        for outcome in outcomes {
            guard let values = outcome.values else { continue }
            accepted.append(values)
            distances.append(outcome.distance)
            weights.append(weight(values, previous: previous, kernel: kernel))
        }
        return Generation(posterior: Posterior(space: space, values: accepted, weights: weights, distances: distances,
                                               tolerance: tolerance(after: previous)),
                          attempts: outcomes.map(\.attempts).reduce(0, +))
    }

    /// Attempts of one slot until one is within the tolerance; in generation 0 (tolerance ∞) the first is.
    func sampleSlot(_ slot: Int, generation: Int, previous: Posterior?, kernel: [Double]?, tolerance: Double) -> SlotOutcome {
        for attempt in 0..<settings.maximumAttemptsPerParticle {
            var random = CounterRandom(seed: seed, purpose: .calibration, day: generation,
                                       subject: UInt64(slot) << 32 | UInt64(attempt))
            let runSeed = random.next()
            guard let values = proposal(&random, previous: previous, kernel: kernel) else { continue }
            let outcome = distance(simulate(values, seed: runSeed))
            if outcome <= tolerance { return SlotOutcome(values: values, distance: outcome, attempts: attempt + 1) }
        }
        return SlotOutcome(values: nil, distance: .infinity, attempts: settings.maximumAttemptsPerParticle)
    }

    /// Simulates one parameter vector on a reset copy of the calibration's population.
    public func simulate(_ values: [Double], seed runSeed: UInt64, threads: Int = 1) -> SimulationResult {
        populations.withPopulation { population in
            Simulation(configuration: space.configured(base, values), seed: runSeed, threads: threads,
                       population: population).run()
        }
    }

    /// A prior draw in generation 0; afterwards a perturbed draw from the previous particles, or nil
    /// if it falls outside the prior.
    func proposal(_ random: inout CounterRandom, previous: Posterior?, kernel: [Double]?) -> [Double]? {
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
