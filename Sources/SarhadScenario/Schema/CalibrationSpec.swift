/// Which settings `sarhad calibrate` fits and their priors, from `[[calibration.parameters]]`.
/// Empty means the documented default set.
public struct CalibrationParameterSpec: Sendable, Equatable {
    public var name: String
    /// "uniform" or "log-uniform".
    public var prior: String
    public var lower: Double
    public var upper: Double

    public init(name: String, prior: String, lower: Double, upper: Double) {
        self.name = name
        self.prior = prior
        self.lower = lower
        self.upper = upper
    }

    /// Kept in step with `FreeParameter` in SarhadInference (a test checks both lists agree).
    public static let knownNames = ["r0", "source_prevalence_factor", "test_seeking_mild", "test_seeking_severe",
                                    "post_mortem_testing_elsewhere", "behaviour_floor",
                                    "behaviour_half_effect_deaths_per_100k", "contact_activity_gamma_shape"]
    public static let knownPriors = ["uniform", "log-uniform"]
}

/// A further calibration target from `[[calibration.targets]]`: a serosurvey or a test positivity.
public enum CalibrationTargetSpec: Sendable, Equatable {
    case serosurvey(date: SimDate, province: Int?, positiveShare: Double, sampleSize: Double, sensitivity: Double,
                    specificity: Double)
    case testPositivity(start: SimDate, end: SimDate, province: Int?, positiveShare: Double, tests: Double)

    public static let kinds = ["serosurvey", "test_positivity"]
}

import SarhadModel
