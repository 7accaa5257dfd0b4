import Foundation
import Testing
@testable import SarhadModel

@Suite("Urban and rural contacts")
struct UrbanRuralTests {
    static let parameters = UrbanRuralParameters(enabled: true, urbanShare: [0.9, 0.1, 0.0],
                                                 urbanContactsPerDay: [5.6, 1.1, 6.7], ruralContactsPerDay: [2.3, 1.2, 6.9])

    @Test("factors follow the urban share, average 1 over the population, and leave home and settings alone")
    func factors() {
        let weights = [1.0, 3.0, 0.5]
        let multipliers = Self.parameters.baselineMultipliers(populationWeights: weights)
        for (slot, layer) in UrbanRuralParameters.layers.enumerated() {
            let row = multipliers[layer.rawValue]
            let mean = zip(row, weights).map { $0 * $1 }.reduce(0, +) / weights.reduce(0, +)
            #expect(abs(mean - 1) < 1e-12, "\(layer): population-weighted mean \(mean)")
            let urbanMore = Self.parameters.urbanContactsPerDay[slot] > Self.parameters.ruralContactsPerDay[slot]
            #expect((row[0] > row[1]) == urbanMore && (row[1] > row[2]) == urbanMore, "\(layer): \(row)")
        }
        for layer in [ContactLayer.household, .idpSettlement, .prison, .healthFacility] {
            #expect(multipliers[layer.rawValue] == [1, 1, 1])
        }
        #expect(UrbanRuralParameters.off.baselineMultipliers(populationWeights: weights).allSatisfy { $0 == [1, 1, 1] })
    }

    /// Two equal, uncoupled provinces seeded alike, one urban and one rural: the urban one makes more
    /// school contacts and must end with the larger epidemic. With 20,000 agents each the attack rates'
    /// sampling SDs are under 0.005; the final-size gap the factors imply (R 2.5 × 1.2 against 2.5 × 0.8,
    /// z 0.94 against 0.82) is over 20 SDs.
    @Test("an urban province ends with a larger epidemic than an otherwise equal rural one")
    func urbanProvinceBurnsMore() {
        var configuration = TestConfigurations.wellMixed(residents: 40_000, r0: 2.5, days: 400, seeds: 20)
        configuration.provinces = [
            Province(code: "U", name: "Town", latitude: 34, longitude: 66, populationWeight: 1),
            Province(code: "R", name: "Village", latitude: 34, longitude: 67, populationWeight: 1),
        ]
        configuration.settings.idpProvinceWeights = [1, 1]
        configuration.settings.healthWorkersPerThousand = [0, 0]
        configuration.importation.destinationWeights = [1, 1]
        configuration.importation.seededInfections = [SeededInfection(date: TestConfigurations.start, province: 0, count: 20),
                                                      SeededInfection(date: TestConfigurations.start, province: 1, count: 20)]
        configuration.health = HealthSystemParameters(beds: [0, 0], intensiveCare: [0, 0])
        configuration.access = AccessParameters(access: [1, 1])
        // Only community contacts in the test configuration: the town 1.2 ×, the village 0.8 × the national rate.
        configuration.urbanRural = UrbanRuralParameters(enabled: true, urbanShare: [1, 0],
                                                        urbanContactsPerDay: [0, 0, 12], ruralContactsPerDay: [0, 0, 8])
        let multipliers = configuration.baselineContactMultipliers[ContactLayer.community.rawValue]
        #expect(abs(multipliers[0] - 1.2) < 1e-12 && abs(multipliers[1] - 0.8) < 1e-12)
        let result = Simulation(configuration: configuration, seed: 11, threads: 2).run()
        let town = Double(result.total(.infections, province: 0)) / 20_000
        let village = Double(result.total(.infections, province: 1)) / 20_000
        #expect(abs(town - finalSize(r0: 2.5 * 1.2)) < 0.03, "town \(town)")
        #expect(abs(village - finalSize(r0: 2.5 * 0.8)) < 0.03, "village \(village)")
    }
}
