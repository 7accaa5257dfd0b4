import Foundation
import SarhadInference
import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

@Suite("Forecast: likelihood, record increments and the particle filter")
struct ForecastFilterTests {
    @Test("the negative binomial's probabilities sum to one with mean μ and variance μ + μ²/k")
    func negativeBinomialMoments() {
        for (mean, size) in [(3.0, 0.7), (40.0, 5.0), (200.0, 50.0)] {
            var total = 0.0, first = 0.0, second = 0.0
            for y in 0..<5_000 {
                let p = exp(NegativeBinomial.logProbability(Double(y), mean: mean, size: size))
                total += p
                first += p * Double(y)
                second += p * Double(y) * Double(y)
            }
            #expect(abs(total - 1) < 1e-9)
            #expect(abs(first - mean) < 1e-6 * mean)
            #expect(abs(second - first * first - (mean + mean * mean / size)) < 1e-6 * (mean + mean * mean / size))
        }
    }

    /// 20,000 draws: the sample mean's standard error is √(var/20,000), under 1 % of the mean here; the
    /// tolerance is 4 standard errors (false alarm about 1 in 16,000); the variance within 10 % (its
    /// standard error is about 2–4 % for these shapes).
    @Test("negative binomial draws have the law's mean and variance")
    func negativeBinomialDraws() {
        for (mean, size) in [(3.0, 0.7), (40.0, 5.0), (5_000.0, 20.0)] {
            var random = CounterRandom(seed: 3, purpose: .forecast, day: 0, subject: UInt64(mean))
            let draws = (0..<20_000).map { _ in NegativeBinomial.sample(mean: mean, size: size, &random) }
            let sampleMean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.reduce(0) { $0 + ($1 - sampleMean) * ($1 - sampleMean) } / Double(draws.count - 1)
            let expectedVariance = mean + mean * mean / size
            #expect(abs(sampleMean - mean) < 4 * (expectedVariance / 20_000).squareRoot(), "mean \(sampleMean) for \(mean)")
            #expect(abs(variance / expectedVariance - 1) < 0.1, "variance \(variance) for \(expectedVariance)")
        }
    }

    static func record(_ text: String, provinces: [String] = ["Herat", "Kabul"]) throws -> EpidemicRecord {
        try EpidemicRecord.parse(text: text, name: "test.csv", provinces: provinces)
    }

