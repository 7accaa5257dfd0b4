import SarhadInference
import SarhadScenario

/// The scenario's `[[calibration.parameters]]` as a parameter space, or the default set.
package enum CalibrationSpace {
    package static func from(_ scenario: Scenario) throws -> ParameterSpace {
        guard !scenario.calibration.isEmpty else { return .standard }
        return ParameterSpace(try scenario.calibration.map { spec in
            guard let parameter = FreeParameter(rawValue: spec.name),
                  let shape = Prior.Shape(rawValue: spec.prior) else {
                throw InputError(ScenarioError(key: "calibration.parameters", message: "names \(spec.name) / \(spec.prior)",
                                               expected: "a known parameter and prior"))
            }
            return (parameter, Prior(shape, spec.lower, spec.upper))
        })
    }

    package static func target(_ spec: CalibrationTargetSpec) -> CalibrationTarget {
        switch spec {
        case let .serosurvey(date, province, share, n, sensitivity, specificity):
            .serosurvey(date: date, province: province, positiveShare: share, sampleSize: n, sensitivity: sensitivity,
                        specificity: specificity)
        case let .testPositivity(start, end, province, share, tests):
            .testPositivity(start: start, end: end, province: province, positiveShare: share, tests: tests)
        }
    }
}
