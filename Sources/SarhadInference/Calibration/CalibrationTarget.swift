import SarhadModel

/// Further observations a calibration may fit beside the recorded series.
public enum CalibrationTarget: Sendable, Equatable {
    /// A share seropositive on `date` among `sampleSize` people (nationally if `province` is nil),
    /// measured with a test of the given sensitivity and specificity.
    case serosurvey(date: SimDate, province: Int?, positiveShare: Double, sampleSize: Double,
                    sensitivity: Double, specificity: Double)
    /// The share of tests positive from `start` to `end` inclusive, out of `tests`.
    case testPositivity(start: SimDate, end: SimDate, province: Int?, positiveShare: Double, tests: Double)

    /// Days from infection to detectable antibodies (IgG seroconversion median about two weeks:
    /// Long et al. 2020, Nature Medicine 26:845).
    public static let seroconversionDays = 14

    /// How far the run is from the observation in standard errors, halved: a square-root count has
    /// standard deviation 1/2 under Poisson noise, so |z|/2 weighs a target like the other
    /// distance terms.
    public func distance(_ result: SimulationResult, residents: [Int]) -> Double {
        switch self {
        case let .serosurvey(date, province, share, n, sensitivity, specificity):
            let lastDay = min(result.dayCount - 1, date.days(since: result.startDate) - Self.seroconversionDays)
            let infected = lastDay < 0 ? 0 : Double(result.total(.infections, province: province, throughDay: lastDay)
                + result.total(.infectedArrivals, province: province, throughDay: lastDay))
            let people = Double(province.map { residents[$0] } ?? residents.reduce(0, +))
            let truth = min(1, infected / max(people, 1))
            let apparent = sensitivity * truth + (1 - specificity) * (1 - truth)
            return Self.halfZ(model: apparent, observed: share, n: n)
        case let .testPositivity(start, end, province, share, tests):
            let first = max(0, start.days(since: result.startDate)), last = min(result.dayCount - 1, end.days(since: result.startDate))
            guard first <= last else { return 0 }
            var positive = 0.0, performed = 0.0
            for day in first...last {
                positive += Double(province.map { result.value(day: day, province: $0, measure: .confirmed) }
                    ?? result.national(day: day, measure: .confirmed))
                performed += Double(province.map { result.value(day: day, province: $0, measure: .tests) }
                    ?? result.national(day: day, measure: .tests))
            }
            return Self.halfZ(model: performed > 0 ? positive / performed : 0, observed: share, n: tests)
        }
    }

    static func halfZ(model: Double, observed: Double, n: Double) -> Double {
        // The observed share's binomial SE, floored at half a person so 0 % or 100 % stay finite.
        let se = max((observed * (1 - observed) / max(n, 1)).squareRoot(), 0.5 / max(n, 1))
        return abs(model - observed) / se / 2
    }
}
