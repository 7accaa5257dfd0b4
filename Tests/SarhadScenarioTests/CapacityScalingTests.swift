import Testing
import SarhadModel
@testable import SarhadScenario

/// Beds and intensive-care places at small population scales: rounding each province's share made
/// them vanish (at scale 0.01 no province had an ICU place, so nobody was ever admitted).
@Suite("Health capacity at small scales")
struct CapacityScalingTests {
    @Test("at scale 1 every province keeps its own number, rounded, as before")
    func fullScaleUnchanged() throws {
        let health = try Scenario.builtIn().configuration.health
        let ones = [Double](repeating: 1, count: health.beds.count)
        #expect(HealthSystemParameters.scaledPlaces(health.beds, multipliers: ones, scale: 1) == health.beds.map { Int($0.rounded()) })
        #expect(HealthSystemParameters.scaledPlaces(health.intensiveCare, multipliers: ones, scale: 1)
            == health.intensiveCare.map { Int($0.rounded()) })
    }

    @Test("below scale 1 the country's places are kept, rounded as a whole, and at least one", arguments: [0.5, 0.1, 0.01, 0.001, 0.0001])
    func smallScales(scale: Double) throws {
        let health = try Scenario.builtIn().configuration.health
        let ones = [Double](repeating: 1, count: health.beds.count)
        for capacity in [health.beds, health.intensiveCare] {
            let places = HealthSystemParameters.scaledPlaces(capacity, multipliers: ones, scale: scale)
            let national = capacity.reduce(0, +) * scale
            #expect(places.reduce(0, +) == max(1, Int(national.rounded())), "scale \(scale)")
            #expect(places.allSatisfy { $0 >= 0 })
            // No province gets more than one place beyond its exact share.
            #expect(zip(places, capacity).allSatisfy { Double($0) <= ($1 * scale).rounded(.down) + 1 })
        }
        // The built-in 300 ICU places at scale 0.01 are 3, not 0.
        if scale == 0.01 {
            #expect(HealthSystemParameters.scaledPlaces(health.intensiveCare, multipliers: ones, scale: scale).reduce(0, +) == 3)
        }
    }

    @Test("a province whose places are cut to zero gets none at any scale")
    func zeroStaysZero() {
        let places = HealthSystemParameters.scaledPlaces([10, 10, 10], multipliers: [0, 1, 1], scale: 0.01)
        #expect(places[0] == 0)
        #expect(places.reduce(0, +) == 1)
        #expect(HealthSystemParameters.scaledPlaces([0, 0], multipliers: [1, 1], scale: 0.01) == [0, 0])
        // Ties go to the lower province number, so the result never depends on anything else.
        #expect(HealthSystemParameters.scaledPlaces([50, 50, 50], multipliers: [1, 1, 1], scale: 0.01) == [1, 1, 0])
    }

    @Test("a run at scale 0.01 has intensive-care places on its first day")
    func simulationHasPlaces() throws {
        var configuration = try Scenario.builtIn().configuration
        configuration.populationScale = 0.01
        configuration.endDate = configuration.startDate
        let result = Simulation(configuration: configuration, seed: 1).run()
        #expect(result.national(day: 0, measure: .intensiveCareCapacity) == 3)
        #expect(result.national(day: 0, measure: .bedCapacity) == 192)
    }
}
