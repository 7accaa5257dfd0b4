/// Every series the engine records, per day and province. Flows count events on the day;
/// stocks are the state at the end of the day.
public enum Measure: Int, Sendable, CaseIterable {
    // What happened.
    case infections = 0
    case symptomaticOnsets
    case hospitalAdmissions
    case intensiveCareAdmissions
    case deaths
    case deathsWithoutCare
    case healthWorkerInfections
    case arrivals
    case infectedArrivals
    case screenedAtBorder
    case prisonersReleased
    case infectious
    case bedsNeeded
    case bedsOccupied
    case bedCapacity
    case intensiveCareNeeded
    case intensiveCareOccupied
    case intensiveCareCapacity
    // What was recorded.
    case tests
    case confirmed
    case recordedDeaths
    /// Tests with a positive result, on the day of the test (post-mortem tests included).
    case positiveTests
    // What a survey would see, and its denominator.
    /// Residents an antibody survey would call positive (`SerologyParameters`), rounded.
    case seropositive
    /// Residents alive (at home or abroad), the denominator of prevalences.
    case residents

    public var name: String {
        switch self {
        case .infections: "infections"
        case .symptomaticOnsets: "symptomatic_onsets"
        case .hospitalAdmissions: "hospital_admissions"
        case .intensiveCareAdmissions: "icu_admissions"
        case .deaths: "deaths"
        case .deathsWithoutCare: "deaths_without_care"
        case .healthWorkerInfections: "health_worker_infections"
        case .arrivals: "arrivals"
        case .infectedArrivals: "infected_arrivals"
        case .screenedAtBorder: "screened_at_border"
        case .prisonersReleased: "prisoners_released"
        case .infectious: "infectious"
        case .bedsNeeded: "beds_needed"
        case .bedsOccupied: "beds_occupied"
        case .bedCapacity: "bed_capacity"
        case .intensiveCareNeeded: "icu_needed"
        case .intensiveCareOccupied: "icu_occupied"
        case .intensiveCareCapacity: "icu_capacity"
        case .tests: "tests"
        case .confirmed: "confirmed"
        case .recordedDeaths: "recorded_deaths"
        case .positiveTests: "positive_tests"
        case .seropositive: "seropositive"
        case .residents: "residents"
        }
    }

    public init?(name: String) {
        guard let measure = Measure.allCases.first(where: { $0.name == name }) else { return nil }
        self = measure
    }

    /// Stocks are levels, not counts of events; they are not summed over days.
    public var isStock: Bool {
        switch self {
        case .infectious, .bedsNeeded, .bedsOccupied, .bedCapacity, .intensiveCareNeeded,
             .intensiveCareOccupied, .intensiveCareCapacity, .seropositive, .residents: true
        default: false
        }
    }

    /// Series that exist only because somebody recorded them.
    public var isRecorded: Bool { self == .tests || self == .confirmed || self == .recordedDeaths || self == .positiveTests }
}
