import Foundation

/// The groups whose samples compete for a day's tests.
public enum TestingGroup: Int, Sendable, CaseIterable {
    /// Patients in a hospital bed or intensive care, and post-mortem samples of deaths there.
    case hospitalised = 0
    /// Health workers who seek a test (not in hospital themselves).
    case healthWorkers
    /// Everyone else with COVID-19 symptoms who seeks a test (arrivals caught at the border included),
    /// and post-mortem samples of deaths outside hospital.
    case symptomatic
    /// People seeking a test for other illnesses.
    case others
}

/// The order in which a day's tests are given out when samples outnumber capacity: a rank per group,
/// 1 first. Groups of equal rank share what is left by one lottery; every group at the same rank is a
/// single lottery for all, the rule before priorities existed.
///
/// WHO's interim guidance of March 2020 put hospitalised patients and health workers first.
public struct TestPriority: Sendable, Equatable {
    public var ranks: [Int]

    public init(hospitalised: Int, healthWorkers: Int, symptomatic: Int, others: Int) {
        ranks = [hospitalised, healthWorkers, symptomatic, others]
    }

    public func rank(_ group: TestingGroup) -> Int { ranks[group.rawValue] }

    /// The groups tested together at each step, first step first.
    public var steps: [[TestingGroup]] {
        Set(ranks).sorted().map { rank in TestingGroup.allCases.filter { self.rank($0) == rank } }
    }
}

/// An antibody survey's view of the epidemic: a resident is detectable `conversionDays` after
/// infection and stays detectable for an exponentially distributed time of mean `detectableMeanDays`;
/// the assay finds the detectable with `sensitivity` and calls the others positive with
/// 1 − `specificity`.
public struct SerologyParameters: Sendable, Equatable {
    public var conversionDays: Int
    public var detectableMeanDays: Double
    public var sensitivity: Double
    public var specificity: Double

    public init(conversionDays: Int, detectableMeanDays: Double, sensitivity: Double, specificity: Double) {
        self.conversionDays = conversionDays
        self.detectableMeanDays = detectableMeanDays
        self.sensitivity = sensitivity
        self.specificity = specificity
    }

    /// Share of the detectable who remain detectable a day later.
    public var dailyRetention: Double { detectableMeanDays > 0 ? exp(-1 / detectableMeanDays) : 0 }

    /// Residents a survey would find positive, given how many are detectable.
    public func apparentPositives(detectable: Double, residents: Double) -> Double {
        let truePositive = sensitivity * detectable
        let falsePositive = (1 - specificity) * max(0, residents - detectable)
        return truePositive + falsePositive
    }
}

extension TestPriority {
    /// Hospitalised patients, then health workers, then other symptomatic seekers, then the rest
    /// (WHO interim guidance, March 2020). The values also live in the parameter catalogue.
    public static let standard = TestPriority(hospitalised: 1, healthWorkers: 2, symptomatic: 3, others: 4)
    /// One lottery for all samples.
    public static let none = TestPriority(hospitalised: 1, healthWorkers: 1, symptomatic: 1, others: 1)
}

extension SerologyParameters {
    /// 18 days from infection to detectable IgG, detectable for a mean of a year, sensitivity 0.9 and
    /// specificity 0.99; sources in the parameter catalogue.
    public static let standard = SerologyParameters(conversionDays: 18, detectableMeanDays: 365, sensitivity: 0.9,
                                                    specificity: 0.99)
}
