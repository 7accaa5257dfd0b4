import Foundation
import SarhadMeanField
import SarhadModel

/// How the twin is fitted to a growing record and run forward.
public struct TwinFilterSettings: Sendable, Equatable {
    /// Twin runs carried through the record; each holds its own transmission path and dispersions.
    public var particles = 200
    /// Days between steps of the transmission random walk.
    public var blockDays = 7
    /// Prior standard deviation of the log transmission factor on day 0: the scenario's R0 is known to
    /// within a factor of about e^0.5 ≈ 1.65 either way.
    public var initialLogSD = 0.5
    /// Standard deviation of each block's step of the log transmission factor: how fast contacts,
    /// measures and behaviour the scenario does not list may change (0.1 a week: ±20 % in a month).
    public var walkLogSD = 0.1
    /// Prior median and log standard deviation of the negative binomial size k of every recorded measure.
    public var sizePriorMedian = 10.0
    public var sizePriorLogSD = 1.0
    /// Liu and West's (2001) shrinkage a of the static parameters (the sizes) at each resampling:
    /// jitter h² = 1 − a² with the kernel's mean pulled towards the particle mean to keep the variance.
    public var shrinkage = 0.95
    /// Observation draws per particle for the forecast's quantiles.
    public var drawsPerParticle = 10
    /// The recorded measures the likelihood compares (tests are not fitted: the twin takes test capacity
    /// from the scenario's laboratories and timeline).
    public var measures: [EpidemicRecord.Measure] = [.confirmed, .recordedDeaths]

    public init() {}
}

/// Fits the twin to a record by a bootstrap particle filter and forecasts from what it learned.
///
/// The model: the scenario as written, with one unknown more, a national transmission factor on every
/// contact layer that follows a random walk on the log scale in steps of `blockDays`, and a recorded
/// count over any run of days is negative binomial around the twin's expected count, with a size per
/// measure that the filter learns (Liu–West kernel). Each particle is a twin run; at each block the
/// particles take their walk step, advance, are weighted by the record's counts that end in the block,
/// and are resampled (systematically) when the effective sample size falls below half. The particles'
/// mean weight per block multiplies up to the marginal likelihood of the record.
///
/// Why a particle filter on the twin: the twin is deterministic and fast, so a particle costs one twin
/// run however large the epidemic (a fit through July at full population takes about a minute on two
/// cores, where ABC on the agents took hours), and the filter uses the record sequentially, as it grows,
/// with a proper likelihood. What is approximated: the agents' own noise is not modelled (the twin gives
/// expectations), and within a province people mix as the twin's well-mixed provinces do; the negative
/// binomial's dispersion absorbs both.
public final class TwinParticleFilter {
    public let configuration: ModelConfiguration
    public let settings: TwinFilterSettings
    public let origin: SimDate
    public let originDay: Int
    public let horizon: Int
    let seed: UInt64
    let threads: Int
    let measures: [EpidemicRecord.Measure]
    /// The record's counts, by the day they end on.
    let incrementsEndingOn: [Int: [RecordIncrement]]
    let steppers: [MeanFieldStepper]
    var logFactor: [Double]
    /// `[particle][measure index]`: log of the negative binomial size of each recorded measure.
    var logSize: [[Double]]
    var logWeight: [Double]
    /// Filled by `filter()`: log of the record's marginal likelihood, and the effective sample size after each block.
    public private(set) var logEvidence = 0.0
    public private(set) var effectiveSizes: [Double] = []
    private var filtered = false

