import SarhadModel

/// The built-in scenario: Afghanistan, 1 January – 31 December 2020, with what was known by
/// 8 April 2020 where possible (docs/MODEL.md marks the inputs published later). Every number
/// here is cited in docs/MODEL.md; data files in Resources/SOURCES.md.
public enum AfghanistanDefaults {
    public static let startDate = SimDate(year: 2020, month: 1, day: 1)!
    public static let endDate = SimDate(year: 2020, month: 12, day: 31)!

    public static func configuration() throws(ScenarioError) -> ModelConfiguration {
        let provinces = try loadProvinces()
        let shares = normalised(provinces.map(\.populationWeight))
        let index = { (name: String) -> Int in provinces.firstIndex { $0.name == name }! }
        let nationalTotal = 38_400_000.0

        let disease = defaultDisease()
        let contacts = ContactParameters(
            household: ContactMatrix(rows: try BundledData.contactMatrix("contact_matrix_afghanistan_home.csv")),
            school: ContactMatrix(rows: try BundledData.contactMatrix("contact_matrix_afghanistan_school.csv")),
            work: ContactMatrix(rows: try BundledData.contactMatrix("contact_matrix_afghanistan_work.csv")),
            community: ContactMatrix(rows: try BundledData.contactMatrix("contact_matrix_afghanistan_other.csv")))

        var destinationWeights = shares
        for (name, factor) in [("Herat", 4.0), ("Nimroz", 4.0), ("Farah", 2.0), ("Kabul", 2.0)] {
            destinationWeights[index(name)] *= factor
        }
        let importation = ImportationParameters(
            crossings: [Crossing(name: "Islam Qala", province: index("Herat"), share: 0.6),
                        Crossing(name: "Milak", province: index("Nimroz"), share: 0.4)],
            arrivalPeriods: try loadArrivalPeriods(),
            arrivalsPerDayAfterData: 16_681.0 / 7,
            destinationWeights: destinationWeights,
            sourcePrevalence: try iranPrevalence(SourceFromDeaths.iranDefault),
            relativeRiskOfReturnees: 1.0)

        var access = [Double](repeating: 0.78, count: provinces.count)
        access[index("Kabul")] = 0.95

        let beds = shares.map { 0.5 / 1000 * nationalTotal * $0 }
        let intensiveCare = shares.map { 300 * $0 }

        return ModelConfiguration(
            name: "Afghanistan 2020 (built-in)",
            startDate: startDate, endDate: endDate, populationScale: 1,
            provinces: provinces,
            population: PopulationParameters(nationalTotal: nationalTotal, ageShares: try loadAgeShares(),
                                             householdSizeShares: householdSizeShares),
            settings: SettingParameters(
                idpSettlementResidents: 292_892, idpProvinceWeights: shares, idpContactsPerDay: 10,
                prisoners: 30_000, centralPrisonShare: 0.1, centralPrisonProvince: index("Kabul"), prisonContactsPerDay: 20,
                prisonOutsideContactFactor: 0.1,
                healthWorkersPerThousand: [Double](repeating: 0.5, count: provinces.count),
                patientHealthWorkerContactsPerDay: 5, protectiveEquipmentEfficacy: 0),
            disease: disease,
            contacts: contacts,
            mobility: MobilityParameters(outsideProvinceShare: 0.03, distanceExponent: 2,
                                         destinationPopulationExponent: 1, minimumDistanceKm: 25),
            importation: importation,
            border: BorderParameters(screeningEnabled: false, screeningSensitivity: 0.7, quarantineEnabled: false,
                                     quarantineDays: 14, quarantineAdherence: 0.75, open: true),
            health: HealthSystemParameters(beds: beds, intensiveCare: intensiveCare),
            access: AccessParameters(access: access),
            observation: ObservationParameters(
                testSeekingMild: 0.15, testSeekingSevere: 0.5, testSeekingCritical: 0.7,
                backgroundTestSeekersPer100k: 0.5, initialTestsPerDay: 0, testSensitivity: 0.7,
                reportingDelayDays: 2, postMortemTestingInHospital: 0.5, postMortemTestingElsewhere: 0.05,
                deathRecordingOfConfirmed: 0.9, deathReportingDelayDays: 2, isolationOfConfirmed: 0.5,
                testPriority: .standard, serology: .standard, sampleTransport: .standard),
            timeline: defaultTimeline(index: index),
            behaviour: BehaviourParameters(enabled: true, windowDays: 14, halfEffectDeathsPer100k: 2, floor: 0.5),
            contactActivity: ContactActivityParameters(enabled: true, gammaShape: 2, classes: 4),
            urbanRural: try loadUrbanRural(provinces: provinces),
            districts: DistrictParameters(enabled: true, districts: try loadDistricts(provinces: provinces),
                                          localShare: 0.85, schoolLocalShare: 0.95, minimumSimulatedResidents: 2_000),
            laboratories: defaultLaboratories(index: index))
    }

