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
    /// Whether provincial series are fitted where every province has one (otherwise only the nation's).
    /// With one national transmission factor, provincial counts pull it towards whatever spreads the
    /// cases across provinces best, which the twin's well-mixed provinces may do differently from the truth.
    public var fitProvinces = true
    /// How far the share of each recorded measure that gets recorded may differ from the scenario's:
    /// the prior standard deviation of its log multiplier on day 0, and the weekly step of its random
    /// walk (0 and 0: the scenario's recording exactly). Ministries' recording drifts (more deaths
    /// certified, a backlog cleared), and the twin's recording is itself an approximation of the agents'.
    public var initialAscertainmentLogSD = 0.0
    public var ascertainmentWalkLogSD = 0.0

    public init() {}
}

/// Fits the twin to a record by a bootstrap particle filter and forecasts from what it learned.
///
/// The model: the scenario as written, with one unknown more, a national transmission factor on every
/// contact layer that follows a random walk on the log scale in steps of `blockDays`, and a recorded
/// count over any run of days is negative binomial around the twin's expected count, with a size per
/// measure that the filter learns (Liu–West kernel), optionally times a recording multiplier per
/// measure with its own random walk; a serosurvey's positives are binomial (`SerosurveyLikelihood`). Each particle is a twin run; at each block the
/// particles take their walk step, advance, are weighted by the record's counts that end in the block,
/// and are resampled (systematically) when the effective sample size falls below half, and at every
/// origin. The particles' mean weight per block multiplies up to the marginal likelihood of the record.
///
/// The filter moves forward only: `filter(through:)` takes it to an origin, `forecast(horizon:)` runs
/// copies of the particles beyond it and leaves the filter where it was, so a backtest fits once through
/// the record and forecasts from each origin on the way, each from the record up to that origin alone.
///
/// Why a particle filter on the twin: the twin is deterministic and fast, so a particle costs one twin
/// run however large the epidemic (a fit through July at full population and a 4-week forecast take
/// under two minutes on two cores, where ABC on the agents took hours), and the filter uses the record
/// sequentially, as it grows,
/// with a proper likelihood. What is approximated: the agents' own noise is not modelled (the twin gives
/// expectations), and within a province people mix as the twin's well-mixed provinces do; the negative
/// binomial's dispersion absorbs both.
public final class TwinParticleFilter {
    public let configuration: ModelConfiguration
    public let settings: TwinFilterSettings
    /// The last origin the filter may reach, and the days beyond it a forecast may run.
    public let lastOrigin: SimDate
    public let horizon: Int
    let seed: UInt64
    let threads: Int
    var measures: [EpidemicRecord.Measure] { settings.measures }
    /// The record's counts, by the day they end on.
    let incrementsEndingOn: [Int: [RecordIncrement]]
    /// Serosurveys, by the day they end on (they are known from then).
    let surveysEndingOn: [Int: [SerosurveyLikelihood]]
    let steppers: [MeanFieldStepper]
    /// Copies of the particles that forecasts run on, made on first use.
    private var forecastSteppers: [MeanFieldStepper] = []
    var logFactor: [Double]
    /// `[particle][measure index]`: log of the negative binomial size of each recorded measure.
    var logSize: [[Double]]
    /// `[particle][measure index]`: log of the multiplier on the twin's expected recorded counts.
    var logAscertainment: [[Double]]
    var logWeight: [Double]
    /// Log of the marginal likelihood of the record so far, and the effective sample size after each block.
    public private(set) var logEvidence = 0.0
    public private(set) var effectiveSizes: [Double] = []
    /// The first day not yet filtered, and the blocks taken so far.
    private var filteredDays = 0
    private var blocks = 0

