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
    /// The behaviour response's floor and half-effect deaths (`BehaviourParameters`), and the gamma shape
    /// of individual contact activity (`ContactActivityParameters`): free when a scenario's
    /// `[calibration]` names them; not in the standard space, whose five the record has long informed.
    case behaviourFloor = "behaviour_floor"
    case behaviourHalfEffect = "behaviour_half_effect_deaths_per_100k"
    case contactActivityShape = "contact_activity_gamma_shape"

    /// Default priors (docs/CALIBRATION.md gives the reasons).
    public var defaultPrior: Prior {
        switch self {
        case .r0: Prior(.uniform, 1.2, 4)
        case .sourcePrevalenceFactor: Prior(.logUniform, 0.1, 10)
        case .testSeekingMild: Prior(.logUniform, 0.002, 0.5)
        case .testSeekingSevere: Prior(.uniform, 0.05, 1)
        case .postMortemTesting: Prior(.uniform, 0, 0.5)
        case .behaviourFloor: Prior(.uniform, 0.2, 1)
        case .behaviourHalfEffect: Prior(.logUniform, 0.2, 20)
        case .contactActivityShape: Prior(.logUniform, 0.5, 10)
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
        case .behaviourFloor: configuration.behaviour.floor = value
        case .behaviourHalfEffect: configuration.behaviour.halfEffectDeathsPer100k = value
        case .contactActivityShape: configuration.contactActivity.gammaShape = value
        }
    }

    public func value(in configuration: ModelConfiguration) -> Double {
        switch self {
        case .r0: configuration.disease.r0
        case .sourcePrevalenceFactor: 1
        case .testSeekingMild: configuration.observation.testSeekingMild
        case .testSeekingSevere: configuration.observation.testSeekingSevere
        case .postMortemTesting: configuration.observation.postMortemTestingElsewhere
        case .behaviourFloor: configuration.behaviour.floor
        case .behaviourHalfEffect: configuration.behaviour.halfEffectDeathsPer100k
        case .contactActivityShape: configuration.contactActivity.gammaShape
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

    /// The parameters fitted when a scenario names none.
    public static let standardParameters: [FreeParameter] = [.r0, .sourcePrevalenceFactor, .testSeekingMild,
                                                             .testSeekingSevere, .postMortemTesting]
    public static let standard = ParameterSpace(standardParameters.map { ($0, $0.defaultPrior) })

    public var count: Int { parameters.count }

    public func configured(_ base: ModelConfiguration, _ values: [Double]) -> ModelConfiguration {
        var configuration = base
        for (parameter, value) in zip(parameters, values) { parameter.apply(value, to: &configuration) }
        return configuration
    }
}