    /// Districts of each province (NSIA 2019-20 settled population, urban plus rural), the provincial
    /// centre first as the file lists them.
    static func loadDistricts(provinces: [Province]) throws(ScenarioError) -> [[District]] {
        let table = try BundledData.table("district_population.csv")
        let codes = try table.strings("pcode"), districtCodes = try table.strings("district_code")
        let names = try table.strings("district")
        let urban = try table.doubles("urban"), rural = try table.doubles("rural")
        var byProvince = [String: [District]]()
        for row in codes.indices {
            byProvince[codes[row], default: []].append(
                District(code: districtCodes[row], name: names[row], populationWeight: urban[row] + rural[row],
                         urbanShare: urban[row] + rural[row] > 0 ? urban[row] / (urban[row] + rural[row]) : 0))
        }
        return try provinces.map { province throws(ScenarioError) in
            guard let list = byProvince[province.code], !list.isEmpty else {
                throw ScenarioError(file: "district_population.csv", key: "pcode",
                                    message: "has no row for \(province.code) (\(province.name))",
                                    expected: "at least one district per province of provinces.csv")
            }
            return list
        }
    }

    /// Urban shares (NSIA 2019-20) and the urban and rural matrices' mean contacts a day in school, work and
    /// community (Prem et al. 2021), each participant age weighted by the age distribution.
    static func loadUrbanRural(provinces: [Province]) throws(ScenarioError) -> UrbanRuralParameters {
        let shares = try BundledData.table("province_urban_rural.csv")
        let codes = try shares.strings("pcode")
        let urban = try shares.doubles("urban"), rural = try shares.doubles("rural")
        var urbanShare = [Double]()
        for province in provinces {
            guard let row = codes.firstIndex(of: province.code) else {
                throw ScenarioError(file: "province_urban_rural.csv", key: "pcode", message: "has no row for \(province.code) (\(province.name))",
                                    expected: "one row per province of provinces.csv")
            }
            urbanShare.append(urban[row] / (urban[row] + rural[row]))
        }
        let ageShares = try loadAgeShares()
        let matrices = try BundledData.table("contact_matrix_afghanistan_urban_rural_long.csv")
        let settings = try matrices.strings("setting_area"), locations = try matrices.strings("location")
        let ages = try matrices.strings("participant_age"), values = try matrices.doubles("mean_contacts_per_day")
        func meanContacts(_ setting: String, _ location: String) -> Double {
            var total = 0.0
            for row in values.indices where settings[row] == setting && locations[row] == location {
                guard let lower = Int(ages[row].prefix { $0.isNumber }) else { continue }
                total += ageShares[min(15, lower / 5)] * values[row]
            }
            return total
        }
        let locationOfLayer: [ContactLayer: String] = [.school: "school", .work: "work", .community: "other"]
        return UrbanRuralParameters(
            enabled: true, urbanShare: urbanShare,
            urbanContactsPerDay: UrbanRuralParameters.layers.map { meanContacts("urban", locationOfLayer[$0]!) },
            ruralContactsPerDay: UrbanRuralParameters.layers.map { meanContacts("rural", locationOfLayer[$0]!) })
    }

    /// Afghanistan DHS 2015 households by size 1–8, with its 9+ share split in the 2013-14 ALCS
    /// proportions over 9–10, 11–14 and 15–20 (per cent of households).
    public static let householdSizeShares: [Double] = [0.2, 2.2, 4.3, 7.3, 9.6, 12.5, 13.7, 12.6]
        + [Double](repeating: 20.6 / 2, count: 2) + [Double](repeating: 13.9 / 4, count: 4)
        + [Double](repeating: 3.1 / 6, count: 6)

    static let cphl = "CPHL Kabul", herat = "Herat regional laboratory"

    /// The laboratories testing for SARS-CoV-2 by 8 April 2020: the Central Public Health Laboratory
    /// in Kabul (from 23 Feb) and the regional laboratory in Herat (from 29 Mar), per MoPH and WHO
    /// Afghanistan statements of March 2020.
    static func defaultLaboratories(index: (String) -> Int) -> [Laboratory] {
        [Laboratory(name: cphl, province: index("Kabul")), Laboratory(name: herat, province: index("Herat"))]
    }

    static func defaultTimeline(index: (String) -> Int) -> [TimelineEvent] {
        let date = { (text: String) in SimDate(iso: text)! }
        return [
            // Throughput implied by OCHA's cumulative tests: 305 by 18 Mar, 1,150 by 29 Mar, 3,031 by 7 Apr;
            // national 12, 80, then 210 a day. No split by laboratory was published, so CPHL keeps the
            // 80 a day it reached before Herat opened and Herat's laboratory adds the rest (130): a
            // judgement that keeps the national total on every date.
            TimelineEvent(date: date("2020-02-23"), action: .testCapacity(perDay: 12, laboratory: cphl),
                          label: "CPHL Kabul starts testing"),
            TimelineEvent(date: date("2020-03-18"), action: .testCapacity(perDay: 80, laboratory: cphl), label: "More kits in Kabul"),
            TimelineEvent(date: date("2020-03-29"), action: .testCapacity(perDay: 130, laboratory: herat),
                          label: "Herat laboratory opens"),
            TimelineEvent(date: date("2020-03-14"), until: date("2020-04-18"),
                          action: .contactMultiplier(layers: [.school], provinces: nil, multiplier: 0),
                          label: "National school closure"),
            TimelineEvent(date: date("2020-03-25"), until: date("2020-04-15"),
                          action: .contactMultiplier(layers: [.work, .community],
                                                     provinces: ["Herat", "Nimroz", "Farah"].map(index), multiplier: 0.6),
                          label: "Herat, Nimroz and Farah restrictions"),
            TimelineEvent(date: date("2020-03-28"), until: date("2020-04-18"),
                          action: .contactMultiplier(layers: [.work, .community], provinces: [index("Kabul")], multiplier: 0.6),
                          label: "Kabul lockdown"),
        ] + calendarEvents()
    }

