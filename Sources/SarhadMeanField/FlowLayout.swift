import SarhadModel

/// Events the twin counts per province. The derivative reports them as rates; the integrator
/// accumulates each day's substeps with the same Runge–Kutta weights as the state, so a day's flows
/// are exactly what moved the state that day.
enum ProvinceFlow: Int, CaseIterable {
    case infections = 0
    case healthWorkerInfections
    case symptomaticOnsets
    case hospitalAdmissions
    case intensiveCareAdmissions
    case deaths
    case deathsWithoutCare
    case tests
    /// Infected people tested positive today: confirmed after the reporting delay.
    case positiveTests
    /// Deaths of confirmed cases today times the chance each is recorded: recorded after the delay.
    case recordableDeaths
    /// Post-mortem samples of the unconfirmed dead tested today, and their positives (each a
    /// confirmed case and a recorded death).
    case postMortemTests
    case postMortemPositives
    // Counted at the start of the day (arrivals, releases), not by the derivative.
    case importedInfections
    case arrivals
    case screenedAtBorder
    case prisonersReleased
}

/// Positions of the flows in one vector: per province, then national infections by layer, infections
/// by age band and deaths by age band.
struct FlowLayout: Sendable {
    let provinces: Int

    static let perProvince = ProvinceFlow.allCases.count

    @inline(__always) func index(_ flow: ProvinceFlow, _ province: Int) -> Int {
        province * FlowLayout.perProvince + flow.rawValue
    }

    var layerBase: Int { provinces * FlowLayout.perProvince }
    @inline(__always) func layer(_ layer: ContactLayer) -> Int { layerBase + layer.rawValue }
    var infectionsByAgeBase: Int { layerBase + ContactLayer.allCases.count }
    var deathsByAgeBase: Int { infectionsByAgeBase + AgeBands.count }
    var count: Int { deathsByAgeBase + AgeBands.count }
}
