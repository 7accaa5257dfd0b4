import SarhadInference
import SarhadMeanField
import Testing
@testable import SarhadModel

/// The inference's parallel work — particles stepped and copied on several threads, calibration
/// particles simulated side by side, replicates of an ensemble — gives the same numbers on one thread
/// as on two. These live with the engine's tests, on the in-code configurations, because the sanitizer
/// builds (scripts/sanitize) build only the engine, the twin and the inference (no TOML parser): here
/// Thread Sanitizer sees the threads these tests start.
@Suite("Inference on several threads")
struct InferenceThreadTests {
    /// Two provinces with every mechanism on, small enough for a sanitizer build.
    static let base = TestConfigurations.twoProvinces(residents: 20_000, days: 70)

    @Test("the particle filter's posterior and forecast are the same on one thread and on two")
    func particleFilter() {
        let record = EpidemicRecord(run: Simulation(configuration: Self.base, seed: 11, threads: 2).run())
        var settings = TwinFilterSettings()
        settings.particles = 24
        let origin = Self.base.startDate.adding(days: 49)
        func forecast(threads: Int) -> (TwinForecast, Double, [Double]) {
            let filter = TwinParticleFilter(base: Self.base, record: record, lastOrigin: origin, horizon: 14, settings: settings,
                                            seed: 3, threads: threads)
            filter.filter(through: origin)
            return (filter.forecast(), filter.logEvidence, filter.posterior.map(\.transmissionFactor))
        }
        let one = forecast(threads: 1), two = forecast(threads: 2)
        #expect(one.1.isFinite && one.1 == two.1, "log evidence \(one.1) against \(two.1)")
        #expect(one.2 == two.2)
        #expect(!one.0.targets.isEmpty && one.0.targets == two.0.targets)
        #expect(one.0.targets.allSatisfy { one.0.quantiles[$0] == two.0.quantiles[$0] })
    }

    @Test("a calibration's generations are the same on one thread and on two")
    func calibration() {
        var base = Self.base
        base.endDate = base.startDate.adding(days: 59)
        let reported = CoverageCheck.syntheticRecord(Simulation(configuration: base, seed: 5, threads: 2).run())
        let space = ParameterSpace([(.r0, Prior(.uniform, 1.6, 3.2))])
        let settings = ABCSMC.Settings(particles: 6, generations: 2)
        let one = ABCSMC(base: base, space: space, reported: reported, settings: settings, seed: 7, threads: 1).run(threads: 1)
        let two = ABCSMC(base: base, space: space, reported: reported, settings: settings, seed: 7, threads: 2).run(threads: 2)
        #expect(one.count == 2 && one.last?.posterior == two.last?.posterior)
        #expect(one.map(\.attempts) == two.map(\.attempts))
    }

    @Test("an ensemble's replicates run side by side give what they give one at a time")
    func ensemble() {
        let ensemble = Ensemble(configuration: Self.base, baseSeed: 21)
        let together = ensemble.run(replicates: 3, threads: 2)
        let alone = (0..<3).map { ensemble.replicate($0, threads: 1) }
        #expect(together.map { $0.total(.infections) } == alone.map { $0.total(.infections) })
        #expect(together.map { $0.total(.deaths) } == alone.map { $0.total(.deaths) })
    }
}
