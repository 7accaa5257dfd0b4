import SarhadModel

/// Every scalar and vector setting of a scenario, in the order `scenario show` writes them.
/// Structured settings (crossings, arrival periods, source prevalence, seeds, timeline) are read
/// by `ScenarioLoader` directly.
public enum ParameterCatalog {
    typealias Path<T> = WritableKeyPath<Scenario, T>

    static func number(_ section: String, _ key: String, _ range: ClosedRange<Double>, _ unit: String, _ summary: String,
                       _ source: String, _ path: Path<Double>) -> ParameterSpec {
        ParameterSpec(section: section, key: key, kind: .number(range), unit: unit, summary: summary, source: source,
                      get: { .number($0[keyPath: path]) },
                      set: { if case .number(let value) = $1 { $0[keyPath: path] = value } })
    }

    static func integer(_ section: String, _ key: String, _ range: ClosedRange<Int>, _ unit: String, _ summary: String,
                        _ source: String, _ path: Path<Int>) -> ParameterSpec {
        ParameterSpec(section: section, key: key, kind: .integer(range), unit: unit, summary: summary, source: source,
                      get: { .integer($0[keyPath: path]) },
                      set: { if case .integer(let value) = $1 { $0[keyPath: path] = value } })
    }

    static func boolean(_ section: String, _ key: String, _ summary: String, _ source: String,
                        _ path: Path<Bool>) -> ParameterSpec {
        ParameterSpec(section: section, key: key, kind: .boolean, unit: "", summary: summary, source: source,
                      get: { .boolean($0[keyPath: path]) },
                      set: { if case .boolean(let value) = $1 { $0[keyPath: path] = value } })
    }

    static func vector(_ section: String, _ key: String, _ kind: ParameterSpec.Kind, _ unit: String, _ summary: String,
                       _ source: String, _ path: Path<[Double]>) -> ParameterSpec {
        ParameterSpec(section: section, key: key, kind: kind, unit: unit, summary: summary, source: source,
                      get: { .numbers($0[keyPath: path]) },
                      set: { if case .numbers(let value) = $1 { $0[keyPath: path] = value } })
    }

    static func duration(_ key: String, _ summary: String, _ source: String,
                         _ path: Path<DurationDistribution>) -> [ParameterSpec] {
        [number("disease", "\(key)_mean_days", 0.01...365, "days", "\(summary): mean of a lognormal", source,
                path.appending(path: \.mean)),
         number("disease", "\(key)_sd_days", 0...365, "days", "\(summary): standard deviation", source,
                path.appending(path: \.standardDeviation))]
    }

    public static let all: [ParameterSpec] = scenario + population + settings + disease + mobility + importation
        + border + health + observation + behaviour

    static let scenario: [ParameterSpec] = [
        ParameterSpec(section: "scenario", key: "name", kind: .text, unit: "", summary: "Name shown in outputs", source: "",
                      get: { .text($0.configuration.name) },
                      set: { if case .text(let value) = $1 { $0.configuration.name = value } }),
        ParameterSpec(section: "scenario", key: "start", kind: .date, unit: "", summary: "First simulated day", source: "",
                      get: { .date($0.configuration.startDate) },
                      set: { if case .date(let value) = $1 { $0.configuration.startDate = value } }),
        ParameterSpec(section: "scenario", key: "end", kind: .date, unit: "", summary: "Last simulated day", source: "",
                      get: { .date($0.configuration.endDate) },
                      set: { if case .date(let value) = $1 { $0.configuration.endDate = value } }),
        number("scenario", "population_scale", 0.000001...1, "fraction", "Share of the real population simulated (1 = everyone)",
               "", \.configuration.populationScale),
    ]

