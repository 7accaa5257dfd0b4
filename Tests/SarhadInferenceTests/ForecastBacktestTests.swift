import Foundation
import SarhadInference
import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

@Suite("Forecast backtest on synthetic truth")
struct ForecastBacktestTests {
    /// One well-mixed province of 200,000 with limited tests. The truth differs from the model it is
    /// fitted with in two ways: R0 is hidden (drawn from 1.8–3.0; the model says 2.4), and people respond
    /// to deaths (the behaviour response), which the fitted model lacks: the misspecified case.
    static func scenario(r0: Double, respond: Bool) throws -> ModelConfiguration {
        var c = ValidationScenarios.wellMixed(try AfghanistanDefaults.configuration(), r0: r0, residents: 200_000,
                                              days: 200, seeds: 10)
        c.observation.initialTestsPerDay = 150
        c.behaviour = respond ? BehaviourParameters(enabled: true, windowDays: 14, halfEffectDeathsPer100k: 2, floor: 0.5) : .off
        return c
    }

    @Test("explore")
    func explore() throws {
        let model = try Self.scenario(r0: 2.4, respond: false)
        var coverage = [Backtest.Row]()
        for trial in 0..<4 {
            var random = CounterRandom(seed: 99, purpose: .calibration, day: trial)
            let r0 = 1.8 + 1.2 * random.uniform()
            let truth = Simulation(configuration: try Self.scenario(r0: r0, respond: true), seed: UInt64(100 + trial), threads: 2).run()
            let record = EpidemicRecord(run: truth)
            let origins = [40, 60, 80, 100, 120].map { truth.date(ofDay: $0) }
            let clock = ContinuousClock(), start = clock.now
            var settings = TwinFilterSettings()
            settings.sizePriorMedian = Double(ProcessInfo.processInfo.environment["KMED"] ?? "10")!
            settings.sizePriorLogSD = Double(ProcessInfo.processInfo.environment["KSD"] ?? "1")!
            settings.walkLogSD = Double(ProcessInfo.processInfo.environment["WALK"] ?? "0.1")!
            let backtest = Backtest.run(base: model, record: record, origins: origins, horizon: 28, settings: settings, seed: UInt64(trial), threads: 2)
            let rows = backtest.rows.filter { $0.target.region == .national }
            coverage += rows
            let s = Backtest.summary(rows)
            print("trial \(trial) r0 \(r0): \(clock.now - start) n \(s.count) cov50 \(s.coverage50) cov90 \(s.coverage90) rel \(s.relativeScore ?? -1)")
            for measure in [Measure.confirmed, .recordedDeaths] {
                for period in [ForecastTarget.Period.day, .week] {
                    let m = Backtest.summary(rows.filter { $0.target.measure == measure && $0.target.period == period })
                    print("   \(measure) \(period): cov50 \(m.coverage50) cov90 \(m.coverage90) rel \(m.relativeScore ?? -1)")
                }
            }
        }
        let s = Backtest.summary(coverage)
        print("ALL n \(s.count) cov50 \(s.coverage50) cov90 \(s.coverage90) rel \(s.relativeScore ?? -1)")
    }
}
