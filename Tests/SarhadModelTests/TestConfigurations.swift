@testable import SarhadModel

/// Small, fully specified configurations for model tests, independent of the bundled country data.
enum TestConfigurations {
    static let start = SimDate(year: 2020, month: 1, day: 1)!

    static func flatMatrix(_ contactsPerDay: Double) -> ContactMatrix {
        ContactMatrix(rows: [[Double]](repeating: [Double](repeating: contactsPerDay / 16, count: 16), count: 16))
    }

    static let constantDays = DurationDistribution(mean: 5, standardDeviation: 0)

    /// One well-mixed province; only community contacts; every infection asymptomatic with relative
    /// infectiousness 1, so R0 is exactly β · contacts · mean infectious days.
    static func wellMixed(residents: Double, r0: Double, days: Int = 300, seeds: Int = 20) -> ModelConfiguration {
        let zero = [Double](repeating: 0, count: 16)
        let disease = DiseaseParameters(
            r0: r0, latent: DurationDistribution(mean: 3, standardDeviation: 1),
            presymptomatic: DurationDistribution(mean: 1, standardDeviation: 0.5),
            asymptomaticInfectious: DurationDistribution(mean: 6, standardDeviation: 2),
            mildToRecovery: constantDays, onsetToSevere: constantDays, severeToCritical: constantDays,
            severeToRecovery: constantDays, criticalToRecovery: constantDays, criticalToDeath: constantDays,
            symptomaticProbability: zero, severeGivenSymptomatic: zero, criticalGivenSevere: zero,
            deathGivenCriticalWithCare: zero, deathSevereWithoutBed: 0, deathCriticalWithoutIntensiveCare: 0,
            relativeSusceptibility: [Double](repeating: 1, count: 16),
            relativeInfectiousnessAsymptomatic: 1, relativeInfectiousnessPresymptomatic: 1)
        let province = Province(code: "P1", name: "Testland", latitude: 34, longitude: 66, populationWeight: 1)
        return ModelConfiguration(
            name: "well-mixed test", startDate: start, endDate: start.adding(days: days - 1), populationScale: 1,
            provinces: [province],
            population: PopulationParameters(nationalTotal: residents, ageShares: [Double](repeating: 1, count: 16),
                                             householdSizeShares: [1]),
            settings: SettingParameters(
                idpSettlementResidents: 0, idpProvinceWeights: [1], idpContactsPerDay: 0, prisoners: 0,
                centralPrisonShare: 0, centralPrisonProvince: 0, prisonContactsPerDay: 0, prisonOutsideContactFactor: 0,
                healthWorkersPerThousand: [0], patientHealthWorkerContactsPerDay: 0, protectiveEquipmentEfficacy: 0),
            disease: disease,
            contacts: ContactParameters(household: flatMatrix(0), school: flatMatrix(0), work: flatMatrix(0),
                                        community: flatMatrix(10)),
            mobility: MobilityParameters(outsideProvinceShare: 0, distanceExponent: 2, destinationPopulationExponent: 1,
                                         minimumDistanceKm: 25),
            importation: ImportationParameters(
                crossings: [], arrivalPeriods: [], arrivalsPerDayAfterData: 0, destinationWeights: [1],
                sourcePrevalence: SourcePrevalence(firstDate: start, daily: []), relativeRiskOfReturnees: 1,
                seededInfections: [SeededInfection(date: start, province: 0, count: seeds)]),
            border: BorderParameters(screeningEnabled: false, screeningSensitivity: 0.7, quarantineEnabled: false,
                                     quarantineDays: 14, quarantineAdherence: 1, open: true),
            health: HealthSystemParameters(beds: [0], intensiveCare: [0]),
            access: AccessParameters(access: [1]),
            observation: ObservationParameters(
                testSeekingMild: 0, testSeekingSevere: 0, testSeekingCritical: 0, backgroundTestSeekersPer100k: 0,
                initialTestsPerDay: 0, testSensitivity: 1, reportingDelayDays: 0, postMortemTestingInHospital: 1,
                postMortemTestingElsewhere: 1, deathRecordingOfConfirmed: 1, deathReportingDelayDays: 0,
                isolationOfConfirmed: 0, testPriority: .standard, serology: .standard),
            timeline: [])
    }