    static let population: [ParameterSpec] = [
        number("population", "total", 1000...ScenarioLimits.maximumPopulation, "persons", "Residents at population scale 1",
               "38.4 million (brief; UN WPP 2019 gives 38.93 M for mid-2020, see docs/MODEL.md)",
               \.configuration.population.nationalTotal),
        vector("population", "age_shares", .ageVector(0...1), "share", "Share of residents by age band",
               "UN WPP 2019, 2020 medium variant (age_distribution.csv)", \.configuration.population.ageShares),
        vector("population", "household_size_shares", .numberList(0...100), "% of households",
               "Households with 1, 2, 3, … members", "Afghanistan DHS 2015 Table 2.8; 9+ split by ALCS 2013-14 Table 3.2",
               \.configuration.population.householdSizeShares),
    ]

    static let settings: [ParameterSpec] = [
        number("settings", "idp_settlement_residents", 0...100_000_000, "persons", "Residents of informal IDP settlements",
               "IOM DTM Baseline Mobility Assessment Round 9, Dec 2019", \.configuration.settings.idpSettlementResidents),
        vector("settings", "idp_province_weights", .provinceValues(0...1e12), "weight", "Spread of settlements over provinces",
               "assumption: proportional to population", \.configuration.settings.idpProvinceWeights),
        number("settings", "idp_contacts_per_day", 0...1000, "contacts/day", "Extra contacts within a province's settlements",
               "assumption", \.configuration.settings.idpContactsPerDay),
        number("settings", "prisoners", 0...10_000_000, "persons", "National prison population",
               "assumption from reported 19,000–43,000 (docs/MODEL.md)", \.configuration.settings.prisoners),
        number("settings", "central_prison_share", 0...1, "share", "Prisoners held in the central prison",
               "assumption (Pul-e-Charkhi, Kabul)", \.configuration.settings.centralPrisonShare),
        ParameterSpec(section: "settings", key: "central_prison_province", kind: .province, unit: "",
                      summary: "Province of the central prison", source: "Pul-e-Charkhi is in Kabul",
                      get: { .integer($0.configuration.settings.centralPrisonProvince) },
                      set: { if case .integer(let value) = $1 { $0.configuration.settings.centralPrisonProvince = value } }),
        number("settings", "prison_contacts_per_day", 0...1000, "contacts/day", "Contacts among prisoners of one prison",
               "assumption", \.configuration.settings.prisonContactsPerDay),
        number("settings", "prison_outside_contact_factor", 0...1, "factor",
               "Prisoners' community contacts (staff, visitors) relative to a free resident's", "assumption",
               \.configuration.settings.prisonOutsideContactFactor),
        vector("settings", "health_workers_per_1000", .provinceValues(0...1000), "per 1,000",
               "Health workers per 1,000 residents", "about 5 doctors, nurses and midwives per 10,000 (Safi et al. 2018; WHO)",
               \.configuration.settings.healthWorkersPerThousand),
        number("settings", "patient_health_worker_contacts_per_day", 0...1000, "contacts/day",
               "Contacts of a hospitalised patient with health workers", "assumption",
               \.configuration.settings.patientHealthWorkerContactsPerDay),
        number("settings", "protective_equipment_efficacy", 0...1, "share",
               "Transmission to health workers prevented by protective equipment", "assumption: none in spring 2020",
               \.configuration.settings.protectiveEquipmentEfficacy),
    ]

