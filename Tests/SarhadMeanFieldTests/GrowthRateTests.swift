import Foundation
@testable import SarhadMeanField
import SarhadModel
import Testing

/// Early on, infections grow as e^{r t} with r the root of the Euler–Lotka equation
/// 1 = R0 · ĝ(r) / ĝ(0), where ĝ is the Laplace transform of the expected infectiousness profile of one
/// infection. With Erlang stages ĝ is explicit: latency, then presymptomatic and mild (to recovery or
/// to severe onset) or asymptomatic, each weighted by its relative infectiousness. The latency is the
/// twin's own, half a day shorter than the stated mean (`DiseaseStages.agentDayOffset`): this checks
/// that the twin integrates its equations, not how they match the agents (`sarhad validate` does that).
@Suite struct GrowthRateTests {
    @Test(arguments: [1.5, 2.5, 4.0])
    func earlyGrowthMatchesEulerLotka(r0: Double) throws {
        let residents = 1e14
        let base = try TestScenarios.wellMixed(r0: r0, residents: residents, days: 2, seeds: 1)
        let predicted = eulerLotkaRoot(r0: r0, disease: base.disease)
        // A 30-day window after the stage mix has settled and well before a 10⁻⁴ share is infected.
        let end = min(200, Int(log(1e-4 * residents) / predicted))
        let start = end - 30
        #expect(start >= 35)
        var configuration = base
        configuration.endDate = configuration.startDate.adding(days: end)
        let infections = MeanFieldModel(configuration: configuration).trajectory().nationalSeries(.infections)
        let measured = log(infections[end] / infections[start]) / Double(end - start)
        #expect(abs(measured - predicted) / predicted < 0.02, "R0 \(r0): measured r \(measured), Euler–Lotka \(predicted)")
    }

    func eulerLotkaRoot(r0: Double, disease: DiseaseParameters) -> Double {
        func profile(_ s: Double) -> Double {
            let latent = DiseaseStages(disease).latent, pre = ErlangStages(disease.presymptomatic)
            let asym = ErlangStages(disease.asymptomaticInfectious), recovering = ErlangStages(disease.mildToRecovery)
            let worsening = ErlangStages(disease.onsetToSevere)
            let symptomatic = disease.symptomaticProbability[0], severe = disease.severeGivenSymptomatic[0]
            let afterOnset = (1 - severe) * recovering.discountedResidence(s) + severe * worsening.discountedResidence(s)
            let symptomaticCourse = disease.relativeInfectiousnessPresymptomatic * pre.discountedResidence(s)
                + pre.laplaceTransform(s) * afterOnset
            return latent.laplaceTransform(s) * (symptomatic * symptomaticCourse
                + (1 - symptomatic) * disease.relativeInfectiousnessAsymptomatic * asym.discountedResidence(s))
        }
        let atZero = profile(0)
        var low = 0.0, high = 3.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if r0 * profile(middle) / atZero > 1 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
