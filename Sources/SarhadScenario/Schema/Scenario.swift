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

    public init(configuration: ModelConfiguration, source: SourcePrevalenceSpec, calibration: [CalibrationParameterSpec] = [],
                calibrationTargets: [CalibrationTargetSpec] = []) {
        self.configuration = configuration
        self.source = source
        self.calibration = calibration
        self.calibrationTargets = calibrationTargets
    }

    /// The built-in Afghanistan 2020 scenario.
    public static func builtIn() throws(ScenarioError) -> Scenario {
        try builtInOnce.get()
    }

    /// Read from the bundled data once: every scenario file is read over it, and a server reads many.
    private static let builtInOnce = Result { () throws(ScenarioError) -> Scenario in
        Scenario(configuration: try AfghanistanDefaults.configuration(), source: .reportedDeaths(.iranDefault))
    }

    /// Recomputes the source prevalence curve from its specification.
    public mutating func resolveSourcePrevalence() throws(ScenarioError) {
        switch source {
        case .reportedDeaths(let parameters):
            configuration.importation.sourcePrevalence = try AfghanistanDefaults.iranPrevalence(parameters)
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
