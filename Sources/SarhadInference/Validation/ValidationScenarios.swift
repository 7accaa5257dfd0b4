import Foundation
import SarhadModel

/// Configurations for the analytic checks, derived from a full scenario so every field is valid.
public enum ValidationScenarios {
    /// One province, homogeneous mixing: only the community layer, every row proportional to the age
    /// shares, equal susceptibility and age-independent disease probabilities. The next-generation
    /// matrix is then rank one and the epidemic is one-type, for which the final-size and Euler–Lotka
    /// relations are exact. No arrivals, tests, health-worker contacts or timeline.
    public static func wellMixed(_ base: ModelConfiguration, r0: Double, residents: Double, days: Int,
                                 seeds: Int = 10) -> ModelConfiguration {
        var c = base
        let kept = c.provinces.indices.max { c.provinces[$0].populationWeight < c.provinces[$1].populationWeight } ?? 0
        c.name = "well-mixed province, R0 \(r0)"
        c.provinces = [c.provinces[kept]]
        c.population.nationalTotal = residents
        c.populationScale = 1
        c.endDate = c.startDate.adding(days: days - 1)
        let total = c.population.ageShares.reduce(0, +)
        let shares = c.population.ageShares.map { $0 / total }
        let zero = ContactMatrix(rows: [[Double]](repeating: [Double](repeating: 0, count: AgeBands.count), count: AgeBands.count))
        let community = ContactMatrix(rows: [[Double]](repeating: shares.map { 12 * $0 }, count: AgeBands.count))
        c.contacts = ContactParameters(household: zero, school: zero, work: zero, community: community)
        c.disease.r0 = r0
        c.disease.symptomaticProbability = [Double](repeating: 0.6, count: AgeBands.count)
        c.disease.severeGivenSymptomatic = [Double](repeating: 0.05, count: AgeBands.count)
        c.disease.criticalGivenSevere = [Double](repeating: 0.25, count: AgeBands.count)
        c.disease.relativeSusceptibility = [Double](repeating: 1, count: AgeBands.count)
        c.settings.idpSettlementResidents = 0
        c.settings.prisoners = 0
        c.settings.idpProvinceWeights = [1]
        c.settings.healthWorkersPerThousand = [0]
        c.settings.centralPrisonProvince = 0
        c.settings.patientHealthWorkerContactsPerDay = 0
        c.mobility.outsideProvinceShare = 0
        c.health = HealthSystemParameters(beds: [c.health.beds[kept]], intensiveCare: [c.health.intensiveCare[kept]])
        c.access = AccessParameters(access: [1])
        c.importation = ImportationParameters(
            crossings: [], arrivalPeriods: [], arrivalsPerDayAfterData: 0, destinationWeights: [1],
            sourcePrevalence: SourcePrevalence(firstDate: c.startDate, daily: []), relativeRiskOfReturnees: 1,
            seededInfections: [SeededInfection(date: c.startDate, province: 0, count: seeds)])
        c.observation.initialTestsPerDay = 0
        c.observation.backgroundTestSeekersPer100k = 0
        c.timeline = []
        c.laboratories = []  // they named provinces that are gone; one national pool
        c.behaviour = .off
        // Everyone equally active: individual activity would make the epidemic multitype, with a smaller
        // final size than z = 1 − exp(−R0 z) at the same R0.
        c.contactActivity = .off
        // One well-mixed place: no districts (their lists named the provinces that are gone) and no urban factor.
        c.districts = .off
        c.urbanRural = .off
        return c
    }

    /// The well-mixed province with unlimited tests, no background demand, full access, no isolation
    /// and no post-mortem tests: every case seeks a test at each onset with the configured probabilities, so the
    /// recorded share of symptomatic cases has a closed form (`expectedConfirmedShare`).
    public static func unlimitedTesting(_ base: ModelConfiguration, residents: Double, days: Int) -> ModelConfiguration {
        var c = wellMixed(base, r0: 2.5, residents: residents, days: days)
        c.name = "well-mixed province, unlimited tests"
        c.observation.initialTestsPerDay = 1e12
        c.observation.backgroundTestSeekersPer100k = 0
        c.observation.isolationOfConfirmed = 0
        // Post-mortem tests would confirm some of the dead a second way; the closed form counts onsets only.
        c.observation.postMortemTestingInHospital = 0
        c.observation.postMortemTestingElsewhere = 0
        return c
    }

    /// The probability that a symptomatic case is ever confirmed when tests are unlimited: a case
    /// seeks a test at mild onset, again at severe and critical onset if not yet confirmed, and each
    /// test finds it with the test's sensitivity.
    public static func expectedConfirmedShare(_ c: ModelConfiguration) -> Double {
        let o = c.observation, sensitivity = o.testSensitivity, access = c.access.access[0]
        let missMild = 1 - o.testSeekingMild * access * sensitivity
        let missSevere = 1 - o.testSeekingSevere * access * sensitivity
        let missCritical = 1 - o.testSeekingCritical * access * sensitivity
        let severe = c.disease.severeGivenSymptomatic[0], critical = c.disease.criticalGivenSevere[0]
        let missed = (1 - severe) * missMild + severe * (1 - critical) * missMild * missSevere
            + severe * critical * missMild * missSevere * missCritical
        return 1 - missed
    }

    /// The root z in (0, 1) of z = 1 − exp(−R0 · z), by bisection.
    public static func finalSize(r0: Double) -> Double {
        var low = 1e-9, high = 1.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle - (1 - exp(-r0 * middle)) < 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

