import SarhadModel

/// The world of one day as the timeline has made it: contact multipliers, the border, test and bed
/// capacity. It changes only at day boundaries, so the derivative can read it as constants.
struct DayConditions: Sendable {
    let provinceCount: Int
    /// `[layer · P + province]`, layers as in `ContactLayer` (all seven).
    var multiplier: [Double]
    var bedMultiplier: [Double]
    var intensiveCareMultiplier: [Double]
    /// Places per province, rounded to whole beds as the agent model does.
    var bedCapacity: [Double]
    var intensiveCareCapacity: [Double]
    /// The same places as whole places (`WholePlaces`): who finds one free.
    var bedPlaces: [WholePlaces]
    var intensiveCarePlaces: [WholePlaces]
    /// Tests per laboratory and where each province's samples go.
    var testing: TestingCapacity
    /// National tests per day (population scale 1).
    var testsPerDay: Double { testing.national }
    var border: BorderParameters
    /// Arrivals caught by screening today, who seek a test today, per province.
    var screenedTestSeekers: [Double]
    /// Prisoners still held, by home province.
    var prisonersHeld: [Double]

    init(configuration: ModelConfiguration, prisoners: [Double]) {
        let provinces = configuration.provinces.count
        provinceCount = provinces
        multiplier = [Double](repeating: 1, count: ContactLayer.allCases.count * provinces)
        bedMultiplier = [Double](repeating: 1, count: provinces)
        intensiveCareMultiplier = bedMultiplier
        bedCapacity = [Double](repeating: 0, count: provinces)
        intensiveCareCapacity = bedCapacity
        bedPlaces = []
        intensiveCarePlaces = []
        testing = TestingCapacity(configuration: configuration)
        border = configuration.border
        screenedTestSeekers = [Double](repeating: 0, count: provinces)
        prisonersHeld = prisoners
        updateCapacities(configuration)
    }

    mutating func updateCapacities(_ configuration: ModelConfiguration) {
        // The agent model's own rule (HealthSystemParameters.scaledPlaces), so that the twin and the agents
        // have the same places at every scale.
        let scale = configuration.populationScale
        bedCapacity = HealthSystemParameters.scaledPlaces(configuration.health.beds, multipliers: bedMultiplier, scale: scale)
            .map(Double.init)
        intensiveCareCapacity = HealthSystemParameters.scaledPlaces(configuration.health.intensiveCare,
                                                                    multipliers: intensiveCareMultiplier, scale: scale)
            .map(Double.init)
        bedPlaces = DayConditions.places(bedCapacity, reusing: bedPlaces)
        intensiveCarePlaces = DayConditions.places(intensiveCareCapacity, reusing: intensiveCarePlaces)
    }

    /// Tables of whole places for `capacities`, keeping those whose capacity did not change (a table of
    /// a few thousand places costs a millisecond).
    private static func places(_ capacities: [Double], reusing old: [WholePlaces]) -> [WholePlaces] {
        capacities.indices.map { province in
            let capacity = Int(capacities[province])
            if province < old.count, old[province].capacity == capacity { return old[province] }
            return WholePlaces(capacity: capacity)
        }
    }

    @inline(__always)
    func multiplier(_ layer: ContactLayer, _ province: Int) -> Double {
        multiplier[layer.rawValue * provinceCount + province]
    }
}
