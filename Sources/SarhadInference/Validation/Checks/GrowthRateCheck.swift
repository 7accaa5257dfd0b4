import Foundation
import SarhadModel

/// Early exponential growth: the agents' daily infections grow at the rate r that the renewal
/// equation gives for R0 and the generation-interval distribution the agents actually draw
/// (Wallinga & Lipsitch 2007). r is fitted by least squares on log daily infections while
/// cumulative infections are between 200 (past the stochastic start) and 0.5 % of the population
/// (before depletion lowers r by more than about 0.5 % × R0 / (R0 − 1) relative).
/// Tolerance: t(0.9995, n − 1) × SE of the replicate mean (false alarm 0.1 %) plus that depletion bound.
struct GrowthRateCheck {
    let base: ModelConfiguration
    let residents: Double
    let replicates: Int
    let threads: Int

    func run() -> [ValidationCheck] {
        [1.5, 2.5, 4.0].map { r0 in
            let days = r0 < 2 ? 240 : 120
            let configuration = ValidationScenarios.wellMixed(base, r0: r0, residents: residents, days: days, seeds: 20)
            let expected = GenerationProfile(disease: configuration.disease).growthRate(reproductionNumber: r0)
            let results = Ensemble(configuration: configuration, baseSeed: 202).run(replicates: replicates, threads: threads)
            let rates = results.compactMap { Self.fittedGrowthRate($0.nationalSeries(.infections), residents: residents) }
            let critical = Statistics.tQuantile(0.9995, degreesOfFreedom: max(1, rates.count - 1))
            let depletion = 0.005 * r0 / (r0 - 1) * expected
            return ValidationCheck(
                group: "2 Early growth", compared: "agents: growth rate r per day, R0 \(r0), \(replicates) × \(Int(residents))",
                expected: expected, observed: Statistics.mean(rates),
                tolerance: critical * Statistics.standardError(rates) + depletion,
                toleranceBasis: "t × SE of the replicate mean (false alarm 0.1 %) + depletion bound",
                passed: rates.count == results.count
                    ? abs(Statistics.mean(rates) - expected) <= critical * Statistics.standardError(rates) + depletion : false)
        }
    }

    /// Least-squares slope of log daily infections over the early window; nil if the epidemic never
    /// got that far.
    static func fittedGrowthRate(_ daily: [Int64], residents: Double) -> Double? {
        var cumulative = 0.0
        var x = [Double](), y = [Double]()
        for (day, count) in daily.enumerated() {
            cumulative += Double(count)
            if cumulative > 0.005 * residents { break }
            if cumulative >= 200, count > 0 {
                x.append(Double(day))
                y.append(log(Double(count)))
            }
        }
        return x.count >= 4 ? Statistics.slope(x: x, y: y) : nil
    }
}
