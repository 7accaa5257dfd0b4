import Testing
import SarhadModel
@testable import SarhadScenario

/// A run saves its scenario as TOML; that file must reload to the same scenario, whatever its
/// strings, dates and numbers, and writing it again must give the same bytes.
@Suite("Written scenarios reload")
struct ScenarioWriterTests {
    func roundTrip(_ scenario: Scenario, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = ScenarioWriter.toml(scenario)
        let reloaded = try ScenarioLoader.load(text: written, name: "scenario.toml")
        #expect(reloaded == scenario, sourceLocation: sourceLocation)
        #expect(ScenarioWriter.toml(reloaded) == written, sourceLocation: sourceLocation)
    }

    static let awkwardStrings = ["two\nlines", "tab\there", "quote \" and backslash \\ and \\n literally", "cr\r\nlf",
                                 "bell \u{7} escape \u{1B} delete \u{7F} backspace \u{8} form feed \u{C}",
                                 "unicode é 😀 \u{202E} \u{2028} \u{A0}", "", "'single' \"\"\" triple", "# not a comment",
                                 "ends with backslash \\"]

    @Test("names, labels and crossing names with line breaks, quotes, backslashes and control characters", arguments: awkwardStrings)
    func strings(text: String) throws {
        var scenario = try Scenario.builtIn()
        scenario.configuration.name = text
        scenario.configuration.importation.crossings[0].name = text
        scenario.configuration.timeline.append(TimelineEvent(date: SimDate(iso: "2020-05-01")!, action: .border(open: false),
                                                             label: text))
        try roundTrip(scenario)
    }

    @Test("quoting writes control characters as escapes")
    func quoting() {
        #expect(ScenarioWriter.quote("a\nb\t\"c\"\\\u{0}\u{1F}\u{7F}") == #""a\nb\t\"c\"\\\u0000\u001F\u007F""#)
    }

    @Test("dates in years below 1000 are written with four digits and reload")
    func earlyYears() throws {
        #expect(ScenarioWriter.day(SimDate(year: 999, month: 3, day: 1)!) == "0999-03-01")
        #expect(ScenarioWriter.day(SimDate(year: 7, month: 12, day: 31)!) == "0007-12-31")
        var scenario = try Scenario.builtIn()
        scenario.configuration.timeline.append(TimelineEvent(date: SimDate(year: 999, month: 3, day: 1)!,
                                                             until: SimDate(year: 1000, month: 1, day: 1)!,
                                                             action: .contactMultiplier(layers: [.work], provinces: nil, multiplier: 0.5),
                                                             label: "early"))
        scenario.configuration.importation.seededInfections = [SeededInfection(date: SimDate(year: 5, month: 1, day: 1)!,
                                                                               province: 0, count: 3)]
        scenario.calibrationTargets = [.serosurvey(date: SimDate(year: 999, month: 1, day: 1)!, province: nil, positiveShare: 0.1,
                                                   sampleSize: 100, sensitivity: 1, specificity: 1)]
        scenario.source = .curve([PrevalencePoint(date: SimDate(year: 999, month: 1, day: 1)!, prevalence: 0.001),
                                  PrevalencePoint(date: SimDate(year: 2020, month: 3, day: 1)!, prevalence: 0.01)])
        try scenario.resolveSourcePrevalence()
        try roundTrip(scenario)
    }

    static let awkwardNumbers: [Double] = [0.1, 0.30000000000000004, 1e-5, 1e-300, 5e-324, 2.2250738585072014e-308,
                                           0.999999999999999, 1 / 3, 2.0 / 3, 0, 1]

    @Test("doubles, large and small, are written so that they read back exactly", arguments: awkwardNumbers)
    func numbers(value: Double) throws {
        var scenario = try Scenario.builtIn()
        scenario.configuration.border.screeningSensitivity = value
        scenario.configuration.disease.symptomaticProbability[3] = value
        scenario.configuration.access.access[5] = value
        scenario.configuration.importation.crossings = [Crossing(name: "A", province: 0, share: value == 0 ? 1 : value),
                                                        Crossing(name: "B", province: 1, share: value == 0 ? 0 : 1 - value)]
        scenario.configuration.importation.arrivalsPerDayAfterData = value * 1000
        scenario.configuration.settings.idpContactsPerDay = value * 999
        try roundTrip(scenario)
    }