    static let disease: [ParameterSpec] = [
        number("disease", "r0", 0...30, "", "Basic reproduction number of the household, school, work and community layers",
               "Imperial College Report 9 (Ferguson et al. 2020): 2.4", \.configuration.disease.r0),
    ] + duration("latent", "Exposure to infectiousness", "Lauer et al. 2020 Ann Intern Med; Covasim v3.0", \.configuration.disease.latent)
      + duration("presymptomatic", "Infectiousness to symptom onset", "Linton et al. 2020 J Clin Med; Covasim v3.0",
                 \.configuration.disease.presymptomatic)
      + duration("asymptomatic", "Asymptomatic infectious period", "Wölfel et al. 2020 Nature; Covasim v3.0",
                 \.configuration.disease.asymptomaticInfectious)
      + duration("mild_to_recovery", "Mild illness to recovery", "Wölfel et al. 2020 Nature; Covasim v3.0",
                 \.configuration.disease.mildToRecovery)
      + duration("onset_to_severe", "Symptom onset to severe illness", "Linton et al. 2020 J Clin Med; Covasim v3.0",
                 \.configuration.disease.onsetToSevere)
      + duration("severe_to_critical", "Severe to critical illness", "Wang et al. 2020 JAMA; Covasim v3.0",
                 \.configuration.disease.severeToCritical)
      + duration("severe_to_recovery", "Severe illness to recovery", "Verity et al. 2020 Lancet Infect Dis; Covasim v3.0",
                 \.configuration.disease.severeToRecovery)
      + duration("critical_to_recovery", "Critical illness to recovery", "Verity et al. 2020; Covasim v3.0",
                 \.configuration.disease.criticalToRecovery)
      + duration("critical_to_death", "Critical illness to death", "Verity et al. 2020 onset-to-death 17.8 d minus 6.6 and 1.5",
                 \.configuration.disease.criticalToDeath)
      + [
        vector("disease", "symptomatic_probability", .ageVector(0...1), "probability", "Infections that become symptomatic",
               "Covasim assumption (Kerr et al. 2021)", \.configuration.disease.symptomaticProbability),
        vector("disease", "severe_given_symptomatic", .ageVector(0...1), "probability", "Symptomatic cases needing hospital",
               "Imperial College Report 9, Table 1", \.configuration.disease.severeGivenSymptomatic),
        vector("disease", "critical_given_severe", .ageVector(0...1), "probability", "Hospitalised cases needing critical care",
               "Imperial College Report 9, Table 1", \.configuration.disease.criticalGivenSevere),
        vector("disease", "death_given_critical_with_care", .ageVector(0...1), "probability",
               "Deaths of critical cases in intensive care", "Verity et al. 2020 IFR / P(critical), capped at 1",
               \.configuration.disease.deathGivenCriticalWithCare),
        number("disease", "death_severe_without_bed", 0...1, "probability", "Deaths of severe cases who find no bed",
               "Walker et al. 2020 Science; squire", \.configuration.disease.deathSevereWithoutBed),
        number("disease", "death_critical_without_icu", 0...1, "probability", "Deaths of critical cases who find no ICU place",
               "Walker et al. 2020 Science; squire", \.configuration.disease.deathCriticalWithoutIntensiveCare),
        vector("disease", "relative_susceptibility", .ageVector(0...10), "factor", "Susceptibility by age",
               "assumption: equal (age effects were not established by April 2020)",
               \.configuration.disease.relativeSusceptibility),
        number("disease", "relative_infectiousness_asymptomatic", 0...10, "factor", "Asymptomatic vs symptomatic infectiousness",
               "Imperial College Report 9 (symptomatic 50 % more infectious)",
               \.configuration.disease.relativeInfectiousnessAsymptomatic),
        number("disease", "relative_infectiousness_presymptomatic", 0...10, "factor",
               "Presymptomatic vs symptomatic infectiousness", "He et al. 2020 Nat Med; Covasim",
               \.configuration.disease.relativeInfectiousnessPresymptomatic),
    ]

    static let mobility: [ParameterSpec] = [
        number("mobility", "outside_province_share", 0...1, "share", "Work and community contacts made outside the home province",
               "assumption (3 %, range 1–10 %)", \.configuration.mobility.outsideProvinceShare),
        number("mobility", "distance_exponent", 0...10, "", "Gravity model: distance decay exponent",
               "assumption (gravity form after Viboud et al. 2006 Science)", \.configuration.mobility.distanceExponent),
        number("mobility", "destination_population_exponent", 0...10, "", "Gravity model: destination population exponent",
               "assumption (gravity form after Viboud et al. 2006 Science)", \.configuration.mobility.destinationPopulationExponent),
        number("mobility", "minimum_distance_km", 0.1...10000, "km", "Distances below this count as this",
               "assumption", \.configuration.mobility.minimumDistanceKm),
    ]

