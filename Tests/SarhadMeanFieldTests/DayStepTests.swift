import Foundation
@testable import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

/// The day step (`DayStep`) against mathematics and against Runge–Kutta, the integration it replaced.
@Suite struct DayStepTests {
    /// A chain left at rate r with nobody entering keeps, after a day, P(Poisson(r) ≤ k − 1 − i) of a
    /// person who started in sub-stage i (the Erlang survival), and a day of even inflow fills it with
    /// ∫₀¹ of that survival.
    @Test(arguments: [(1, 0.909), (2, 0.30), (5, 0.515), (8, 1.78), (8, 0.44)])
    func passageIsTheErlangSurvival(stages: Int, rate: Double) {
        let passage = DayPassage(stages: stages, rate: rate)
        func poissonAtMost(_ n: Int, _ mean: Double) -> Double {
            guard n >= 0 else { return 0 }
            var term = exp(-mean), total = 0.0
            for m in 0...n {
                total += term
                term *= mean / Double(m + 1)
            }
            return total
        }
        for start in 0..<stages {
            var kept = 0.0
            for stage in start..<stages { kept += passage.kept[stage - start] }
            #expect(abs(kept - poissonAtMost(stages - 1 - start, rate)) < 1e-14)
        }
        // ∫₀¹ P(Poisson(rτ) ≤ k − 1) dτ by Simpson's rule on 2000 panels.
        let panels = 2000
        var integral = 0.0
        for index in 0...panels {
            let tau = Double(index) / Double(panels)
            let weight = index == 0 || index == panels ? 1.0 : (index % 2 == 1 ? 4.0 : 2.0)
            integral += weight * poissonAtMost(stages - 1, rate * tau)
        }
        integral /= 3 * Double(panels)
        #expect(abs((1 - passage.sameDayExit) - integral) < 1e-10)
    }

    @Test func poolsKeepEverythingAndTakeTheirInflow() {
        let pool = DayPassage(stages: 1, rate: 0)
        #expect(pool.kept[0] == 1 && pool.filled[0] == 1 && pool.sameDayExit == 0)
    }

    /// The built-in year by day steps and by Runge–Kutta at two steps a day (whose results do not change at
    /// four or eight): national totals and peaks. The tolerances are what the day step's approximation of
    /// the day (the nonlinear parts to second order, inflows spread evenly) is allowed. Measured on
    /// 6 December 2026: totals and peaks within 0.7 %, peak days within one day. (Before the household pair
    /// sums entering during the day were depleted only for their time there, infections were 1.6 % and
    /// deaths 3.2 % low: overflow deaths outside care amplify a difference in infections.)
    @Test func dayStepsAgreeWithRungeKutta() throws {
        let configuration = try Scenario.builtIn().configuration
        let day = MeanFieldModel(configuration: configuration).trajectory()
        let reference = MeanFieldModel(configuration: configuration, integration: .rungeKutta).trajectory()
        for (measure, total, peak) in [(Measure.infections, 0.015, 0.015), (.deaths, 0.015, 0.015),
                                       (.hospitalAdmissions, 0.015, 0.015), (.confirmed, 0.015, 0.015)] {
            let ours = day.nationalSeries(measure), theirs = reference.nationalSeries(measure)
            let ourTotal = ours.reduce(0, +), theirTotal = theirs.reduce(0, +)
            #expect(abs(ourTotal / theirTotal - 1) < total, "\(measure) total \(ourTotal) against \(theirTotal)")
            let ourPeak = ours.indices.max { ours[$0] < ours[$1] }!, theirPeak = theirs.indices.max { theirs[$0] < theirs[$1] }!
            #expect(abs(ourPeak - theirPeak) <= 2, "\(measure) peak day \(ourPeak) against \(theirPeak)")
            #expect(abs(ours[ourPeak] / theirs[theirPeak] - 1) < peak, "\(measure) peak \(ours[ourPeak]) against \(theirs[theirPeak])")
        }
    }
}