    /// `lastOrigin`: the last day of the record the filter may use; forecasts run up to `horizon` days
    /// beyond an origin. Observations after `lastOrigin` are never read; a serosurvey counts from the day
    /// it ended.
    public init(base: ModelConfiguration, record: EpidemicRecord, serosurveys: [Serosurvey] = [], lastOrigin: SimDate,
                horizon: Int, settings: TwinFilterSettings = TwinFilterSettings(), seed: UInt64, threads: Int) {
        precondition(lastOrigin >= base.startDate, "the origin is before the scenario starts")
        precondition(horizon >= 0 && settings.particles > 0 && settings.blockDays > 0)
        var configuration = base
        configuration.endDate = lastOrigin.adding(days: horizon)
        self.configuration = configuration
        self.settings = settings
        self.lastOrigin = lastOrigin
        self.horizon = horizon
        self.seed = seed
        self.threads = max(1, threads)
        let increments = record.increments(start: base.startDate, through: lastOrigin, measures: settings.measures,
                                           provinces: settings.fitProvinces)
        incrementsEndingOn = Dictionary(grouping: increments, by: \.lastDay)
        let surveys = serosurveys.filter { $0.end <= lastOrigin && $0.start >= base.startDate }
            .map { SerosurveyLikelihood($0, start: base.startDate, assay: base.observation.serology) }
        surveysEndingOn = Dictionary(grouping: surveys) { $0.survey.end.days(since: base.startDate) }
        let model = MeanFieldModel(configuration: configuration)
        steppers = (0..<settings.particles).map { _ in MeanFieldStepper(model: model) }
        logFactor = [Double](repeating: 0, count: settings.particles)
        logSize = [[Double]](repeating: [Double](repeating: 0, count: settings.measures.count), count: settings.particles)
        logWeight = [Double](repeating: -log(Double(settings.particles)), count: settings.particles)
        logAscertainment = (0..<settings.particles).map { particle in
            var random = CounterRandom(seed: seed, purpose: .forecast, day: -3, subject: UInt64(particle))
            return settings.measures.map { _ in settings.initialAscertainmentLogSD * random.standardNormal() }
        }
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

    /// The day the filter has reached: the last day of the record it has used.
    public var origin: SimDate { configuration.startDate.adding(days: filteredDays - 1) }

    /// Runs the particles on through `date` (at most `lastOrigin`), weighting them by the record, and
    /// resamples there so that the particles stand for the posterior at that date with equal weights.
    public func filter(through date: SimDate) {
        let end = min(date, lastOrigin).days(since: configuration.startDate) + 1
        while filteredDays < end {
            // Blocks keep to the calendar of multiples of `blockDays`, cut short at the origin.
            let blockEnd = min((filteredDays / settings.blockDays + 1) * settings.blockDays, end)
            let logLikelihood = advance(steppers, factors: &logFactor, ascertainment: &logAscertainment,
                                        walkStream: (seed, blocks), to: blockEnd, weighingFrom: filteredDays)
            weigh(logLikelihood)
            filteredDays = blockEnd
            if effectiveSizes.last! < Double(particleCount) / 2 || filteredDays == end { resample(block: blocks) }
            blocks += 1
        }
    }

    /// Each particle's walk step (none before the first block), then its twin advanced to day `end`; with
    /// `weighingFrom`, the log-likelihood of the record's counts that end on days from it up to `end`.
    private func advance(_ runs: [MeanFieldStepper], factors: inout [Double], ascertainment: inout [[Double]],
                         walkStream: (seed: UInt64, block: Int), to end: Int, weighingFrom: Int?) -> [Double] {
        if walkStream.block > 0 || weighingFrom == nil {
            // A block cut short (at an origin) takes a step in proportion: the walk's variance grows with
            // time, not with the number of blocks.
            let blocks = (Double(end - runs[0].nextDay) / Double(settings.blockDays)).squareRoot()
            let step = settings.walkLogSD * blocks, recordingStep = settings.ascertainmentWalkLogSD * blocks
            for particle in 0..<factors.count {
                var random = CounterRandom(seed: walkStream.seed, purpose: .forecast, day: walkStream.block,
                                           subject: UInt64(particle))
                factors[particle] += step * random.standardNormal()
                if recordingStep > 0 {
                    var recording = CounterRandom(seed: walkStream.seed ^ 0xA5CE_27A1, purpose: .forecast, day: walkStream.block,
                                                  subject: UInt64(particle))
                    for index in ascertainment[particle].indices { ascertainment[particle][index] += recordingStep * recording.standardNormal() }
                }
            }
        }
        for particle in 0..<runs.count { runs[particle].transmissionFactor = exp(factors[particle]) }
        let logSize = self.logSize, measures = self.measures, toRecorded = countScale, recording = ascertainment
        let counts = weighingFrom.map { start in (start..<end).flatMap { incrementsEndingOn[$0] ?? [] } } ?? []
        let measureIndex = counts.map { measures.firstIndex(of: $0.measure)! }
        let surveys = weighingFrom.map { start in (start..<end).flatMap { surveysEndingOn[$0] ?? [] } } ?? []
        return Parallel.map(count: runs.count, threads: threads) { particle -> Double in
            let stepper = runs[particle]
            stepper.advance(to: end)
            var total = 0.0
            for (count, index) in zip(counts, measureIndex) {
                var expected = 0.0
                for day in count.firstDay...count.lastDay {
                    expected += TwinParticleFilter.expected(stepper, count.measure.simulated, day: day, region: count.region)
                }
                total += NegativeBinomial.logProbability(count.value, mean: expected * toRecorded * exp(recording[particle][index]),
                                                         size: exp(logSize[particle][index]))
            }
            for survey in surveys { total += survey.logLikelihood(stepper) }
            return total
        }
    }

    private func weigh(_ logLikelihood: [Double]) {
        let updated = zip(logWeight, logLikelihood).map { $0 + $1 }
        let top = updated.max() ?? 0
        let sum = updated.reduce(0) { $0 + exp($1 - top) }
        logEvidence += top + log(sum)
        logWeight = updated.map { $0 - top - log(sum) }
        effectiveSizes.append(1 / logWeight.reduce(0) { $0 + exp(2 * $1) })
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
        logAscertainment = source.map { logAscertainment[$0] }
        logWeight = [Double](repeating: -log(Double(n)), count: n)
    }

    /// The particles' transmission factors, negative binomial sizes and recording multipliers at the origin reached.
    public var posterior: [(transmissionFactor: Double, sizes: [EpidemicRecord.Measure: Double],
                            recording: [EpidemicRecord.Measure: Double])] {
        (0..<particleCount).map { particle in
            (exp(logFactor[particle]),
             Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0], exp(logSize[particle][$0])) }),
             Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0], exp(logAscertainment[particle][$0])) }))
        }
    }

    /// Runs copies of the particles `horizon` days (at most the filter's) beyond the origin reached, the
    /// walk going on, and gives their quantiles (`TwinForecast`). The filter itself stays at its origin.
    public func forecast(horizon days: Int? = nil, measures forecastMeasures: [Measure] = TwinForecast.defaultMeasures) -> TwinForecast {
        precondition(filteredDays > 0, "filter(through:) first")
        let horizon = min(days ?? self.horizon, self.horizon)
        if forecastSteppers.isEmpty {
            let model = steppers[0].model
            forecastSteppers = (0..<particleCount).map { _ in MeanFieldStepper(model: model) }
        }
        let runs = forecastSteppers, sources = steppers
        Parallel.forEach(tasks: runs.count, threads: threads) { runs[$0].adopt(sources[$0]) }
        // Each origin's forecast draws from its own streams.
        let originDay = filteredDays - 1
        let forecastSeed = CounterRandom.mix(seed ^ (0xF0CA57 &+ UInt64(originDay)))
        var factors = logFactor, recording = logAscertainment, start = filteredDays, block = 0
        // recorded[particle][measure][day ahead]: the multiplier on the expected recorded count.
        var recorded = [[[Double]]](repeating: [[Double]](repeating: [], count: measures.count), count: particleCount)
        while start <= originDay + horizon {
            let end = min(start + settings.blockDays, originDay + horizon + 1)
            _ = advance(runs, factors: &factors, ascertainment: &recording, walkStream: (forecastSeed, block), to: end,
                        weighingFrom: nil)
            for particle in 0..<particleCount {
                for index in measures.indices {
                    recorded[particle][index] += [Double](repeating: exp(recording[particle][index]), count: end - start)
                }
            }
            start = end
            block += 1
        }
        let sizes = (0..<particleCount).map { particle in
            Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0].simulated, exp(logSize[particle][$0])) })
        }
        let multipliers = (0..<particleCount).map { particle in
            Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0].simulated, recorded[particle][$0]) })
        }
        return TwinForecast(steppers: runs, sizes: sizes, recording: multipliers, origin: origin, originDay: originDay, horizon: horizon,
                            measures: forecastMeasures, provinceNames: configuration.provinces.map(\.name),
                            draws: settings.drawsPerParticle, countScale: countScale, seed: forecastSeed, threads: threads)
    }
}
