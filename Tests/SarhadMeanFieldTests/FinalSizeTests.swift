import SarhadMeanField
import SarhadModel
import Testing

/// In a homogeneous one-type epidemic the share ever infected solves z = 1 − exp(−R0·z) whatever the
/// stage durations. The twin uses the agent model's per-contact β, fixed by R0 through the
/// next-generation matrix, so it must reproduce the equation for the configured R0.
@Suite struct FinalSizeTests {
    @Test(arguments: [1.5, 2.5, 4.0])
    func attackRateSolvesTheFinalSizeEquation(r0: Double) throws {
        let configuration = try TestScenarios.wellMixed(r0: r0, residents: 1_000_000, days: r0 < 2 ? 1500 : 600)
        let trajectory = MeanFieldModel(configuration: configuration).trajectory()
        let last = trajectory.dayCount - 1
        let residents = Double(trajectory.population)
        let attackRate = 1 - trajectory.nationalCompartment(.susceptible, day: last) / residents
        let expected = TestScenarios.finalSize(r0: r0)
        #expect(abs(attackRate - expected) < 0.01, "R0 \(r0): attack rate \(attackRate), final-size root \(expected)")
        // The epidemic is over: nobody is still infected at the end.
        let stillInfected = [MeanFieldCompartment.exposed, .presymptomatic, .asymptomatic, .mild, .severe, .critical]
            .reduce(0) { $0 + trajectory.nationalCompartment($1, day: last) }
        #expect(stillInfected < 1)
    }
}
