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
        + border + health + observation + behaviour + contactActivity + urbanRural + districts

    static let scenario: [ParameterSpec] = [
        ParameterSpec(section: "scenario", key: "name", kind: .text, unit: "", summary: "Name shown in outputs", source: "user's choice",
                      get: { .text($0.configuration.name) },
                      set: { if case .text(let value) = $1 { $0.configuration.name = value } }),
        ParameterSpec(section: "scenario", key: "start", kind: .date, unit: "", summary: "First simulated day", source: "design choice: the calendar year 2020",
                      get: { .date($0.configuration.startDate) },
                      set: { if case .date(let value) = $1 { $0.configuration.startDate = value } }),
        ParameterSpec(section: "scenario", key: "end", kind: .date, unit: "", summary: "Last simulated day", source: "design choice: the calendar year 2020",
                      get: { .date($0.configuration.endDate) },
                      set: { if case .date(let value) = $1 { $0.configuration.endDate = value } }),
        number("scenario", "population_scale", 0.000001...1, "fraction", "Share of the real population simulated (1 = everyone)",
               "design choice (1: every resident)", \.configuration.populationScale),
    ]

    static let population: [ParameterSpec] = [
        number("population", "total", 1000...ScenarioLimits.maximumPopulation, "persons", "Residents at population scale 1",
               "project brief: 38.4 million (UN WPP 2019 gives 38.93 M for mid-2020 and NSIA 30.7 M; docs/MODEL.md §2)",
               \.configuration.population.nationalTotal),
        vector("population", "age_shares", .ageVector(0...1), "share", "Share of residents by age band",
               "UN WPP 2019 [1], 2020 medium variant, both sexes (age_distribution.csv); public by 8 Apr 2020: yes", \.configuration.population.ageShares),
        vector("population", "household_size_shares", .numberList(0...100), "% of households",
               "Households with 1, 2, 3, … members", "sizes 1–8: Afghanistan DHS 2015 Table 2.8 [2]; the 9+ share 37.7 % split 20.6 / 13.9 / 3.1 "
               + "in ALCS 2013-14 Table 3.2 proportions [3]; even spread within each group: assumption; public by 8 Apr 2020: yes",
               \.configuration.population.householdSizeShares),
    ]

    static let settings: [ParameterSpec] = [
        number("settings", "idp_settlement_residents", 0...100_000_000, "persons", "Residents of informal IDP settlements",
               "IOM DTM Baseline Mobility Assessment Round 9, Oct–Dec 2019 [4] (7 % of 4,350,900 IDPs)"
               + "; public by 8 Apr 2020: probably (data to Dec 2019; publication date not checked)", \.configuration.settings.idpSettlementResidents),
        vector("settings", "idp_province_weights", .provinceValues(0...1e12), "weight", "Spread of settlements over provinces",
               "assumption: proportional to population", \.configuration.settings.idpProvinceWeights),
        number("settings", "idp_contacts_per_day", 0...1000, "contacts/day", "Extra contacts within a province's settlements",
               "assumption", \.configuration.settings.idpContactsPerDay),
        number("settings", "prisoners", 0...10_000_000, "persons", "National prison population",
               "assumption within reported 26,000 (Radio Azadi, c. 2013) to 43,000 detainees (RFE/RL, 21 Apr 2020) [5]"
               + "; public by 8 Apr 2020: partly (43,000 published after)", \.configuration.settings.prisoners),
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
               "Health workers per 1,000 residents", "Safi et al. 2018 [6]: 4.6 doctors, nurses and midwives per 10,000 (WHO), rounded to 5; "
               + "uniform spread: assumption; public by 8 Apr 2020: yes",
               \.configuration.settings.healthWorkersPerThousand),
        number("settings", "patient_health_worker_contacts_per_day", 0...1000, "contacts/day",
               "Contacts of a hospitalised patient with health workers", "assumption",
               \.configuration.settings.patientHealthWorkerContactsPerDay),
        number("settings", "protective_equipment_efficacy", 0...1, "share",
               "Transmission to health workers prevented by protective equipment", "assumption: none in spring 2020",
               \.configuration.settings.protectiveEquipmentEfficacy),
    ]

    static let disease: [ParameterSpec] = [
        number("disease", "r0", 0...30, "dimensionless", "Basic reproduction number of the household, school, work and community layers",
               "Ferguson et al. 2020, Imperial College Report 9 [7]: 2.4 (2.0–2.6 explored); calibrated; public by 8 Apr 2020: yes", \.configuration.disease.r0),
    ] + duration("latent", "Exposure to infectiousness", "Covasim v3.0 defaults [8], from Lauer et al. 2020 Ann Intern Med [9] incubation minus 1.1"
                 + "; public by 8 Apr 2020: papers yes; Covasim v3.0 values 28 Mar 2021", \.configuration.disease.latent)
      + duration("presymptomatic", "Infectiousness to symptom onset", "Covasim v3.0 [8]: Linton et al. 2020 J Clin Med [10] incubation 5.6 − 4.5; public by 8 Apr 2020: papers yes",
                 \.configuration.disease.presymptomatic)
      + duration("asymptomatic", "Asymptomatic infectious period", "Covasim v3.0 [8], from Wölfel et al. 2020 Nature [11]; public by 8 Apr 2020: yes (preprint 8 Mar)",
                 \.configuration.disease.asymptomaticInfectious)
      + duration("mild_to_recovery", "Mild illness to recovery", "Covasim v3.0 [8], from Wölfel et al. 2020 Nature [11]; public by 8 Apr 2020: yes",
                 \.configuration.disease.mildToRecovery)
      + duration("onset_to_severe", "Symptom onset to severe illness", "Covasim v3.0 [8]: Linton et al. 2020 J Clin Med [10]; Wang D et al. 2020 JAMA [12]; public by 8 Apr 2020: yes",
                 \.configuration.disease.onsetToSevere)
      + duration("severe_to_critical", "Severe to critical illness", "Covasim v3.0 [8]: mean of Chen J et al. 2020 [13] (8.5 − 6.6) and Wang D et al. 2020 JAMA [12] (1.0); "
                 + "sd a Covasim estimate; public by 8 Apr 2020: papers yes",
                 \.configuration.disease.severeToCritical)
      + duration("severe_to_recovery", "Severe illness to recovery", "Covasim v3.0 [8]: Verity et al. 2020 Lancet Infect Dis [14] onset-to-discharge 24.7 − 6.6; "
                 + "sd = CV 0.35 × 18.1; public by 8 Apr 2020: yes",
                 \.configuration.disease.severeToRecovery)
      + duration("critical_to_recovery", "Critical illness to recovery", "as severe_to_recovery: Covasim v3.0 [8], Verity et al. 2020 [14]; public by 8 Apr 2020: yes",
                 \.configuration.disease.criticalToRecovery)
      + duration("critical_to_death", "Critical illness to death", "Verity et al. 2020 [14] onset-to-death 17.8 d minus 6.6 and 1.5 (Covasim's 10.7 uses 18.8, whose origin "
                 + "was not found); sd from Covasim's coefficient of variation 0.45 (its 10.7 d has sd 4.8); public by 8 Apr 2020: yes",
                 \.configuration.disease.criticalToDeath)
      + [
        vector("disease", "symptomatic_probability", .ageVector(0...1), "probability", "Infections that become symptomatic",
               "Covasim assumption [8] (Kerr et al. 2021; in Covasim's code by 31 Mar 2020), not Davies et al., whose "
               + "clinical fractions are far lower: 21 % at 10–19 to 69 % at 70+ [15]; public by 8 Apr 2020: yes (Covasim code)", \.configuration.disease.symptomaticProbability),
        vector("disease", "severe_given_symptomatic", .ageVector(0...1), "probability", "Symptomatic cases needing hospital",
               "Imperial College Report 9 [7], Table 1: % of symptomatic hospitalised; public by 8 Apr 2020: yes",
               \.configuration.disease.severeGivenSymptomatic),
        vector("disease", "critical_given_severe", .ageVector(0...1), "probability", "Hospitalised cases needing critical care",
               "Imperial College Report 9 [7], Table 1: % of hospitalised needing critical care; public by 8 Apr 2020: yes",
               \.configuration.disease.criticalGivenSevere),
        vector("disease", "death_given_critical_with_care", .ageVector(0...1), "probability",
               "Deaths of critical cases in intensive care", "derived: Verity et al. 2020 [14] IFR by age / (P(symptomatic) × P(severe) × P(critical)), capped at 1; "
               + "IFR 0.00161, 0.00695, 0.0309, 0.0844, 0.161, 0.595, 1.93, 4.28, 7.80 % by decade, 75+ 5.64 %; public by 8 Apr 2020: yes",
               \.configuration.disease.deathGivenCriticalWithCare),
        number("disease", "death_severe_without_bed", 0...1, "probability", "Deaths of severe cases who find no bed",
               "Walker et al. 2020 Science [16]; squire's effective code default [17] (its docs say 0.5)"
               + "; public by 8 Apr 2020: no (0.6 in squire from 23 Apr 2020; paper June 2020; grew from Imperial Report 12, 26 Mar 2020)",
               \.configuration.disease.deathSevereWithoutBed),
        number("disease", "death_critical_without_icu", 0...1, "probability", "Deaths of critical cases who find no ICU place",
               "Walker et al. 2020 Science [16]; squire [17]; public by 8 Apr 2020: yes (in squire on 8 Apr 2020)",
               \.configuration.disease.deathCriticalWithoutIntensiveCare),
        vector("disease", "relative_susceptibility", .ageVector(0...10), "factor", "Susceptibility by age",
               "assumption: equal (age effects were not established by April 2020; Davies et al. later estimated about half for under-20s [15])",
               \.configuration.disease.relativeSusceptibility),
        number("disease", "relative_infectiousness_asymptomatic", 0...10, "factor", "Asymptomatic vs symptomatic infectiousness",
               "Imperial College Report 9 [7]: symptomatic cases 50 % more infectious (Li R et al. 2020 [18]: 0.55; "
               + "CDC's 0.75 dates from 10 Jul 2020); public by 8 Apr 2020: yes",
               \.configuration.disease.relativeInfectiousnessAsymptomatic),
        number("disease", "relative_infectiousness_presymptomatic", 0...10, "factor",
               "Presymptomatic vs symptomatic infectiousness", "assumption (He et al. 2020 Nat Med [19] found substantial presymptomatic transmission; Covasim)",
               \.configuration.disease.relativeInfectiousnessPresymptomatic),
    ]

    static let mobility: [ParameterSpec] = [
        number("mobility", "outside_province_share", 0...1, "share", "Work and community contacts made outside the home province",
               "assumption (3 %, range 1–10 %; Wesolowski et al. 2015 [21] and Meredith et al. 2021 [22] argue for a low value)", \.configuration.mobility.outsideProvinceShare),
        number("mobility", "distance_exponent", 0...10, "dimensionless", "Gravity model: distance decay exponent",
               "assumption: the plain gravity model (form after Viboud et al. 2006 Science [23]; fitted exponents of [23] "
               + "and Balcan et al. 2009 [24] not retrieved)", \.configuration.mobility.distanceExponent),
        number("mobility", "destination_population_exponent", 0...10, "dimensionless", "Gravity model: destination population exponent",
               "assumption (gravity form after Viboud et al. 2006 Science [23])", \.configuration.mobility.destinationPopulationExponent),
        number("mobility", "minimum_distance_km", 0.1...10000, "km", "Distances below this count as this",
               "assumption (the closest capitals are 16 km apart)", \.configuration.mobility.minimumDistanceKm),
    ]

    static let importation: [ParameterSpec] = [
        number("importation", "arrivals_per_day_after_data", 0...10_000_000, "persons/day",
               "Daily arrivals after the last arrival period", "IOM/UNHCR [26]: last reported week 5–11 Apr 2020 (16,681 / 7), held to the end: assumption"
               + "; public by 8 Apr 2020: no (about 21 Apr 2020)",
               \.configuration.importation.arrivalsPerDayAfterData),
        vector("importation", "destination_weights", .provinceValues(0...1e12), "weight", "Where returnees settle",
               "assumption: population share ×4 Herat, ×4 Nimroz, ×2 Farah, ×2 Kabul (no province table of destinations found)",
               \.configuration.importation.destinationWeights),
        number("importation", "relative_risk_of_returnees", 0...1000, "factor",
               "Returnees' infection risk relative to the source country's average", "assumption",
               \.configuration.importation.relativeRiskOfReturnees),
    ]

    static let border: [ParameterSpec] = [
        boolean("border", "open", "Whether returnees can cross", "returns from Iran continued through spring 2020 (IOM, returnees_from_iran_2020.csv)", \.configuration.border.open),
        boolean("border", "screening", "Symptom screening at the crossing", "off: screening in 2020 was questions and temperature only (AFP, 16 Mar 2020)",
                \.configuration.border.screeningEnabled),
        number("border", "screening_sensitivity", 0...1, "share", "Symptomatic infected arrivals caught by screening",
               "Gostic et al. 2020 eLife [32]: fever scanner sensitivity 0.7 (a lead, not checked in the research notes); public by 8 Apr 2020: yes", \.configuration.border.screeningSensitivity),
        boolean("border", "quarantine", "Quarantine of all arrivals", "off: no quarantine of arrivals in 2020", \.configuration.border.quarantineEnabled),
        integer("border", "quarantine_days", 0...365, "days", "Length of quarantine", "the standard 14 days (Clifford et al. 2021 Eurosurveillance [33] evaluated it later)",
                \.configuration.border.quarantineDays),
        number("border", "quarantine_adherence", 0...1, "share", "Arrivals who keep to quarantine", "assumption: CMMID constant adherence 0.75 (a lead, not checked)",
               \.configuration.border.quarantineAdherence),
    ]

    static let health: [ParameterSpec] = [
        vector("health", "beds", .provinceValues(0...10_000_000), "beds", "Hospital beds for COVID-19 patients",
               "0.5 per 1,000: World Bank 2015 via squire hospital_bed_capacity.csv [17] and OWID; spread by population: "
               + "assumption; public by 8 Apr 2020: yes", \.configuration.health.beds),
        vector("health", "icu", .provinceValues(0...10_000_000), "places", "Intensive-care places (ventilators)",
               "300 ventilators (press, March 2020; Lowcock & Shah 2021 [34]: only 300 ventilators and two intensive care "
               + "units; squire's derived 286 [17] is the alternative); spread by population: assumption; public by 8 Apr 2020: no (2021)", \.configuration.health.intensiveCare),
        vector("health", "access", .provinceValues(0...1), "factor",
               "Access: scales testing, care seeking and compliance",
               "SIGAR Quarterly Report, Jan 2019 (data Oct 2018) [35]: 54 / 34 / 12 % of districts (via AP); weights "
               + "1 / 0.6 / 0.3 and Kabul 0.95: assumption; public by 8 Apr 2020: data yes", \.configuration.access.access),
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

    static let contactActivity: [ParameterSpec] = [
        boolean("contact_activity", "enabled",
                "Residents differ, for life, in how many school, work and community contacts they make and receive",
                "Mossong et al. 2008 PLoS Med 5:e74 (POLYMOD): daily contact counts are over-dispersed; "
                + "final-size theory for heterogeneous activity: Diekmann & Heesterbeek 2000, Novozhilov 2008",
                \.configuration.contactActivity.enabled),
        number("contact_activity", "gamma_shape", 0.05...1_000, "shape k (variance 1/k)",
               "Gamma shape of individual activity, mean 1; coefficient of variation 1/√k",
               "assumption informed by POLYMOD (Mossong et al. 2008): non-household contacts per day vary roughly as much "
               + "as their mean (CV ≈ 0.7–1, k ≈ 1–2); k = 2 taken; plausible range 0.5–10",
               \.configuration.contactActivity.gammaShape),
        integer("contact_activity", "classes", 2...16, "classes",
                "Equally likely activity classes representing the gamma distribution (each its conditional mean)",
                "numerical choice: at k = 2, 4 classes keep 79 % of the gamma's variance (8 keep 90 %); "
                + "docs/MODEL.md §6b compares final sizes", \.configuration.contactActivity.classes),
    ]

    static let urbanRural: [ParameterSpec] = [
        boolean("urban_rural", "enabled", "A province's school, work and community contacts follow its urban share",
                "Prem et al. 2021 PLoS Comput Biol 17:e1009098 (urban and rural matrices for Afghanistan); "
                + "NSIA Estimated Population 2019-20 (urban share)", \.configuration.urbanRural.enabled),
        vector("urban_rural", "urban_share", .provinceValues(0...1), "share", "Residents living in urban areas",
               "NSIA Estimated Population of Afghanistan 2019-20, settled population urban / (urban + rural) "
               + "(Resources/province_urban_rural.csv); public by 8 Apr 2020: yes (June 2019)", \.configuration.urbanRural.urbanShare),
    ] + UrbanRuralParameters.layers.enumerated().flatMap { slot, layer in
        [number("urban_rural", "urban_\(layer.name)_contacts_per_day", 0...1_000, "contacts/day",
                "Mean \(layer.name) contacts a day of an urban resident",
                "Prem et al. 2021 urban matrix, rows weighted by the age distribution (computed from the bundled file)",
                \.configuration.urbanRural.urbanContactsPerDay[slot]),
         number("urban_rural", "rural_\(layer.name)_contacts_per_day", 0...1_000, "contacts/day",
                "Mean \(layer.name) contacts a day of a rural resident",
                "Prem et al. 2021 rural matrix, rows weighted by the age distribution (computed from the bundled file)",
                \.configuration.urbanRural.ruralContactsPerDay[slot])]
    }

    static let districts: [ParameterSpec] = [
        boolean("districts", "enabled",
                "Residents live in districts, and most school, work and community contacts stay in the district",
                "NSIA Estimated Population of Afghanistan 2019-20, settled population by district "
                + "(Resources/district_population.csv, 421 districts); public by 8 Apr 2020: yes (June 2019)",
                \.configuration.districts.enabled),
        number("districts", "local_share", 0...1, "share",
               "Work and community contacts made within one's own district (the rest follow the province mobility model)",
               "assumption: in rural low-income settings few people travel beyond their home area "
               + "(Wesolowski et al. 2014 Sci Rep 4:5678, Kenya: 7.4 % made an overnight trip in 3 months; "
               + "Meredith et al. 2021 eLife 10:e68441, rural Zambia and Burkina Faso: most trips short); "
               + "0.85 taken for districts some 40 km across; plausible range 0.6–0.95",
               \.configuration.districts.localShare),
        number("districts", "school_local_share", 0...1, "share",
               "School contacts made within one's own district (the rest elsewhere in the province)",
               "assumption: primary and most secondary schools serve their own district; 0.95 taken, range 0.8–1",
               \.configuration.districts.schoolLocalShare),
        integer("districts", "min_simulated_residents", 0...10_000_000, "agents",
                "Districts with fewer simulated residents are merged with their neighbour in the list (matters only at reduced population scales)",
                "numerical choice: below some 2,000 agents a district's 64 age-activity cells are sparsely filled and its local "
                + "contacts fall on the same few agents; docs/MODEL.md §7c compares scales", \.configuration.districts.minimumSimulatedResidents),
    ]

    static let observation: [ParameterSpec] = [
        number("observation", "test_seeking_mild", 0...1, "probability", "Mild cases who seek a test at onset",
               "assumption (calibrated)", \.configuration.observation.testSeekingMild),
        number("observation", "test_seeking_severe", 0...1, "probability", "Severe cases who seek a test",
               "assumption (calibrated)", \.configuration.observation.testSeekingSevere),
        number("observation", "test_seeking_critical", 0...1, "probability", "Critical cases who seek a test",
               "assumption (calibrated)", \.configuration.observation.testSeekingCritical),
        number("observation", "background_test_seekers_per_100k", 0...100_000, "per 100,000 per day",
               "People without COVID-19 seeking a test", "assumption (the target: 14 % of tests positive on 7 Apr 2020, OCHA Flash Update No. 29 [36])",
               \.configuration.observation.backgroundTestSeekersPer100k),
        number("observation", "initial_tests_per_day", 0...100_000_000, "tests/day", "National tests per day before any capacity event",
               "no testing before the first timeline event (23 Feb 2020)", \.configuration.observation.initialTestsPerDay),
        number("observation", "test_sensitivity", 0...1, "probability", "PCR sensitivity in symptomatic people",
               "Fang et al. 2020 Radiology [37]: initial RT-PCR 71 % (36/51); for context Wang W et al. 2020 [38], "
               + "Ai et al. 2020 [39]; public by 8 Apr 2020: yes", \.configuration.observation.testSensitivity),
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
                "WHO interim guidance on laboratory testing, 19 March 2020; public by 8 Apr 2020: yes", \.configuration.observation.testPriority.ranks[0]),
        integer("observation", "test_rank_health_workers", 1...4, "rank", "Order for health workers' samples",
                "WHO interim guidance on laboratory testing, 19 March 2020; public by 8 Apr 2020: yes", \.configuration.observation.testPriority.ranks[1]),
        integer("observation", "test_rank_symptomatic", 1...4, "rank", "Order for other symptomatic seekers and post-mortem samples outside hospital",
                "WHO interim guidance on laboratory testing, 19 March 2020; public by 8 Apr 2020: yes", \.configuration.observation.testPriority.ranks[2]),
        integer("observation", "test_rank_others", 1...4, "rank", "Order for people seeking a test for other illnesses",
                "WHO interim guidance on laboratory testing, 19 March 2020; public by 8 Apr 2020: yes", \.configuration.observation.testPriority.ranks[3]),
        integer("observation", "seroconversion_days", 0...120, "days", "Infection to detectable antibodies",
                "Long et al. 2020 Nat Med 26:845 (IgG by ~19 days after onset; median ~13 d after onset + ~5 d incubation)",
                \.configuration.observation.serology.conversionDays),
        number("observation", "seropositivity_mean_days", 1...100_000, "days", "Mean time antibodies stay detectable (exponential)",
               "assumption: unknown in April 2020", \.configuration.observation.serology.detectableMeanDays),
        number("observation", "serology_sensitivity", 0...1, "probability", "Antibody assay sensitivity once detectable",
               "assumption: typical ELISA/lateral-flow validation in spring 2020 (0.85–0.95)", \.configuration.observation.serology.sensitivity),
        number("observation", "serology_specificity", 0...1, "probability", "Antibody assay specificity",
               "assumption: typical validation in spring 2020 (0.98–0.998)", \.configuration.observation.serology.specificity),
        number("observation", "sample_transport_base_days", 0...60, "days",
               "Days on the way for a sample sent to a laboratory in another province, from full access",
               "judgement: no figure published by 8 Apr 2020; one day by road or air from a connected province",
               \.configuration.observation.sampleTransport.baseDelayDays),
        number("observation", "sample_transport_extra_days", 0...60, "days",
               "Further days on the way from a province with no access (delay = round(base + extra × (1 − access)))",
               "judgement: no figure published by 8 Apr 2020; remote provinces a few days' travel from Kabul or Herat",
               \.configuration.observation.sampleTransport.extraDelayDays),
        number("observation", "sample_loss_maximum", 0...1, "probability",
               "Share of samples lost on the way from a province with no access (loss = maximum × (1 − access))",
               "judgement: no figure published by 8 Apr 2020; cold chain and transport failures",
               \.configuration.observation.sampleTransport.maximumLoss),
    ]
}