    static let importation: [ParameterSpec] = [
        number("importation", "arrivals_per_day_after_data", 0...10_000_000, "persons/day",
               "Daily arrivals after the last arrival period", "IOM/UNHCR: last reported week 5–11 Apr 2020 (16,681 / 7)",
               \.configuration.importation.arrivalsPerDayAfterData),
        vector("importation", "destination_weights", .provinceValues(0...1e12), "weight", "Where returnees settle",
               "assumption: population share ×4 Herat, ×4 Nimroz, ×2 Farah, ×2 Kabul",
               \.configuration.importation.destinationWeights),
        number("importation", "relative_risk_of_returnees", 0...1000, "factor",
               "Returnees' infection risk relative to the source country's average", "assumption",
               \.configuration.importation.relativeRiskOfReturnees),
    ]

    static let border: [ParameterSpec] = [
        boolean("border", "open", "Whether returnees can cross", "open in spring 2020", \.configuration.border.open),
        boolean("border", "screening", "Symptom screening at the crossing", "off in 2020 (questions and temperature only)",
                \.configuration.border.screeningEnabled),
        number("border", "screening_sensitivity", 0...1, "share", "Symptomatic infected arrivals caught by screening",
               "Gostic et al. 2020 eLife (fever scanner 0.7)", \.configuration.border.screeningSensitivity),
        boolean("border", "quarantine", "Quarantine of all arrivals", "off in 2020", \.configuration.border.quarantineEnabled),
        integer("border", "quarantine_days", 0...365, "days", "Length of quarantine", "Clifford et al. 2021 Eurosurveillance",
                \.configuration.border.quarantineDays),
        number("border", "quarantine_adherence", 0...1, "share", "Arrivals who keep to quarantine", "CMMID (0.75)",
               \.configuration.border.quarantineAdherence),
    ]

    static let health: [ParameterSpec] = [
        vector("health", "beds", .provinceValues(0...10_000_000), "beds", "Hospital beds for COVID-19 patients",
               "0.5 per 1,000 (World Bank/OWID), spread by population", \.configuration.health.beds),
        vector("health", "icu", .provinceValues(0...10_000_000), "places", "Intensive-care places (ventilators)",
               "300 ventilators (press, March 2020; Lowcock & Shah 2021), spread by population", \.configuration.health.intensiveCare),
        vector("health", "access", .provinceValues(0...1), "factor",
               "Access: scales testing, care seeking and compliance",
               "assumption from SIGAR district control 54/34/12 % (Oct 2018); Kabul 0.95", \.configuration.access.access),
    ]

    static let behaviour: [ParameterSpec] = [
        boolean("behaviour", "enabled", "Contacts outside the home fall as recent deaths in the province rise",
                "Funk et al. 2009 PNAS 106:6872 (form); on by default: people in Iran and Europe cut contacts as deaths rose",
                \.configuration.behaviour.enabled),
        integer("behaviour", "window_days", 1...120, "days", "Days of deaths people weigh",
                "assumption (two weeks of news and funerals)", \.configuration.behaviour.windowDays),
        number("behaviour", "half_effect_deaths_per_100k", 0.001...100_000, "deaths per 100,000 over the window",
               "Deaths at which contacts fall halfway to the floor",
               "assumption: wide prior log-uniform(0.2, 20) in calibration", \.configuration.behaviour.halfEffectDeathsPer100k),
        number("behaviour", "floor", 0...1, "multiplier", "Lowest multiplier of school, work and community contacts from fear alone",
               "assumption: mobility fell 30–60 % in countries with rising deaths in March 2020 (Google mobility reports)",
               \.configuration.behaviour.floor),
    ]

