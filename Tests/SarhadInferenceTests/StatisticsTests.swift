import Foundation
import SarhadInference
import SarhadModel
import Testing

@Suite("Statistics and ensembles")
struct StatisticsTests {
    @Test("quantiles interpolate between order statistics like R's type 7")
    func quantiles() {
        let values = [4.0, 1, 3, 2, 5]
        #expect(Quantile.of(values, levels: [0, 0.25, 0.5, 0.975, 1]) == [1, 2, 3, 4.9, 5])
        #expect(Quantile.of([7], levels: [0.025, 0.975]) == [7, 7])
    }

    @Test("normal and t quantiles match tables")
    func distributionQuantiles() {
        #expect(abs(Statistics.normalQuantile(0.975) - 1.959964) < 1e-5)
        #expect(abs(Statistics.normalQuantile(0.0005) + 3.290527) < 1e-5)
        #expect(abs(Statistics.tQuantile(0.975, degreesOfFreedom: 10) - 2.228) < 0.01)
        #expect(abs(Statistics.tQuantile(0.9995, degreesOfFreedom: 9) - 4.781) < 0.08)
        #expect(abs(Statistics.chiSquareUpperTail(18.307, degreesOfFreedom: 10) - 0.05) < 0.002)
    }

    @Test("replicate seeds depend on the base seed and the index only; replicate 0 is the plain run")
    func replicateSeeds() {
        #expect(ReplicateSeeds.seed(base: 42, replicate: 0) == 42)
        let seeds = (0..<1000).map { ReplicateSeeds.seed(base: 42, replicate: $0) }
        #expect(Set(seeds).count == 1000)
        #expect(ReplicateSeeds.seed(base: 43, replicate: 5) != ReplicateSeeds.seed(base: 42, replicate: 5))
    }

    @Test("an ensemble gives the same replicates with 1 or 2 threads, in index order")
    func ensembleDeterminism() throws {
        var configuration = ValidationScenarios.wellMixed(try SarhadScenarioFixture.base(), r0: 2.5, residents: 5000, days: 60)
        configuration.name = "ensemble test"
        let ensemble = Ensemble(configuration: configuration, baseSeed: 7)
        let one = ensemble.run(replicates: 3, threads: 1)
        let two = ensemble.run(replicates: 3, threads: 2)
        #expect(one.map(\.values) == two.map(\.values))
        #expect(one.map(\.seed) == (0..<3).map { ReplicateSeeds.seed(base: 7, replicate: $0) })
        #expect(one[1].values == ensemble.replicate(1).values)
        let quantiles = EnsembleQuantiles(one)
        let day = 30
        let sample = one.map { Double($0.national(day: day, measure: .infections)) }
        #expect(quantiles.value(day: day, province: nil, measure: .infections, level: 2) == Quantile.of(sample, levels: [0.5])[0])
    }
}