    /// `origin`: the last day of the record to use; the run goes on `horizon` days beyond it.
    public init(base: ModelConfiguration, record: EpidemicRecord, origin: SimDate, horizon: Int,
                settings: TwinFilterSettings = TwinFilterSettings(), seed: UInt64, threads: Int) {
        precondition(origin >= base.startDate, "the origin is before the scenario starts")
        precondition(horizon >= 0 && settings.particles > 0 && settings.blockDays > 0)
        var configuration = base
        configuration.endDate = origin.adding(days: horizon)
        self.configuration = configuration
        self.settings = settings
        self.origin = origin
        originDay = origin.days(since: base.startDate)
        self.horizon = horizon
        self.seed = seed
        self.threads = max(1, threads)
        measures = settings.measures
        let increments = record.increments(start: base.startDate, through: origin, measures: settings.measures)
        incrementsEndingOn = Dictionary(grouping: increments, by: \.lastDay)
        let model = MeanFieldModel(configuration: configuration)
        steppers = (0..<settings.particles).map { _ in MeanFieldStepper(model: model) }
        logFactor = [Double](repeating: 0, count: settings.particles)
        logSize = [[Double]](repeating: [Double](repeating: 0, count: settings.measures.count), count: settings.particles)
        logWeight = [Double](repeating: -log(Double(settings.particles)), count: settings.particles)
        for particle in 0..<settings.particles {
            var random = CounterRandom(seed: seed, purpose: .forecast, day: -1, subject: UInt64(particle))
            logFactor[particle] = settings.initialLogSD * random.standardNormal()
            for index in measures.indices {
                logSize[particle][index] = log(settings.sizePriorMedian) + settings.sizePriorLogSD * random.standardNormal()
            }
        }
    }

    public var particleCount: Int { steppers.count }

    /// Records count the real population; the twin, the simulated share of it (`populationScale`).
    var countScale: Double { 1 / configuration.populationScale }

    /// Runs the particles through the origin, weighting them by the record.
    public func filter() {
        guard !filtered else { return }
        filtered = true
        var start = 0, block = 0
        while start <= originDay {
            let end = min(start + settings.blockDays, originDay + 1)
            step(block: block, to: end, weigh: true)
            if effectiveSizes.last! < Double(particleCount) / 2 || end == originDay + 1 { resample(block: block) }
            start = end
            block += 1
        }
    }

    /// Takes every particle's walk step for `block` and advances it to day `end`; with `weigh`, updates
    /// the weights by the counts that end in the block.
    private func step(block: Int, to end: Int, weigh: Bool) {
        if block > 0 {
            for particle in 0..<particleCount {
                var random = CounterRandom(seed: seed, purpose: .forecast, day: block, subject: UInt64(particle))
                logFactor[particle] += settings.walkLogSD * random.standardNormal()
            }
        }
        for particle in 0..<particleCount { steppers[particle].transmissionFactor = exp(logFactor[particle]) }
        let steppers = self.steppers, logSize = self.logSize, measures = self.measures, toRecorded = countScale
        let counts = weigh ? (steppers[0].nextDay..<end).flatMap { incrementsEndingOn[$0] ?? [] } : []
        let logLikelihood = Parallel.map(count: particleCount, threads: threads) { particle -> Double in
            let stepper = steppers[particle]
            stepper.advance(to: end)
            var total = 0.0
            for count in counts {
                let index = measures.firstIndex(of: count.measure)!
                var expected = 0.0
                for day in count.firstDay...count.lastDay {
                    expected += TwinParticleFilter.expected(stepper, count.measure.simulated, day: day, region: count.region)
                }
                total += NegativeBinomial.logProbability(count.value, mean: expected * toRecorded,
                                                         size: exp(logSize[particle][index]))
            }
            return total
        }
        guard weigh else { return }
        let updated = zip(logWeight, logLikelihood).map { $0 + $1 }
        let top = updated.max() ?? 0
        let sum = updated.reduce(0) { $0 + exp($1 - top) }
        logEvidence += top + log(sum)
        logWeight = updated.map { $0 - top - log(sum) }
        let squares = logWeight.reduce(0) { $0 + exp(2 * $1) }
        effectiveSizes.append(1 / squares)
    }

