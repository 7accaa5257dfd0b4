import SarhadModel

/// Importation: each arrival is infected with the source prevalence of its day (times the
/// returnees' relative risk), so infected arrivals per week are binomial around arrivals × prevalence.
/// Two rows: the total, within 3.29 binomial SD (false alarm 0.1 %), and a chi-square over the weeks
/// with at least 5 expected (the rest pooled), passing when its upper tail exceeds 0.001.
struct ImportationCheck {
    let base: ModelConfiguration
    let scale: Double
    let threads: Int

    func run() -> [ValidationCheck] {
        var configuration = base
        configuration.populationScale = scale
        configuration.endDate = min(configuration.endDate, configuration.startDate.adding(days: 180))
        let result = Simulation(configuration: configuration, seed: 303, threads: threads).run()
        let importation = configuration.importation
        var expectedByWeek = [Double](), observedByWeek = [Double](), varianceByWeek = [Double]()
        for day in 0..<result.dayCount {
            let week = day / 7
            if week == expectedByWeek.count {
                expectedByWeek.append(0)
                observedByWeek.append(0)
                varianceByWeek.append(0)
            }
            let p = min(1, importation.sourcePrevalence.prevalence(on: result.date(ofDay: day)) * importation.relativeRiskOfReturnees)
            let arrivals = Double(result.national(day: day, measure: .arrivals))
            expectedByWeek[week] += arrivals * p
            varianceByWeek[week] += arrivals * p * (1 - p)
            observedByWeek[week] += Double(result.national(day: day, measure: .infectedArrivals))
        }
        let expected = expectedByWeek.reduce(0, +), observed = observedByWeek.reduce(0, +)
        let sd = varianceByWeek.reduce(0, +).squareRoot()
        var statistic = 0.0, bins = 0
        var pooledExpected = 0.0, pooledObserved = 0.0, pooledVariance = 0.0
        for week in expectedByWeek.indices {
            if expectedByWeek[week] >= 5 {
                statistic += pow2(observedByWeek[week] - expectedByWeek[week]) / max(varianceByWeek[week], 1e-9)
                bins += 1
            } else {
                pooledExpected += expectedByWeek[week]
                pooledObserved += observedByWeek[week]
                pooledVariance += varianceByWeek[week]
            }
        }
        if pooledExpected > 0 {
            statistic += pow2(pooledObserved - pooledExpected) / max(pooledVariance, 1e-9)
            bins += 1
        }
        let tail = Statistics.chiSquareUpperTail(statistic, degreesOfFreedom: max(1, bins))
        return [
            ValidationCheck(group: "4 Importation", compared: "infected arrivals, first 26 weeks (scale \(scale))",
                            expected: expected, observed: observed, tolerance: 3.29 * sd,
                            toleranceBasis: "3.29 binomial SD (false alarm 0.1 %)"),
            ValidationCheck(group: "4 Importation", compared: "weekly infected arrivals: chi-square over \(bins) bins",
                            expected: Double(bins), observed: statistic,
                            tolerance: max(0, criticalChiSquare(bins) - Double(bins)),
                            toleranceBasis: "upper tail > 0.001 (false alarm 0.1 %)", passed: tail > 0.001),
        ]
    }

    func pow2(_ x: Double) -> Double { x * x }

    /// The 0.999 quantile of chi-square with k degrees of freedom (Wilson–Hilferty).
    func criticalChiSquare(_ k: Int) -> Double {
        let kk = Double(max(1, k)), z = Statistics.normalQuantile(0.999)
        let term = 1 - 2 / (9 * kk) + z * (2 / (9 * kk)).squareRoot()
        return kk * term * term * term
    }
}
