import Foundation
import SarhadModel
import SarhadScenario

/// Configurations for the analytic checks, built from the built-in scenario so every field is valid.
enum TestScenarios {
    /// One province, homogeneous mixing: only the community layer, with every row proportional to the
    /// age shares (each person meets every age in proportion to its size), equal susceptibility, and
    /// age-independent disease probabilities. The next-generation matrix is then rank one and the twin
    /// is a one-type epidemic, for which the final size and Euler–Lotka relations are exact.
    /// No arrivals, no tests, no health-worker contacts, no timeline. Everyone equally active unless
    /// `activity` says otherwise (then the epidemic is multitype by activity class, still one type by age).
    static func wellMixed(r0: Double, residents: Double, days: Int, seeds: Int = 10,
                          activity: ContactActivityParameters = .off) throws -> ModelConfiguration {
        var c = try Scenario.builtIn().configuration
        c.contactActivity = activity
        let kabul = c.provinces.firstIndex { $0.name == "Kabul" }!
        c.provinces = [c.provinces[kabul]]
        c.population.nationalTotal = residents
        c.populationScale = 1
        c.endDate = c.startDate.adding(days: days - 1)
        let total = c.population.ageShares.reduce(0, +)
        let shares = c.population.ageShares.map { $0 / total }
        let zero = ContactMatrix(rows: [[Double]](repeating: [Double](repeating: 0, count: 16), count: 16))
        let community = ContactMatrix(rows: [[Double]](repeating: shares.map { 12 * $0 }, count: 16))
        c.contacts = ContactParameters(household: zero, school: zero, work: zero, community: community)
        c.disease.r0 = r0
        c.disease.symptomaticProbability = [Double](repeating: 0.6, count: 16)
        c.disease.severeGivenSymptomatic = [Double](repeating: 0.05, count: 16)
        c.disease.relativeSusceptibility = [Double](repeating: 1, count: 16)
        c.settings.idpProvinceWeights = [1]
        c.settings.healthWorkersPerThousand = [0]
        c.settings.centralPrisonProvince = 0
        c.settings.patientHealthWorkerContactsPerDay = 0
        c.health = HealthSystemParameters(beds: [c.health.beds[kabul]], intensiveCare: [c.health.intensiveCare[kabul]])
        c.access = AccessParameters(access: [c.access.access[kabul]])
        c.importation = ImportationParameters(
            crossings: [], arrivalPeriods: [], arrivalsPerDayAfterData: 0, destinationWeights: [1],
            sourcePrevalence: SourcePrevalence(firstDate: c.startDate, daily: []), relativeRiskOfReturnees: 1,
            seededInfections: [SeededInfection(date: c.startDate, province: 0, count: seeds)])
        c.observation.initialTestsPerDay = 0
        c.timeline = []
        c.behaviour = .off
        return c
    }

    /// The root z in (0, 1) of z = 1 − exp(−R0 · z), by bisection.
    static func finalSize(r0: Double) -> Double {
        var low = 1e-9, high = 1.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle - (1 - exp(-r0 * middle)) < 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