    /// Two provinces with households, arrivals at a fixed prevalence, symptoms, beds and testing:
    /// small enough for debug builds, rich enough to exercise every mechanism.
    static func twoProvinces(residents: Double = 40_000, days: Int = 120) -> ModelConfiguration {
        var configuration = wellMixed(residents: residents, r0: 2.5, days: days, seeds: 10)
        configuration.provinces = [
            Province(code: "P1", name: "Border", latitude: 34.3, longitude: 62.2, populationWeight: 1),
            Province(code: "P2", name: "Capital", latitude: 34.5, longitude: 69.2, populationWeight: 2),
        ]
        configuration.population.householdSizeShares = [1, 2, 4, 6, 8, 6, 4, 2]
        configuration.contacts = ContactParameters(household: flatMatrix(5), school: flatMatrix(2), work: flatMatrix(1),
                                                   community: flatMatrix(6))
        configuration.mobility.outsideProvinceShare = 0.05
        let ages = (0..<16).map { 0.3 + 0.04 * Double($0) }
        configuration.disease.symptomaticProbability = ages
        configuration.disease.severeGivenSymptomatic = [Double](repeating: 0.1, count: 16)
        configuration.disease.criticalGivenSevere = [Double](repeating: 0.3, count: 16)
        configuration.disease.deathGivenCriticalWithCare = [Double](repeating: 0.4, count: 16)
        configuration.disease.deathSevereWithoutBed = 0.6
        configuration.disease.deathCriticalWithoutIntensiveCare = 0.95
        configuration.disease.relativeInfectiousnessAsymptomatic = 0.67
        configuration.disease.mildToRecovery = DurationDistribution(mean: 8, standardDeviation: 2)
        configuration.disease.onsetToSevere = DurationDistribution(mean: 6, standardDeviation: 3)
        configuration.disease.severeToRecovery = DurationDistribution(mean: 14, standardDeviation: 4)
        configuration.disease.criticalToRecovery = DurationDistribution(mean: 14, standardDeviation: 4)
        configuration.disease.criticalToDeath = DurationDistribution(mean: 9, standardDeviation: 4)
        configuration.settings = SettingParameters(
            idpSettlementResidents: 1000, idpProvinceWeights: [1, 1], idpContactsPerDay: 5, prisoners: 300,
            centralPrisonShare: 0.5, centralPrisonProvince: 1, prisonContactsPerDay: 10, prisonOutsideContactFactor: 0.1,
            healthWorkersPerThousand: [2, 2], patientHealthWorkerContactsPerDay: 3, protectiveEquipmentEfficacy: 0)
        configuration.importation = ImportationParameters(
            crossings: [Crossing(name: "North gate", province: 0, share: 0.7), Crossing(name: "South gate", province: 0, share: 0.3)],
            arrivalPeriods: [ArrivalPeriod(start: start, end: start.adding(days: 59), arrivals: 3000)],
            arrivalsPerDayAfterData: 20, destinationWeights: [3, 1],
            sourcePrevalence: SourcePrevalence(firstDate: start, daily: [0.02]), relativeRiskOfReturnees: 1,
            seededInfections: [SeededInfection(date: start.adding(days: 5), province: 1, count: 10)])
        configuration.health = HealthSystemParameters(beds: [40, 60], intensiveCare: [4, 6])
        configuration.access = AccessParameters(access: [0.8, 1])
        configuration.observation = ObservationParameters(
            testSeekingMild: 0.3, testSeekingSevere: 0.7, testSeekingCritical: 0.9, backgroundTestSeekersPer100k: 20,
            initialTestsPerDay: 50, testSensitivity: 0.8, reportingDelayDays: 2, postMortemTestingInHospital: 0.8,
            postMortemTestingElsewhere: 0.3, deathRecordingOfConfirmed: 0.9, deathReportingDelayDays: 3,
            isolationOfConfirmed: 0.5, testPriority: .standard, serology: .standard)
        configuration.timeline = [
            TimelineEvent(date: start.adding(days: 30), until: start.adding(days: 60),
                          action: .contactMultiplier(layers: [.school], provinces: nil, multiplier: 0)),
            TimelineEvent(date: start.adding(days: 40), action: .prisonerRelease(count: 100)),
            TimelineEvent(date: start.adding(days: 20), action: .testCapacity(perDay: 200)),
        ]
        return configuration
    }
}

/// Root of z = 1 − exp(−R0 z) in (0, 1) by bisection.
func finalSize(r0: Double) -> Double {
    var low = 1e-9
    var high = 1.0
    for _ in 0..<200 {
        let middle = (low + high) / 2
        if middle - (1 - exp(-r0 * middle)) < 0 { low = middle } else { high = middle }
    }
    return (low + high) / 2
}

import Foundation
