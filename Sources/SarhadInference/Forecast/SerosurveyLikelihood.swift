import Foundation
import SarhadMeanField
import SarhadModel

/// How likely a serosurvey's count of positives is under a twin run: binomial, with the share positive
/// that the survey's own assay would find.
///
/// The twin records what the scenario's assay would find (`seropositive`, apparent positives among
/// `residents`); inverting that assay gives the share detectable d, and the survey's assay (its own
/// sensitivity and specificity, or the scenario's) finds se · d + (1 − sp) · (1 − d). The share is read
/// on the survey's middle day. Approximated: the survey's ages are not used (the twin's share is of all
/// residents; sampling restricted to adults is taken as representative), nor its design effect.
struct SerosurveyLikelihood: Sendable {
    let survey: Serosurvey
    /// The survey's middle day, in scenario days.
    let day: Int
    let scenarioAssay: SerologyParameters

    init(_ survey: Serosurvey, start: SimDate, assay: SerologyParameters) {
        self.survey = survey
        day = (survey.start.days(since: start) + survey.end.days(since: start)) / 2
        scenarioAssay = assay
    }

    /// The share the survey's assay would find positive in the run.
    func expectedShare(_ stepper: MeanFieldStepper) -> Double {
        let apparent = TwinParticleFilter.expected(stepper, .seropositive, day: day, region: survey.region)
        let residents = TwinParticleFilter.expected(stepper, .residents, day: day, region: survey.region)
        guard residents > 0 else { return 0 }
        let falsePositive = 1 - scenarioAssay.specificity
        let spread = scenarioAssay.sensitivity - falsePositive
        let detectable = spread > 0 ? min(1, max(0, (apparent / residents - falsePositive) / spread)) : 0
        let sensitivity = survey.sensitivity ?? scenarioAssay.sensitivity, specificity = survey.specificity ?? scenarioAssay.specificity
        return sensitivity * detectable + (1 - specificity) * (1 - detectable)
    }

    func logLikelihood(_ stepper: MeanFieldStepper) -> Double {
        let p = min(1 - 1e-12, max(1e-12, expectedShare(stepper)))
        let n = Double(survey.sampled), k = Double(survey.positive)
        return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * log(p) + (n - k) * log(1 - p)
    }
}
