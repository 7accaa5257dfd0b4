import SarhadMeanField
import SarhadModel

/// SIR final size: in the well-mixed province the share ever infected solves z = 1 − exp(−R0 z).
/// The agents' mean attack rate may differ from the root by its Monte-Carlo error: tolerance is
/// t(0.9995, n − 1) × the standard error of the replicate mean (two-sided false alarm 0.1 %), plus
/// 1/N for the seeds and rounding. The twin is deterministic: tolerance 0.002 bounds its
/// integration error (one day step a day, `DayStep`: on 6 December 2026 its attack rates were within 1e-4
/// of the roots at R0 1.5, 2.5 and 4).
struct FinalSizeCheck {
    let base: ModelConfiguration
    let residents: Double
    let replicates: Int
    let threads: Int

    func run() -> [ValidationCheck] {
        var rows = [ValidationCheck]()
        for r0 in [1.5, 2.5, 4.0] {
            let days = r0 < 2 ? 730 : 365
            let configuration = ValidationScenarios.wellMixed(base, r0: r0, residents: residents, days: days)
            let expected = ValidationScenarios.finalSize(r0: r0)
            let results = Ensemble(configuration: configuration, baseSeed: 101).run(replicates: replicates, threads: threads)
            let rates = results.map { Double($0.total(.infections)) / Double($0.simulatedAgents) }
            let critical = Statistics.tQuantile(0.9995, degreesOfFreedom: replicates - 1)
            let tolerance = critical * Statistics.standardError(rates) + 1 / residents
            rows.append(ValidationCheck(
                group: "1 SIR final size", compared: "agents: attack rate, R0 \(r0), \(replicates) × \(Int(residents))",
                expected: expected, observed: Statistics.mean(rates), tolerance: tolerance,
                toleranceBasis: "t × SE of the replicate mean (false alarm 0.1 %) + 1/N"))
            let trajectory = MeanFieldModel(configuration: configuration).trajectory()
            let last = trajectory.dayCount - 1
            let twinRate = 1 - trajectory.nationalCompartment(.susceptible, day: last) / Double(trajectory.population)
            rows.append(ValidationCheck(
                group: "1 SIR final size", compared: "twin: attack rate, R0 \(r0)", expected: expected,
                observed: twinRate, tolerance: 0.002, toleranceBasis: "integration error (deterministic)"))
        }
        return rows
    }
}
