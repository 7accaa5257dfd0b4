import SarhadModel

/// A resolved scenario: the engine's configuration plus how its inputs were specified
/// (so that `scenario show` can write back exactly what produced it).
public struct Scenario: Sendable, Equatable {
    public var configuration: ModelConfiguration
    public var source: SourcePrevalenceSpec
    /// Free parameters and priors for calibration; empty for the default set.
    public var calibration: [CalibrationParameterSpec]
    /// Serosurveys and test positivity for calibration.
    public var calibrationTargets: [CalibrationTargetSpec]
    /// The country pack the scenario is read over.
    public var pack: PackIdentity
    /// The source country's reported cumulative deaths (from the pack), behind `.reportedDeaths`.
    public var sourceDeaths: [DatedValue]

    public init(configuration: ModelConfiguration, source: SourcePrevalenceSpec, calibration: [CalibrationParameterSpec] = [],
                calibrationTargets: [CalibrationTargetSpec] = [], pack: PackIdentity, sourceDeaths: [DatedValue]) {
        self.configuration = configuration
        self.source = source
        self.calibration = calibration
        self.calibrationTargets = calibrationTargets
        self.pack = pack
        self.sourceDeaths = sourceDeaths
    }

    /// The built-in scenario: the default country pack's (`CountryPack.defaultName`).
    public static func builtIn() throws(ScenarioError) -> Scenario {
        try CountryPack.bundledDefault().scenario()
    }

    /// Recomputes the source prevalence curve from its specification.
    public mutating func resolveSourcePrevalence() throws(ScenarioError) {
        switch source {
        case .reportedDeaths(let parameters):
            guard !sourceDeaths.isEmpty else {
                throw ScenarioError(key: "importation.source.mode", message: "is \"reported_deaths\" but the country pack has no [source] deaths file",
                                    expected: "mode = \"curve\" with a prevalence curve, or a pack with the source country's reported deaths")
            }
            configuration.importation.sourcePrevalence = SourcePrevalence.fromReportedDeaths(
                cumulativeDeaths: sourceDeaths.map { ($0.date, $0.value) }, population: parameters.population,
                infectionFatalityRatio: parameters.infectionFatalityRatio, infectionToDeathDays: parameters.infectionToDeathDays,
                deathUndercount: parameters.deathUndercount, infectedDays: parameters.infectedDays)
        case .curve(let points):
            configuration.importation.sourcePrevalence = SourcePrevalence.fromPoints(points.map { ($0.date, $0.prevalence) })
        }
    }

    public func provinceIndex(_ name: String) -> Int? {
        configuration.provinces.firstIndex { $0.name.lowercased() == name.lowercased() || $0.code == name }
    }
}

/// How the source country's true prevalence is given.
public enum SourcePrevalenceSpec: Sendable, Equatable {
    case reportedDeaths(SourceFromDeaths)
    case curve([PrevalencePoint])
}

public struct PrevalencePoint: Sendable, Equatable {
    public var date: SimDate
    public var prevalence: Double

    public init(date: SimDate, prevalence: Double) {
        self.date = date
        self.prevalence = prevalence
    }
}
