import Foundation
import Testing
@testable import SarhadModel

@Suite("Counter-based random numbers")
struct RandomTests {
    @Test("a stream is a pure function of its key")
    func streamsAreKeyed() {
        var a = CounterRandom(seed: 7, purpose: .transmission, day: 3, subject: 99)
        var b = CounterRandom(seed: 7, purpose: .transmission, day: 3, subject: 99)
        var c = CounterRandom(seed: 7, purpose: .transmission, day: 4, subject: 99)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    /// Mean of 200,000 uniforms: standard error 0.000645; tolerance 5 SE (false alarm < 1e-6).
    @Test("uniform draws have mean 1/2")
    func uniformMean() {
        var random = CounterRandom(seed: 1, purpose: .seeding)
        let n = 200_000
        let mean = (0..<n).reduce(0.0) { sum, _ in sum + random.uniform() } / Double(n)
        #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
    }

    /// Poisson(λ) sample means over 100,000 draws within 5 standard errors; both code paths.
    @Test("Poisson draws have the right mean", arguments: [0.3, 3.0, 40.0])
    func poissonMean(lambda: Double) {
        var random = CounterRandom(seed: 2, purpose: .seeding, subject: UInt64(lambda * 10))
        let n = 100_000
        let total = (0..<n).reduce(0) { sum, _ in sum + random.poisson(lambda) }
        let mean = Double(total) / Double(n)
        #expect(abs(mean - lambda) < 5 * (lambda / Double(n)).squareRoot())
        if lambda < 24 {
            var fast = CounterRandom(seed: 2, purpose: .seeding, subject: UInt64(lambda * 10))
            #expect((0..<1000).map { _ in fast.poisson(zeroProbability: exp(-lambda)) }.reduce(0, +) > 0)
        }
    }

    /// Binomial(n, p) means over 20,000 draws within 5 standard errors; small-n and skipping paths.
    @Test("binomial draws have the right mean", arguments: [(10, 0.3), (5000, 0.02), (200, 0.9)])
    func binomialMean(n: Int, p: Double) {
        var random = CounterRandom(seed: 3, purpose: .seeding, subject: UInt64(n))
        let draws = 20_000
        let total = (0..<draws).reduce(0) { sum, _ in sum + random.binomial(n, p) }
        let mean = Double(total) / Double(draws)
        let se = (Double(n) * p * (1 - p) / Double(draws)).squareRoot()
        #expect(abs(mean - Double(n) * p) < 5 * se)
    }

    @Test("the inverse normal matches known quantiles")
    func inverseNormal() {
        #expect(abs(InverseNormal.quantile(0.5)) < 1e-9)
        #expect(abs(InverseNormal.quantile(0.975) - 1.959963985) < 1e-6)
        #expect(abs(InverseNormal.quantile(0.001) + 3.090232306) < 1e-6)
    }

    /// Mean of 50,000 lognormal day counts within 3 % of the target (rounding to days adds < 0.5 %).
    @Test("lognormal durations have the configured mean")
    func lognormalMean() {
        let distribution = DurationDistribution(mean: 6.6, standardDeviation: 4.9)
        var total = 0
        for subject in 0..<50_000 {
            var random = CounterRandom(seed: 4, purpose: .durationMild, subject: UInt64(subject))
            total += distribution.sampleDays(&random, minimum: 0)
        }
        #expect(abs(Double(total) / 50_000 - 6.6) < 0.2)
    }

    @Test("radix sort agrees with the standard sort")
    func radixSort() {
        var random = CounterRandom(seed: 5, purpose: .seeding)
        var values = (0..<100_000).map { _ in UInt32(truncatingIfNeeded: random.next() >> 38) }
        var scratch = [UInt32]()
        let expected = values.sorted()
        RadixSort.sort(&values, scratch: &scratch)
        #expect(values == expected)
    }
}
