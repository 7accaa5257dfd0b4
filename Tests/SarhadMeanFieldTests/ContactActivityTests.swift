import Foundation
@testable import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

/// The twin with individual contact activity (`ContactActivity.swift`) against the multitype final-size
/// equation for proportionate mixing (Diekmann & Heesterbeek 2000): with equally likely classes of
/// activity w (mean 1) and β fixed by R0 over the classes, the cumulative hazard of a person of activity 1
/// solves Φ = R0 / E[w²] · E[w (1 − e^(−wΦ))], class c escapes with e^(−w_c Φ), and the attack rate is
/// E[1 − e^(−wΦ)]. The twin is deterministic: the tolerance 0.005 bounds its integration error and the
/// ten seeded infections (10⁻⁵ of the residents), so a false alarm means a real disagreement.
@Suite struct ContactActivityTests {
    static let activity = ContactActivityParameters(enabled: true, gammaShape: 2, classes: 4)

    @Test(arguments: [1.5, 2.5, 4.0])
    func attackRateSolvesTheMultitypeFinalSizeEquation(r0: Double) throws {
        let configuration = try TestScenarios.wellMixed(r0: r0, residents: 1_000_000, days: r0 < 2 ? 1500 : 600,
                                                        activity: Self.activity)
        let trajectory = MeanFieldModel(configuration: configuration).trajectory()
        let last = trajectory.dayCount - 1
        let attackRate = 1 - trajectory.nationalCompartment(.susceptible, day: last) / Double(trajectory.population)
        let levels = Self.activity.levels
        let expected = MultitypeFinalSize.attackRate(r0: r0, levels: levels)
        #expect(abs(attackRate - expected) < 0.005, "R0 \(r0): attack rate \(attackRate), multitype final size \(expected)")
        // Heterogeneity matters at this tolerance: the homogeneous final size is far outside it.
        #expect(TestScenarios.finalSize(r0: r0) - expected > 0.02)
    }

    @Test(arguments: [1.5, 2.5, 4.0])
    func eachClassEscapesWithItsOwnExponent(r0: Double) throws {
        let configuration = try TestScenarios.wellMixed(r0: r0, residents: 1_000_000, days: r0 < 2 ? 1500 : 600,
                                                        activity: Self.activity)
        let model = MeanFieldModel(configuration: configuration)
        let run = MeanFieldRun(configuration: configuration, inputs: model.inputs, layout: model.layout)
        run.run()
        let layout = model.layout, levels = model.inputs.activityLevels
        let phi = MultitypeFinalSize.cumulativeHazard(r0: r0, levels: levels)
        for (activity, level) in levels.enumerated() {
            var left = 0.0, residents = 0.0
            for cell in 0..<layout.cells {
                left += run.state[layout.susceptible.first + layout.susceptibleIndex(cell, activity: activity)]
                residents += model.inputs.cellPopulation[cell] / Double(levels.count)
            }
            let attackRate = 1 - left / residents
            let expected = 1 - exp(-level * phi)
            #expect(abs(attackRate - expected) < 0.005,
                    "R0 \(r0), class \(activity) (activity \(level)): attack rate \(attackRate), 1 − e^(−wΦ) = \(expected)")
        }
    }

    /// The same β as the agents, from the multitype next-generation matrix.
    @Test func usesTheAgentsTransmissionProbability() throws {
        let configuration = try Scenario.builtIn().configuration
        #expect(configuration.contactActivity.classCount > 1)
        let agents = TransmissionCalibration.transmissionProbability(
            disease: configuration.disease, contacts: configuration.contacts, activityLevels: configuration.contactActivity.levels)
        #expect(MeanFieldModel(configuration: configuration).transmissionProbability == agents)
    }

    /// Switched on, activity changes the built-in epidemic (the active are infected first, then the
    /// epidemic slows): fewer people infected in the end at the same R0 than when everyone is alike.
    @Test func activityLowersTheBuiltInFinalSize() throws {
        var configuration = try Scenario.builtIn().configuration
        configuration.endDate = SimDate(iso: "2020-12-31")!
        let withActivity = MeanFieldModel(configuration: configuration).trajectory()
        configuration.contactActivity = .off
        let alike = MeanFieldModel(configuration: configuration).trajectory()
        let infected = { (t: MeanFieldTrajectory) in t.nationalSeries(.infections).reduce(0, +) }
        #expect(infected(withActivity) < infected(alike), "with activity \(infected(withActivity)), without \(infected(alike))")
    }
}
