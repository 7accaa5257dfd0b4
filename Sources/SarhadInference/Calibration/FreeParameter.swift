import SarhadModel

/// A scenario setting that calibration may move, with how a value is written into a configuration.
public enum FreeParameter: String, Sendable, CaseIterable {
    /// Basic reproduction number (scales transmission in every layer).
    case r0
    /// Multiplies the source country's true prevalence curve: how far its reports undercount,
    /// relative to the scenario's default undercount factor.
    case sourcePrevalenceFactor = "source_prevalence_factor"
    /// Probability that a mild case seeks a test at onset.
    case testSeekingMild = "test_seeking_mild"
    /// Probability that a severe case seeks a test at severe onset.
    case testSeekingSevere = "test_seeking_severe"
    /// Probability that an unconfirmed death outside hospital gets a post-mortem test (before access).
    case postMortemTesting = "post_mortem_testing_elsewhere"

    /// Default priors (docs/CALIBRATION.md gives the reasons).
    public var defaultPrior: Prior {
        switch self {
        case .r0: Prior(.uniform, 1.2, 4)
        case .sourcePrevalenceFactor: Prior(.logUniform, 0.1, 10)
        case .testSeekingMild: Prior(.logUniform, 0.002, 0.5)
        case .testSeekingSevere: Prior(.uniform, 0.05, 1)
        case .postMortemTesting: Prior(.uniform, 0, 0.5)
        }
    }

    public func apply(_ value: Double, to configuration: inout ModelConfiguration) {
        switch self {
        case .r0: configuration.disease.r0 = value
        case .sourcePrevalenceFactor:
            configuration.importation.sourcePrevalence.daily = configuration.importation.sourcePrevalence.daily.map { min(1, $0 * value) }
        case .testSeekingMild: configuration.observation.testSeekingMild = value
        case .testSeekingSevere: configuration.observation.testSeekingSevere = value
        case .postMortemTesting: configuration.observation.postMortemTestingElsewhere = value
        }
    }

    public func value(in configuration: ModelConfiguration) -> Double {
        switch self {
        case .r0: configuration.disease.r0
        case .sourcePrevalenceFactor: 1
        case .testSeekingMild: configuration.observation.testSeekingMild
        case .testSeekingSevere: configuration.observation.testSeekingSevere
        case .postMortemTesting: configuration.observation.postMortemTestingElsewhere
        }
    }
}

/// The free parameters of one calibration and their priors.
public struct ParameterSpace: Sendable, Equatable {
    public var parameters: [FreeParameter]
    public var priors: [Prior]

    public init(_ entries: [(FreeParameter, Prior)]) {
        parameters = entries.map(\.0)
        priors = entries.map(\.1)
    }

    public static let standard = ParameterSpace(FreeParameter.allCases.map { ($0, $0.defaultPrior) })

    public var count: Int { parameters.count }

    public func configured(_ base: ModelConfiguration, _ values: [Double]) -> ModelConfiguration {
        var configuration = base
        for (parameter, value) in zip(parameters, values) { parameter.apply(value, to: &configuration) }
        return configuration
    }
}