    static func expected(_ stepper: MeanFieldStepper, _ measure: Measure, day: Int, region: EpidemicRecord.Region) -> Double {
        switch region {
        case .national: stepper.nationalExpected(measure, day: day)
        case .province(let index): stepper.expected(measure, day: day, province: index)
        }
    }

    /// Systematic resampling, then the Liu–West move of the sizes. Particles that survive stay in place;
    /// the copies of a particle go to the places of those that did not.
    private func resample(block: Int) {
        let n = particleCount
        var random = CounterRandom(seed: seed, purpose: .forecast, day: block, subject: UInt64.max)
        let offset = random.uniform()
        var ancestors = [Int](), cumulative = 0.0, particle = 0
        let weights = logWeight.map { exp($0) }
        for slot in 0..<n {
            let target = (Double(slot) + offset) / Double(n)
            while particle < n - 1 && cumulative + weights[particle] < target {
                cumulative += weights[particle]
                particle += 1
            }
            ancestors.append(particle)
        }
        // Keep each surviving particle where it is; send its extra copies to freed places.
        var copies = [Int](repeating: 0, count: n)
        for ancestor in ancestors { copies[ancestor] += 1 }
        var freed = (0..<n).filter { copies[$0] == 0 }
        var source = [Int](0..<n)
        for ancestor in 0..<n where copies[ancestor] > 1 {
            for _ in 1..<copies[ancestor] { source[freed.removeLast()] = ancestor }
        }
        let moves = (0..<n).filter { source[$0] != $0 }
        let steppers = self.steppers, from = source
        Parallel.forEach(tasks: moves.count, threads: threads) { task in
            let target = moves[task]
            steppers[target].adopt(steppers[from[target]])
        }

        // Liu–West on the log sizes, with the weighted moments before resampling.
        let a = settings.shrinkage, h = (1 - a * a).squareRoot()
        var moved = logSize
        for index in measures.indices {
            let mean = zip(weights, logSize).reduce(0) { $0 + $1.0 * $1.1[index] }
            let variance = zip(weights, logSize).reduce(0) { $0 + $1.0 * ($1.1[index] - mean) * ($1.1[index] - mean) }
            for target in 0..<n {
                var jitter = CounterRandom(seed: seed, purpose: .forecast, day: block,
                                           subject: UInt64(n + target * measures.count + index))
                let centre = a * logSize[source[target]][index] + (1 - a) * mean
                moved[target][index] = centre + h * variance.squareRoot() * jitter.standardNormal()
            }
        }
        logSize = moved
        logFactor = source.map { logFactor[$0] }
        logWeight = [Double](repeating: -log(Double(n)), count: n)
    }

    /// The particles' transmission factors and negative binomial sizes at the origin (after `filter()`).
    public var posterior: [(transmissionFactor: Double, sizes: [EpidemicRecord.Measure: Double])] {
        (0..<particleCount).map { particle in
            (exp(logFactor[particle]),
             Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0], exp(logSize[particle][$0])) }))
        }
    }

    /// Runs the filtered particles `horizon` days beyond the origin, the walk going on, and gives their
    /// quantiles (`TwinForecast`). Calls `filter()` first if it has not run.
    public func forecast(measures forecastMeasures: [Measure] = TwinForecast.defaultMeasures) -> TwinForecast {
        filter()
        var start = originDay + 1
        var block = (originDay + settings.blockDays) / settings.blockDays
        let last = originDay + horizon
        while start <= last {
            let end = min(start + settings.blockDays, last + 1)
            step(block: block, to: end, weigh: false)
            start = end
            block += 1
        }
        let sizes = (0..<particleCount).map { particle in
            Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0].simulated, exp(logSize[particle][$0])) })
        }
        return TwinForecast(steppers: steppers, sizes: sizes, origin: origin, originDay: originDay, horizon: horizon,
                            measures: forecastMeasures, provinceNames: configuration.provinces.map(\.name),
                            draws: settings.drawsPerParticle, countScale: countScale, seed: seed, threads: threads)
    }
}