    static func defaultDisease() -> DiseaseParameters {
        // Ten-year values expanded to the 16 five-year bands; 75+ weights 75–79 and 80+ by WPP 2019.
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

    static func loadProvinces() throws(ScenarioError) -> [Province] {
        let table = try BundledData.table("provinces.csv")
        let codes = try table.strings("pcode")
        let names = try table.strings("province")
        let latitudes = try table.doubles("capital_lat")
        let longitudes = try table.doubles("capital_lon")
        let populations = try table.doubles("pop_nsia_2019_20_settled")
        return codes.indices.map {
            Province(code: codes[$0], name: names[$0], latitude: latitudes[$0], longitude: longitudes[$0],
                     populationWeight: populations[$0])
        }
    }

    static func loadAgeShares() throws(ScenarioError) -> AgeVector {
        let table = try BundledData.table("age_distribution.csv")
        let bands = try table.strings("age_band")
        let column = try table.column("wpp2019_both_sexes_2020")
        var shares = [Double](repeating: 0, count: 16)
        for (row, band) in zip(table.rows, bands) where band != "total" {
            guard let lower = Int(band.prefix { $0.isNumber }), let value = Double(row[column]) else { continue }
            shares[min(15, lower / 5)] += value
        }
        let total = shares.reduce(0, +)
        return shares.map { $0 / total }
    }

    /// IOM weekly returns from Iran; the first row (1 Jan – 29 Feb) is given only as a cumulative total.
    static func loadArrivalPeriods() throws(ScenarioError) -> [ArrivalPeriod] {
        let table = try BundledData.table("returnees_from_iran_2020.csv")
        let starts = try table.strings("week_start")
        let ends = try table.strings("week_end")
        let weekly = try table.strings("returns_from_iran")
        let cumulative = try table.strings("cumulative_from_iran_since_2020-01-01")
        var periods = [ArrivalPeriod]()
        for row in starts.indices {
            guard let start = SimDate(iso: starts[row]), let end = SimDate(iso: ends[row]),
                  let arrivals = Double(weekly[row]) ?? Double(cumulative[row]) else {
                throw ScenarioError(file: "returnees_from_iran_2020.csv", line: row + 2, key: nil,
                                    message: "row cannot be read", expected: "dates and a number of returns")
            }
            periods.append(ArrivalPeriod(start: start, end: end, arrivals: arrivals))
        }
        return periods
    }

    /// Iran's reported cumulative deaths, for back-calculating prevalence.
    public static func iranCumulativeDeaths() throws(ScenarioError) -> [(SimDate, Double)] {
        let table = try BundledData.table("iran_reported_to_2020-04-08.csv")
        let dates = try table.strings("date")
        let deaths = try table.doubles("cumulative_deaths")
        return zip(dates, deaths).compactMap { date, value in SimDate(iso: date).map { ($0, value) } }
    }

    public static func iranPrevalence(_ source: SourceFromDeaths) throws(ScenarioError) -> SourcePrevalence {
        SourcePrevalence.fromReportedDeaths(
            cumulativeDeaths: try iranCumulativeDeaths(), population: source.population,
            infectionFatalityRatio: source.infectionFatalityRatio, infectionToDeathDays: source.infectionToDeathDays,
            deathUndercount: source.deathUndercount, infectedDays: source.infectedDays)
    }

    static func normalised(_ values: [Double]) -> [Double] {
        let total = values.reduce(0, +)
        return values.map { $0 / total }
    }
}

/// How the source country's prevalence is back-calculated from its reported deaths.
public struct SourceFromDeaths: Sendable, Equatable {
    public var population: Double
    public var infectionFatalityRatio: Double
    public var infectionToDeathDays: Int
    public var deathUndercount: Double
    public var infectedDays: Int

    public init(population: Double, infectionFatalityRatio: Double, infectionToDeathDays: Int, deathUndercount: Double,
                infectedDays: Int) {
        self.population = population
        self.infectionFatalityRatio = infectionFatalityRatio
        self.infectionToDeathDays = infectionToDeathDays
        self.deathUndercount = deathUndercount
        self.infectedDays = infectedDays
    }

    public static let iranDefault = SourceFromDeaths(population: 83_992_953, infectionFatalityRatio: 0.0043,
                                                     infectionToDeathDays: 23, deathUndercount: 2.0, infectedDays: 14)
}
