/// Shares computed from two recorded series: what a survey or a laboratory report would quote.
/// They are written beside the counts (`timeseries.csv`), nationally as the ratio of national sums,
/// and left out on days when the denominator is zero.
public enum DerivedMeasure: Sendable, CaseIterable {
    /// Positive tests / tests, on the day of the test.
    case testPositivity
    /// Residents an antibody survey would call positive / residents alive.
    case seroprevalence

    public var name: String {
        switch self {
        case .testPositivity: "test_positivity"
        case .seroprevalence: "seroprevalence"
        }
    }

    public var numerator: Measure {
        switch self {
        case .testPositivity: .positiveTests
        case .seroprevalence: .seropositive
        }
    }

    public var denominator: Measure {
        switch self {
        case .testPositivity: .tests
        case .seroprevalence: .residents
        }
    }

    /// The share on one day, nationally when `province` is nil; nil when the denominator is zero.
    public func value(in result: SimulationResult, day: Int, province: Int?) -> Double? {
        let top = province.map { result.value(day: day, province: $0, measure: numerator) }
            ?? result.national(day: day, measure: numerator)
        let bottom = province.map { result.value(day: day, province: $0, measure: denominator) }
            ?? result.national(day: day, measure: denominator)
        return bottom > 0 ? Double(top) / Double(bottom) : nil
    }
}
