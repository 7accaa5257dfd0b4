import SarhadModel

/// Sarhad's general defaults, for a country of given regions: what a pack's `scenario.toml` starts from.
///
/// Biology (the disease's course by age) and how people seek tests and behave are the same
/// everywhere unless a pack says otherwise; what belongs to a country (its people, beds, borders,
/// settings, laboratories and timeline) is neutral here: no displaced settlements, no prisons, no
/// crossings, no arrivals, no laboratories, no events, full access. A pack's `scenario.toml` must give
/// what has no neutral value (`requiredKeys`): the age distribution, the household sizes, and beds and
/// intensive-care places by region. docs/MODEL.md gives the sources of the general values.
enum PackSkeleton {
    /// Keys a pack's `scenario.toml` must set, by section.
    static let requiredKeys: [(section: String, key: String)] = [
        ("population", "age_shares"), ("population", "household_size_shares"), ("health", "beds"), ("health", "icu"),
    ]

    static func configuration(country: String, provinces: [Province], districts: [[District]]?,
                              contacts: ContactParameters) -> ModelConfiguration {
        let n = provinces.count
        let total = provinces.reduce(0) { $0 + $1.populationWeight }
        let shares = provinces.map { $0.populationWeight / total }
        let largest = shares.indices.max { shares[$0] < shares[$1] } ?? 0
        let urbanShare = districts.map { list in
            list.map { region in
                let residents = region.reduce(0) { $0 + $1.populationWeight }
                return residents > 0 ? region.reduce(0) { $0 + $1.urbanShare * $1.populationWeight } / residents : 0
            }
        } ?? [Double](repeating: 0, count: n)
        return ModelConfiguration(
            name: country, startDate: SimDate(year: 2020, month: 1, day: 1)!, endDate: SimDate(year: 2020, month: 12, day: 31)!,
            populationScale: 1, provinces: provinces,
            population: PopulationParameters(nationalTotal: total, ageShares: [Double](repeating: 1.0 / 16, count: 16),
                                             householdSizeShares: [1]),
            settings: SettingParameters(
                idpSettlementResidents: 0, idpProvinceWeights: shares, idpContactsPerDay: 10,
                prisoners: 0, centralPrisonShare: 0, centralPrisonProvince: largest, prisonContactsPerDay: 20,
                prisonOutsideContactFactor: 0.1, healthWorkersPerThousand: [Double](repeating: 0.5, count: n),
                patientHealthWorkerContactsPerDay: 5, protectiveEquipmentEfficacy: 0),
            disease: disease(),
            contacts: contacts,
            mobility: MobilityParameters(outsideProvinceShare: 0.03, distanceExponent: 2, destinationPopulationExponent: 1,
                                         minimumDistanceKm: 25),
            importation: ImportationParameters(crossings: [], arrivalPeriods: [], arrivalsPerDayAfterData: 0,
                                               destinationWeights: shares, sourcePrevalence: .fromPoints([]),
                                               relativeRiskOfReturnees: 1),
            border: BorderParameters(screeningEnabled: false, screeningSensitivity: 0.7, quarantineEnabled: false,
                                     quarantineDays: 14, quarantineAdherence: 0.75, open: true),
            health: HealthSystemParameters(beds: [Double](repeating: 0, count: n), intensiveCare: [Double](repeating: 0, count: n)),
            access: AccessParameters(access: [Double](repeating: 1, count: n)),
            observation: ObservationParameters(
                testSeekingMild: 0.15, testSeekingSevere: 0.5, testSeekingCritical: 0.7,
                backgroundTestSeekersPer100k: 0.5, initialTestsPerDay: 0, testSensitivity: 0.7,
                reportingDelayDays: 2, postMortemTestingInHospital: 0.5, postMortemTestingElsewhere: 0.05,
                deathRecordingOfConfirmed: 0.9, deathReportingDelayDays: 2, isolationOfConfirmed: 0.5,
                testPriority: .standard, serology: .standard, sampleTransport: .standard),
            timeline: [],
            behaviour: BehaviourParameters(enabled: true, windowDays: 14, halfEffectDeathsPer100k: 2, floor: 0.5),
            contactActivity: ContactActivityParameters(enabled: true, gammaShape: 2, classes: 4),
            urbanRural: UrbanRuralParameters(enabled: false, urbanShare: urbanShare, urbanContactsPerDay: [1, 1, 1],
                                             ruralContactsPerDay: [1, 1, 1]),
            districts: districts.map { DistrictParameters(enabled: true, districts: $0, localShare: 0.85, schoolLocalShare: 0.95,
                                                          minimumSimulatedResidents: 2_000) } ?? .off,
            laboratories: [])
    }

    /// The disease's course by age: ten-year values (Verity et al. 2020 and the sources in docs/MODEL.md)
    /// expanded to the 16 five-year bands; 75+ weights 75–79 and 80+.
    static func disease() -> DiseaseParameters {
        func expand(_ decades: [Double], over75: Double) -> AgeVector {
            (0..<15).map { decades[min($0 / 2, decades.count - 1)] } + [over75]
        }
        let symptomatic = expand([0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90], over75: 0.87)
        let severe = expand([0.001, 0.003, 0.012, 0.032, 0.049, 0.102, 0.166, 0.243, 0.273], over75: 0.2545)
        let critical = expand([0.05, 0.05, 0.05, 0.05, 0.063, 0.122, 0.274, 0.432, 0.709], over75: 0.5385)
        let infectionFatality = expand([0.0000161, 0.0000695, 0.000309, 0.000844, 0.00161, 0.00595, 0.0193, 0.0428, 0.0780],
                                       over75: 0.0564)
        let deathGivenCritical = (0..<16).map { min(1, infectionFatality[$0] / (symptomatic[$0] * severe[$0] * critical[$0])) }
        return DiseaseParameters(
            r0: 2.4,
            latent: DurationDistribution(mean: 4.5, standardDeviation: 1.5),
            presymptomatic: DurationDistribution(mean: 1.1, standardDeviation: 0.9),
            asymptomaticInfectious: DurationDistribution(mean: 8.0, standardDeviation: 2.0),
            mildToRecovery: DurationDistribution(mean: 8.0, standardDeviation: 2.0),
            onsetToSevere: DurationDistribution(mean: 6.6, standardDeviation: 4.9),
            severeToCritical: DurationDistribution(mean: 1.5, standardDeviation: 2.0),
            severeToRecovery: DurationDistribution(mean: 18.1, standardDeviation: 6.3),
            criticalToRecovery: DurationDistribution(mean: 18.1, standardDeviation: 6.3),
            criticalToDeath: DurationDistribution(mean: 9.7, standardDeviation: 4.4),
            symptomaticProbability: symptomatic,
            severeGivenSymptomatic: severe,
            criticalGivenSevere: critical,
            deathGivenCriticalWithCare: deathGivenCritical,
            deathSevereWithoutBed: 0.6,
            deathCriticalWithoutIntensiveCare: 0.95,
            relativeSusceptibility: [Double](repeating: 1, count: 16),
            relativeInfectiousnessAsymptomatic: 0.67,
            relativeInfectiousnessPresymptomatic: 1.0)
    }
}