    static let observation: [ParameterSpec] = [
        number("observation", "test_seeking_mild", 0...1, "probability", "Mild cases who seek a test at onset",
               "assumption (calibrated)", \.configuration.observation.testSeekingMild),
        number("observation", "test_seeking_severe", 0...1, "probability", "Severe cases who seek a test",
               "assumption (calibrated)", \.configuration.observation.testSeekingSevere),
        number("observation", "test_seeking_critical", 0...1, "probability", "Critical cases who seek a test",
               "assumption (calibrated)", \.configuration.observation.testSeekingCritical),
        number("observation", "background_test_seekers_per_100k", 0...100_000, "per 100,000 per day",
               "People without COVID-19 seeking a test", "assumption (14 % positivity on 7 Apr 2020, OCHA)",
               \.configuration.observation.backgroundTestSeekersPer100k),
        number("observation", "initial_tests_per_day", 0...100_000_000, "tests/day", "National tests per day before any capacity event",
               "no testing before 23 Feb 2020", \.configuration.observation.initialTestsPerDay),
        number("observation", "test_sensitivity", 0...1, "probability", "PCR sensitivity in symptomatic people",
               "Fang et al. 2020 Radiology (0.71)", \.configuration.observation.testSensitivity),
        integer("observation", "reporting_delay_days", 0...60, "days", "Test to confirmed case in the record",
                "assumption", \.configuration.observation.reportingDelayDays),
        number("observation", "post_mortem_testing_in_hospital", 0...1, "probability",
               "Unconfirmed hospital deaths given a post-mortem test (uses the day's tests; hospital priority)",
               "assumption: MoPH counted deaths of laboratory-confirmed cases only (OCHA, WHO 2020)",
               \.configuration.observation.postMortemTestingInHospital),
        number("observation", "post_mortem_testing_elsewhere", 0...1, "probability",
               "Unconfirmed deaths elsewhere given a post-mortem test (before access; symptomatic priority)",
               "assumption: post-mortem testing rare, no death registration (OCHA, WHO 2020; calibrated)",
               \.configuration.observation.postMortemTestingElsewhere),
        number("observation", "death_recording_of_confirmed", 0...1, "probability",
               "Deaths of confirmed cases that reach the record (follow-up)",
               "assumption: confirmed cases who die at home can be lost to follow-up",
               \.configuration.observation.deathRecordingOfConfirmed),
        integer("observation", "death_reporting_delay_days", 0...60, "days", "Death to record", "assumption",
                \.configuration.observation.deathReportingDelayDays),
        number("observation", "isolation_of_confirmed", 0...1, "share", "Confirmed cases who isolate until recovery",
               "assumption", \.configuration.observation.isolationOfConfirmed),
        integer("observation", "test_rank_hospitalised", 1...4, "rank", "Order in which hospitalised patients' samples are tested (1 first; equal ranks share one lottery)",
                "WHO interim guidance on laboratory testing, 19 March 2020", \.configuration.observation.testPriority.ranks[0]),
        integer("observation", "test_rank_health_workers", 1...4, "rank", "Order for health workers' samples",
                "WHO interim guidance on laboratory testing, 19 March 2020", \.configuration.observation.testPriority.ranks[1]),
        integer("observation", "test_rank_symptomatic", 1...4, "rank", "Order for other symptomatic seekers and post-mortem samples outside hospital",
                "WHO interim guidance on laboratory testing, 19 March 2020", \.configuration.observation.testPriority.ranks[2]),
        integer("observation", "test_rank_others", 1...4, "rank", "Order for people seeking a test for other illnesses",
                "WHO interim guidance on laboratory testing, 19 March 2020", \.configuration.observation.testPriority.ranks[3]),
        integer("observation", "seroconversion_days", 0...120, "days", "Infection to detectable antibodies",
                "Long et al. 2020 Nat Med 26:845 (IgG by ~19 days after onset; median ~13 d after onset + ~5 d incubation)",
                \.configuration.observation.serology.conversionDays),
        number("observation", "seropositivity_mean_days", 1...100_000, "days", "Mean time antibodies stay detectable (exponential)",
               "assumption: unknown in April 2020", \.configuration.observation.serology.detectableMeanDays),
        number("observation", "serology_sensitivity", 0...1, "probability", "Antibody assay sensitivity once detectable",
               "assumption: typical ELISA/lateral-flow validation in spring 2020 (0.85–0.95)", \.configuration.observation.serology.sensitivity),
        number("observation", "serology_specificity", 0...1, "probability", "Antibody assay specificity",
               "assumption: typical validation in spring 2020 (0.98–0.998)", \.configuration.observation.serology.specificity),
    ]
}
