import Foundation
import Testing
@testable import SarhadModel

@Suite("Individual contact activity")
struct ContactActivityTests {
    @Test("the regularised incomplete gamma function matches closed forms")
    func incompleteGamma() {
        for x in [0.01, 0.3, 1.0, 2.5, 7.0, 30.0] {
            #expect(abs(GammaClasses.regularizedLowerGamma(1, x) - (1 - exp(-x))) < 1e-13, "P(1, \(x))")
            #expect(abs(GammaClasses.regularizedLowerGamma(0.5, x) - erf(x.squareRoot())) < 1e-13, "P(1/2, \(x))")
            // P(2, x) = 1 − (1 + x) e^(−x)
            #expect(abs(GammaClasses.regularizedLowerGamma(2, x) - (1 - (1 + x) * exp(-x))) < 1e-13, "P(2, \(x))")
        }
        // The median of an exponential with mean 1 is ln 2.
        #expect(abs(GammaClasses.quantile(probability: 0.5, shape: 1) - log(2)) < 1e-12)
    }

    @Test("class means average exactly 1, increase, and their variance approaches 1/k", arguments: [0.5, 2.0, 8.0])
    func classMeans(shape: Double) {
        for classes in [2, 4, 8] {
            let levels = GammaClasses.means(shape: shape, classes: classes)
            #expect(levels.count == classes)
            #expect(abs(levels.reduce(0, +) / Double(classes) - 1) < 1e-10, "k \(shape), C \(classes): mean \(levels)")
            #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 })
        }
        // Conditional means lose only the within-class variance: with 256 classes, under 3 % of 1/k.
        let fine = GammaClasses.means(shape: shape, classes: 256)
        let variance = fine.map { ($0 - 1) * ($0 - 1) }.reduce(0, +) / 256
        #expect(abs(variance * shape - 1) < 0.03, "k \(shape): variance \(variance), expected \(1 / shape)")
    }

    @Test("without classes the next-generation matrix and β are exactly today's")
    func uniformActivityKeepsBeta() {
        let configuration = TestConfigurations.twoProvinces()
        let plain = TransmissionCalibration.transmissionProbability(disease: configuration.disease, contacts: configuration.contacts)
        let single = TransmissionCalibration.transmissionProbability(disease: configuration.disease, contacts: configuration.contacts,
                                                                     activityLevels: [1])
        #expect(plain == single)
        // Two classes of activity 1 give the same R0 through the multitype matrix (up to rounding).
        let alike = TransmissionCalibration.transmissionProbability(disease: configuration.disease, contacts: configuration.contacts,
                                                                    activityLevels: [1, 1])
        #expect(abs(alike / plain - 1) < 1e-9)
    }

    /// One well-mixed province with only community contacts: an agent of activity w is met w times as
    /// often and meets w times as many. With β fixed by R0 over the classes, the share escaping in class
    /// c is e^(−w_c Φ), where Φ = R0 / E[w²] · E[w (1 − e^(−wΦ))] (Diekmann & Heesterbeek 2000, the
    /// multitype final-size equation for proportionate mixing). 20,000 agents: the attack rate's
    /// sampling SD is under 0.005; tolerance 0.02 (4 SD), false alarm below 1e-4.
    @Test("heterogeneous activity gives the multitype final size, below the homogeneous one", arguments: [1.8, 2.5, 4.0])
    func finalSize(r0: Double) {
        var configuration = TestConfigurations.wellMixed(residents: 20_000, r0: r0)
        configuration.contactActivity = ContactActivityParameters(enabled: true, gammaShape: 2, classes: 4)
        let result = Simulation(configuration: configuration, seed: 42, threads: 2).run()
        let attackRate = Double(result.total(.infections)) / 20_000
        let levels = configuration.contactActivity.levels
        let expected = MultitypeFinalSize.attackRate(r0: r0, levels: levels)
        #expect(abs(attackRate - expected) < 0.02, "R0 \(r0): attack rate \(attackRate), multitype final size \(expected)")
        // The effect is real at this size: the homogeneous final size lies well outside the tolerance.
        #expect(SarhadModelTests.finalSize(r0: r0) - expected > 0.04)
        // Four classes keep most of the gamma's variance, not all: the continuous gamma's final size
        // (MODEL.md §6b's table) is a little lower still.
        #expect(HeterogeneousFinalSize.gamma(r0: r0, shape: 2) < expected)
        #expect(expected - HeterogeneousFinalSize.gamma(r0: r0, shape: 2) < 0.05)
    }

    @Test("each class escapes with e^(−wΦ): the well-connected are infected far more often")
    func activeInfectedEarly() {
        var configuration = TestConfigurations.wellMixed(residents: 20_000, r0: 2.5)
        configuration.contactActivity = ContactActivityParameters(enabled: true, gammaShape: 2, classes: 4)
        let simulation = Simulation(configuration: configuration, seed: 7, threads: 1)
        _ = simulation.run()
        // Everyone who was infected by the end, by class: the most active class's attack rate exceeds the
        // least active's, as e^(−w Φ) says (w₄ Φ ≫ w₁ Φ); with 5,000 per class a difference of 0.2 is
        // many sampling SDs (each share's SD < 0.007).
        let population = simulation.population
        var infected = [Int](repeating: 0, count: 4), members = [Int](repeating: 0, count: 4)
        for agent in 0..<population.count {
            let activity = Int(population.activityClass[agent])
            members[activity] += 1
            if population.state[agent] != InfectionState.susceptible.rawValue { infected[activity] += 1 }
        }
        let shares = (0..<4).map { Double(infected[$0]) / Double(members[$0]) }
        let levels = configuration.contactActivity.levels
        let phi = MultitypeFinalSize.cumulativeHazard(r0: 2.5, levels: levels)
        for activity in 0..<4 {
            let expected = 1 - exp(-levels[activity] * phi)
            #expect(abs(shares[activity] - expected) < 0.03, "class \(activity): \(shares[activity]) vs \(expected)")
        }
        #expect(shares[3] - shares[0] > 0.2, "\(shares)")
    }

    @Test("the same seed gives the same bytes with 1 and 2 threads when activity differs")
    func deterministic() {
        var configuration = TestConfigurations.twoProvinces()
        configuration.contactActivity = ContactActivityParameters(enabled: true, gammaShape: 1, classes: 6)
        let one = Simulation(configuration: configuration, seed: 3, threads: 1).run()
        let two = Simulation(configuration: configuration, seed: 3, threads: 2).run()
        #expect(one.values == two.values)
    }
}

/// The continuous gamma's final size, for comparison with the engine's classes (docs/MODEL.md §6b).
enum HeterogeneousFinalSize {
    /// The continuous gamma (shape k): Φ = R0 / (1 + 1/k) · (1 − (1 + Φ/k)^(−k−1)), z = 1 − (1 + Φ/k)^(−k).
    static func gamma(r0: Double, shape k: Double) -> Double {
        let gap = { (phi: Double) in r0 / (1 + 1 / k) * (1 - pow(1 + phi / k, -k - 1)) - phi }
        var low = 1e-9, high = 1_000.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if gap(middle) > 0 { low = middle } else { high = middle }
        }
        return 1 - pow(1 + (low + high) / 2 / k, -k)
    }
}