    @Test("totals on irregular dates become counts over the days between them; daily counts stay daily")
    func increments() throws {
        let record = try Self.record("""
            date,province,measure,value
            2020-03-01,national,confirmed_cumulative,4
            2020-03-04,national,confirmed_cumulative,10
            2020-03-05,national,confirmed_cumulative,11
            2020-03-02,national,recorded_deaths,1
            2020-03-03,national,recorded_deaths,0
            2020-03-09,national,confirmed_cumulative,30
            """)
        let start = SimDate(iso: "2020-02-28")!
        let made = record.increments(start: start, through: SimDate(iso: "2020-03-06")!, measures: [.confirmed, .recordedDeaths])
        #expect(made == [
            RecordIncrement(region: .national, measure: .confirmed, firstDay: 0, lastDay: 2, value: 4),
            RecordIncrement(region: .national, measure: .confirmed, firstDay: 3, lastDay: 5, value: 6),
            RecordIncrement(region: .national, measure: .confirmed, firstDay: 6, lastDay: 6, value: 1),
            RecordIncrement(region: .national, measure: .recordedDeaths, firstDay: 3, lastDay: 3, value: 1),
            RecordIncrement(region: .national, measure: .recordedDeaths, firstDay: 4, lastDay: 4, value: 0),
        ])
        // A total dated before the start only sets the level.
        let later = record.increments(start: SimDate(iso: "2020-03-03")!, through: SimDate(iso: "2020-03-09")!, measures: [.confirmed])
        #expect(later.first == RecordIncrement(region: .national, measure: .confirmed, firstDay: 0, lastDay: 1, value: 6))
        #expect(record.dailyCounts(.confirmed, in: .national) == [SimDate(iso: "2020-03-05")!: 1])
    }

    @Test("provinces replace the nation only when every province has the measure")
    func provincesOrNation() throws {
        let partial = try Self.record("""
            date,province,measure,value
            2020-03-01,national,confirmed,5
            2020-03-01,Herat,confirmed,3
            """)
        let start = SimDate(iso: "2020-03-01")!
        #expect(partial.increments(start: start, through: start, measures: [.confirmed]).map(\.region) == [.national])
        let complete = try Self.record("""
            date,province,measure,value
            2020-03-01,national,confirmed,5
            2020-03-01,Herat,confirmed,3
            2020-03-01,Kabul,confirmed_cumulative,2
            """)
        #expect(complete.increments(start: start, through: start, measures: [.confirmed]).map(\.region) == [.province(0), .province(1)])
    }

    @Test("a record written as a file reads back equal")
    func recordRoundTrip() throws {
        let record = try Self.record("""
            date,province,measure,value
            2020-03-02,Kabul,tests,12
            2020-03-01,national,confirmed_cumulative,4
            2020-03-01,Herat,recorded_deaths,0.5
            """)
        let reread = try Self.record(record.csv())
        #expect(reread.series.mapValues { $0.map { [$0.date.daysSinceEpoch, Int($0.value * 10)] } }
                == record.series.mapValues { $0.map { [$0.date.daysSinceEpoch, Int($0.value * 10)] } })
    }

    /// The well-mixed province with limited tests, run by the twin with a known factor on transmission:
    /// its expected counts, drawn negative binomially, are data the filter's model can produce exactly.
    static func twinTruth(factor: Double, deathsRecorded: Double = 1) throws -> (base: ModelConfiguration, record: EpidemicRecord) {
        let base = try ForecastBacktestTests.scenario(r0: 2.4, respond: false)
        let stepper = MeanFieldStepper(model: MeanFieldModel(configuration: base))
        stepper.transmissionFactor = factor
        stepper.advance(to: 90)
        var random = CounterRandom(seed: 8, purpose: .forecast, day: 0)
        var text = "date,province,measure,value\n"
        for day in 0..<90 {
            let date = base.startDate.adding(days: day)
            for (measure, name) in [(Measure.confirmed, "confirmed"), (.recordedDeaths, "recorded_deaths")] {
                let share = measure == .recordedDeaths ? deathsRecorded : 1
                let value = NegativeBinomial.sample(mean: share * stepper.nationalExpected(measure, day: day), size: 30, &random)
                text += "\(date),national,\(name),\(Int(value))\n"
            }
        }
        return (base, try Self.record(text, provinces: base.provinces.map(\.name)))
    }

    /// With data from the filter's own model (a constant factor of 1.25 on transmission, negative
    /// binomial size 30), the posterior of the factor at the origin must centre near the truth: its
    /// mean within 0.1 (the prior's standard deviation is about 0.5 on the log scale, so a filter that
    /// ignored the data would miss by far more), and the size of confirmed cases above 5.
    @Test("the filter recovers a transmission factor from data its own model made")
    func recoversFactor() throws {
        let (base, record) = try Self.twinTruth(factor: 1.25)
        var settings = TwinFilterSettings()
        settings.particles = 100
        let origin = base.startDate.adding(days: 89)
        let filter = TwinParticleFilter(base: base, record: record, lastOrigin: origin, horizon: 7, settings: settings, seed: 4, threads: 2)
        filter.filter(through: origin)
        let factors = filter.posterior.map(\.transmissionFactor)
        let mean = factors.reduce(0, +) / Double(factors.count)
        #expect(abs(mean - 1.25) < 0.1, "posterior mean factor \(mean)")
        let sizes = filter.posterior.map { $0.sizes[.confirmed]! }.sorted()
        #expect(sizes[sizes.count / 2] > 5, "median size \(sizes[sizes.count / 2])")
        #expect(filter.logEvidence.isFinite && filter.effectiveSizes.allSatisfy { $0 >= 1 && $0 <= 100.0001 })
    }

    @Test("forecasts do not depend on the number of threads")
    func threadIndependence() throws {
        let (base, record) = try Self.twinTruth(factor: 0.9)
        var settings = TwinFilterSettings()
        settings.particles = 40
        func forecast(threads: Int) -> TwinForecast {
            let origin = base.startDate.adding(days: 60)
            let filter = TwinParticleFilter(base: base, record: record, lastOrigin: origin, horizon: 14, settings: settings,
                                            seed: 9, threads: threads)
            filter.filter(through: origin)
            return filter.forecast()
        }
        let one = forecast(threads: 1), two = forecast(threads: 2)
        #expect(one.targets == two.targets)
        #expect(one.targets.allSatisfy { one.quantiles[$0] == two.quantiles[$0] })
        // The nation and its one province; days 1–14 and weeks 1–2 of each flow, days of beds needed.
        #expect(one.targets.count == 2 * (4 * (14 + 2) + 14))
    }

    /// Forecasting leaves the filter where it was: filtering on after a forecast gives the same particles
    /// as filtering straight through, and the forecast from an origin is the same whether or not the
    /// filter later goes further (it reads nothing after its origin).
    @Test("a forecast does not disturb the filter, and sees nothing after its origin")
    func forecastLeavesFilter() throws {
        let (base, record) = try Self.twinTruth(factor: 1.1)
        var settings = TwinFilterSettings()
        settings.particles = 30
        let first = base.startDate.adding(days: 45), second = base.startDate.adding(days: 70)
        let interrupted = TwinParticleFilter(base: base, record: record, lastOrigin: second, horizon: 10, settings: settings,
                                             seed: 2, threads: 2)
        interrupted.filter(through: first)
        let early = interrupted.forecast()
        interrupted.filter(through: second)
        let straight = TwinParticleFilter(base: base, record: record, lastOrigin: second, horizon: 10, settings: settings,
                                          seed: 2, threads: 2)
        straight.filter(through: first)
        straight.filter(through: second)
        #expect(interrupted.posterior.map(\.transmissionFactor) == straight.posterior.map(\.transmissionFactor))
        #expect(interrupted.logEvidence == straight.logEvidence)
        // The same origin with a record that changes only after it: the same forecast.
        let cut = TwinParticleFilter(base: base, record: record.truncated(through: first), lastOrigin: second, horizon: 10,
                                     settings: settings, seed: 2, threads: 1)
        cut.filter(through: first)
        let fromCut = cut.forecast()
        #expect(early.targets.allSatisfy { early.quantiles[$0] == fromCut.quantiles[$0] })
    }

    /// A serosurvey alone (no counts at all) of 3,000 people on days 70–76 of a twin run with factor 1.25:
    /// the share found positive pins the epidemic's size. With the walk switched off (a constant factor,
    /// as in the truth; with it, many paths give the same size) the factor's posterior must centre within
    /// 0.1 of the truth and be far narrower than the prior (log standard deviation 0.5).
    @Test("a serosurvey alone informs the transmission factor")
    func serosurveyInforms() throws {
        let base = try ForecastBacktestTests.scenario(r0: 2.4, respond: false)
        let truth = MeanFieldStepper(model: MeanFieldModel(configuration: base))
        truth.transmissionFactor = 1.25
        truth.advance(to: 80)
        let day = 73
        let apparent = truth.nationalExpected(.seropositive, day: day) / truth.nationalExpected(.residents, day: day)
        let survey = Serosurvey(start: base.startDate.adding(days: 70), end: base.startDate.adding(days: 76), region: .national,
                                ageMin: 0, ageMax: 120, sampled: 3_000, positive: Int((3_000 * apparent).rounded()),
                                sensitivity: nil, specificity: nil, line: 2)
        #expect(survey.positive > 100, "the survey must find something: \(survey.positive)")
        var settings = TwinFilterSettings()
        settings.particles = 100
        settings.walkLogSD = 0
        let origin = base.startDate.adding(days: 79)
        let filter = TwinParticleFilter(base: base, record: EpidemicRecord(provinceNames: base.provinces.map(\.name), series: [:]),
                                        serosurveys: [survey], lastOrigin: origin, horizon: 0, settings: settings, seed: 5, threads: 2)
        filter.filter(through: origin)
        let logs = filter.posterior.map { log($0.transmissionFactor) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let sd = (logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count)).squareRoot()
        #expect(abs(exp(mean) - 1.25) < 0.1, "posterior factor \(exp(mean))")
        #expect(sd < 0.2, "posterior log standard deviation \(sd)")
    }

    /// Data in which only 40 % of the twin's recorded deaths are recorded: with a recording multiplier
    /// free (prior log standard deviation 0.7, no walk), its posterior for deaths must centre within 25 %
    /// of 0.4 while the cases' stays near 1, and the transmission factor near the truth's 1.1.
    @Test("a recording multiplier learns what share of deaths is recorded")
    func learnsRecording() throws {
        let (base, record) = try Self.twinTruth(factor: 1.1, deathsRecorded: 0.4)
        var settings = TwinFilterSettings()
        settings.particles = 150
        settings.walkLogSD = 0
        settings.initialAscertainmentLogSD = 0.7
        let origin = base.startDate.adding(days: 89)
        let filter = TwinParticleFilter(base: base, record: record, lastOrigin: origin, horizon: 7, settings: settings, seed: 6, threads: 2)
        filter.filter(through: origin)
        func geometricMean(_ values: [Double]) -> Double { exp(values.map(log).reduce(0, +) / Double(values.count)) }
        let deaths = geometricMean(filter.posterior.map { $0.recording[.recordedDeaths]! })
        let cases = geometricMean(filter.posterior.map { $0.recording[.confirmed]! })
        let factor = geometricMean(filter.posterior.map(\.transmissionFactor))
        #expect(abs(deaths / 0.4 - 1) < 0.25, "deaths recorded \(deaths)")
        #expect(abs(cases - 1) < 0.25, "cases recorded \(cases)")
        #expect(abs(factor - 1.1) < 0.1, "factor \(factor)")
    }
}