    @Test("large doubles and integers in the file's ranges round-trip")
    func largeNumbers() throws {
        var scenario = try Scenario.builtIn()
        scenario.configuration.population.nationalTotal = 1_234_567_890.123_456_7
        scenario.configuration.observation.initialTestsPerDay = 99_999_999.999_999_99
        scenario.configuration.settings.idpProvinceWeights[2] = 9.87654321e11
        scenario.configuration.importation.destinationWeights[4] = 1.234_567_890_123_4e-7
        scenario.configuration.observation.reportingDelayDays = 60
        try roundTrip(scenario)
    }

    @Test("every kind of value and every structured section round-trips")
    func everyKind() throws {
        var scenario = try Scenario.builtIn()
        let kabul = scenario.provinceIndex("Kabul")!, herat = scenario.provinceIndex("Herat")!
        var configuration = scenario.configuration
        configuration.name = "every kind"                                                  // text
        configuration.startDate = SimDate(iso: "2020-02-01")!                              // date
        configuration.populationScale = 0.05                                               // number
        configuration.observation.deathReportingDelayDays = 7                             // integer
        configuration.border.quarantineEnabled = true                                      // boolean
        configuration.settings.centralPrisonProvince = herat                               // province
        configuration.disease.relativeSusceptibility = (0..<16).map { 0.5 + Double($0) / 7 }  // age vector
        configuration.population.householdSizeShares = [1, 2.5, 3, 0.125]                 // number list
        configuration.settings.healthWorkersPerThousand[kabul] = 2.75                     // province values
        configuration.importation.arrivalPeriods = [ArrivalPeriod(start: SimDate(iso: "2020-02-01")!,
                                                                  end: SimDate(iso: "2020-02-29")!, arrivals: 12_345.678)]
        configuration.importation.seededInfections = [SeededInfection(date: SimDate(iso: "2020-03-01")!, province: kabul, count: 12)]
        configuration.timeline = [
            TimelineEvent(date: SimDate(iso: "2020-03-01")!, until: SimDate(iso: "2020-04-01")!,
                          action: .contactMultiplier(layers: [.school, .work], provinces: [kabul, herat], multiplier: 0.25), label: "a"),
            TimelineEvent(date: SimDate(iso: "2020-03-02")!, action: .border(open: false)),
            TimelineEvent(date: SimDate(iso: "2020-03-03")!, action: .screening(enabled: true, sensitivity: 0.33)),
            TimelineEvent(date: SimDate(iso: "2020-03-04")!, action: .screening(enabled: false, sensitivity: nil)),
            TimelineEvent(date: SimDate(iso: "2020-03-05")!, action: .quarantine(enabled: true, days: 10, adherence: 0.9)),
            TimelineEvent(date: SimDate(iso: "2020-03-06")!, action: .quarantine(enabled: false, days: nil, adherence: nil)),
            TimelineEvent(date: SimDate(iso: "2020-03-07")!, action: .testCapacity(perDay: 123.5)),
            TimelineEvent(date: SimDate(iso: "2020-03-08")!, action: .healthCapacity(bedMultiplier: 1.5, intensiveCareMultiplier: 0,
                                                                                    provinces: [herat])),
            TimelineEvent(date: SimDate(iso: "2020-03-09")!, action: .prisonerRelease(count: 250), label: "release"),
        ]
        scenario.configuration = configuration
        scenario.source = .reportedDeaths(SourceFromDeaths(population: 8.1e7, infectionFatalityRatio: 0.0071,
                                                           infectionToDeathDays: 21, deathUndercount: 2.5, infectedDays: 11))
        scenario.calibration = [CalibrationParameterSpec(name: "r0", prior: "uniform", lower: 1.1, upper: 3.3),
                                CalibrationParameterSpec(name: "test_seeking_mild", prior: "log-uniform", lower: 0.001, upper: 0.5)]
        scenario.calibrationTargets = [
            .serosurvey(date: SimDate(iso: "2020-07-15")!, province: kabul, positiveShare: 0.21, sampleSize: 9000,
                        sensitivity: 0.9, specificity: 0.98),
            .testPositivity(start: SimDate(iso: "2020-04-01")!, end: SimDate(iso: "2020-04-30")!, province: nil,
                            positiveShare: 0.2, tests: 5000),
        ]
        try scenario.resolveSourcePrevalence()
        try roundTrip(scenario)
    }

    @Test("province keys are bare only when TOML allows (ASCII letters, digits, _ and -)")
    func keys() {
        #expect(ScenarioWriter.key("Kabul") == "Kabul")
        #expect(ScenarioWriter.key("Sar-e Pul") == "\"Sar-e Pul\"")
        #expect(ScenarioWriter.key("Hérat") == "\"Hérat\"")
        #expect(ScenarioWriter.key("") == "\"\"")
    }
}
