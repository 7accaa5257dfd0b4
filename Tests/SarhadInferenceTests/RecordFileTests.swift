import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario
import Testing

@Suite("record and serosurvey files")
struct RecordFileTests {
    static let provinces = ["Herat", "Kabul", "Nimroz"]
    static let header = "date,province,measure,value\n"

    static func parse(_ body: String, header: String = header) throws(RecordErrors) -> EpidemicRecord {
        try EpidemicRecord.parse(text: header + body, name: "record.csv", provinces: provinces)
    }

    /// The one error a file should give, as text.
    static func failure(_ body: String, header: String = header, single: Bool = true) -> String {
        do {
            _ = try parse(body, header: header)
            return "parsed without error"
        } catch {
            #expect(!single || error.errors.count == 1, "\(error)")
            return error.description
        }
    }

    static func date(_ text: String) -> SimDate { SimDate(iso: text)! }

    // MARK: cumulative and daily series

    @Test("cumulative totals on irregular dates and daily counts are kept apart, by region and measure")
    func series() throws {
        let record = try Self.parse("""
            2020-04-01,national,confirmed_cumulative,100
            2020-04-04,national,confirmed_cumulative,130
            2020-04-02,herat,confirmed,7
            2020-04-01,Herat,confirmed,5
            2020-04-01,national,tests,40

            """)
        #expect(record.observationCount == 5)
        #expect(record.dateRange == Self.date("2020-04-01")...Self.date("2020-04-04"))
        let national = record.series[.init(region: .national, measure: .confirmed, cumulative: true)]
        #expect(national?.map(\.value) == [100, 130])
        // Sorted by date whatever the file's order; the province matched without regard to case.
        let herat = record.series[.init(region: .province(0), measure: .confirmed, cumulative: false)]
        #expect(herat?.map(\.value) == [5, 7])
        #expect(herat?.map(\.line) == [5, 4])
        #expect(record.series[.init(region: .national, measure: .tests, cumulative: false)]?.map(\.value) == [40])
    }

    @Test("daily counts sum to totals while they run without a gap; given totals are used as they are")
    func cumulativeFromDaily() throws {
        let record = try Self.parse("""
            2020-04-01,Kabul,confirmed,2
            2020-04-02,Kabul,confirmed,3
            2020-04-03,Kabul,confirmed,4
            2020-04-05,Kabul,confirmed,9
            2020-04-01,national,recorded_deaths_cumulative,1
            2020-04-03,national,recorded_deaths_cumulative,2
            """)
        let kabul = record.cumulative(.confirmed, in: .province(1))
        #expect(kabul.map(\.value) == [2, 5, 9])
        #expect(kabul.map(\.date) == [Self.date("2020-04-01"), Self.date("2020-04-02"), Self.date("2020-04-03")])
        #expect(record.cumulative(.recordedDeaths, in: .national).map(\.value) == [1, 2])
        #expect(record.cumulative(.tests, in: .national).isEmpty)
    }

    @Test("the series calibration fits: national cases and deaths on dates both are known, provinces in file order")
    func reportedSeries() throws {
        let record = try Self.parse("""
            2020-04-02,national,confirmed_cumulative,20
            2020-04-01,national,confirmed_cumulative,10
            2020-04-01,national,recorded_deaths_cumulative,0
            2020-04-02,national,recorded_deaths_cumulative,1
            2020-04-03,national,confirmed_cumulative,30
            2020-04-02,Nimroz,confirmed_cumulative,4
            2020-04-02,Herat,confirmed_cumulative,6
            """)
        let series = record.reportedSeries()
        #expect(series.national == [ReportedSeries.Point(date: Self.date("2020-04-01"), cases: 10, deaths: 0),
                                    ReportedSeries.Point(date: Self.date("2020-04-02"), cases: 20, deaths: 1)])
        #expect(series.provinces == [ReportedSeries.ProvincePoint(date: Self.date("2020-04-02"), province: 2, cases: 4),
                                     ReportedSeries.ProvincePoint(date: Self.date("2020-04-02"), province: 0, cases: 6)])
    }

    @Test("the bundled record gives the same ReportedSeries as the two files it re-lays")
    func bundledRecordMatchesOldFiles() throws {
        let scenarioProvinces = try Scenario.builtIn().configuration.provinces
        let names = scenarioProvinces.map(\.name)
        let pack = try CountryPack.bundledDefault()
        let record = try EpidemicRecord.parse(text: pack.text(pack.manifest.record!), name: pack.manifest.record!, provinces: names)
        // The old path: national points from the JHU file, provincial points from the OCHA file by pcode, in file order.
        let national = try pack.table("afghanistan_reported_to_2020-04-08.csv")
        let (dateColumn, casesColumn, deathsColumn) = try (national.column("date"), national.column("cumulative_cases"),
                                                            national.column("cumulative_deaths"))
        let nationalPoints = national.rows.map {
            ReportedSeries.Point(date: Self.date($0[dateColumn]), cases: Double($0[casesColumn])!, deaths: Double($0[deathsColumn])!)
        }
        let provincial = try pack.table("province_cases_to_2020-04-08.csv")
        let (provinceDate, pcode, provinceCases) = try (provincial.column("date"), provincial.column("pcode"),
                                                        provincial.column("cumulative_cases"))
        let provincePoints = provincial.rows.compactMap { row -> ReportedSeries.ProvincePoint? in
            guard let cases = Double(row[provinceCases]) else { return nil }
            let index = scenarioProvinces.firstIndex { $0.code == row[pcode] }!
            return ReportedSeries.ProvincePoint(date: Self.date(row[provinceDate]), province: index, cases: cases)
        }
        #expect(nationalPoints.count == 45 && provincePoints.count == 247)
        #expect(record.reportedSeries() == ReportedSeries(national: nationalPoints, provinces: provincePoints))
        #expect(record.dateRange?.upperBound == Self.date("2020-04-08"))
    }

    // MARK: errors, one kind each

    @Test("a falling total names its line, the earlier total and how to mark a revision")
    func fallingTotal() {
        let message = Self.failure("""
            2020-04-01,national,confirmed_cumulative,100
            2020-04-04,national,confirmed_cumulative,90
            2020-04-02,national,confirmed_cumulative,120
            """)
        #expect(message.contains("record.csv:line 3: `value` national confirmed_cumulative falls to 90 on 2020-04-04"), "\(message)")
        #expect(message.contains("expected at least 120, the total on 2020-04-02 (line 4)"), "\(message)")
        #expect(message.contains("`revised` in a `note` column"), "\(message)")
        // Daily counts may go down; only totals are held to rise.
        #expect(throws: Never.self) { try Self.parse("2020-04-01,national,confirmed,10\n2020-04-02,national,confirmed,3\n") }
    }

    @Test("a total marked revised may fall, and sets the level later totals are held to")
    func revisedTotal() throws {
        let header = "date,province,measure,value,note\n"
        let record = try Self.parse("""
            2020-04-01,national,confirmed_cumulative,100,
            2020-04-02,national,confirmed_cumulative,90,revised
            2020-04-03,national,confirmed_cumulative,95,
            """, header: header)
        #expect(record.cumulative(.confirmed, in: .national).map(\.value) == [100, 90, 95])
        let message = Self.failure("""
            2020-04-01,national,confirmed_cumulative,100,
            2020-04-02,national,confirmed_cumulative,90,revised
            2020-04-03,national,confirmed_cumulative,85,
            """, header: header)
        #expect(message.contains("line 4:") && message.contains("expected at least 90, the total on 2020-04-02 (line 3)"), "\(message)")
    }

    @Test("an unknown province lists the valid names")
    func unknownProvince() {
        let message = Self.failure("2020-04-01,Herat,confirmed,1\n2020-04-01,Atlantis,confirmed,1\n")
        #expect(message == "record.csv:line 3: `province` is \"Atlantis\", not a province of the scenario; "
                + "expected national or one of Herat, Kabul, Nimroz", "\(message)")
    }

    @Test("an unknown measure lists the valid ones")
    func unknownMeasure() {
        let message = Self.failure("2020-04-01,national,cases,1\n")
        #expect(message == "record.csv:line 2: `measure` is \"cases\"; expected one of confirmed, recorded_deaths, tests, "
                + "confirmed_cumulative, recorded_deaths_cumulative, tests_cumulative", "\(message)")
    }

    @Test("a bad date", arguments: ["2020-02-30", "01/04/2020", "", "2020-4-1"])
    func badDate(_ text: String) {
        let message = Self.failure("\(text),national,confirmed,1\n")
        #expect(message == "record.csv:line 2: `date` is \"\(text)\"; expected a date as YYYY-MM-DD", "\(message)")
    }

    @Test("a negative or non-numeric value", arguments: ["-1", "ten", "", "nan", "inf"])
    func badValue(_ text: String) {
        let message = Self.failure("2020-04-01,national,confirmed,\(text)\n")
        #expect(message == "record.csv:line 2: `value` is \"\(text)\"; expected a non-negative number", "\(message)")
    }

    @Test("a duplicate date, province and measure names both lines")
    func duplicate() {
        let message = Self.failure("""
            2020-04-01,Kabul,confirmed_cumulative,1
            2020-04-01,national,confirmed_cumulative,1
            2020-04-01,kabul,confirmed_cumulative,2
            """)
        #expect(message.hasPrefix("record.csv:line 4: repeats 2020-04-01, kabul, confirmed_cumulative of line 2; expected one value"),
                "\(message)")
        // The same date and province with a daily count and a total is two series, not a duplicate.
        #expect(throws: Never.self) { try Self.parse("2020-04-01,Kabul,confirmed,1\n2020-04-01,Kabul,confirmed_cumulative,1\n") }
    }

    @Test("a wrong header says which header is expected", arguments: [
        ("date,region,measure,value\n", "has the column \"region\""),
        ("date,province,measure\n", "lacks the column value"),
        ("date,province,measure,value,value\n", "has the column \"value\" twice"),
    ])
    func wrongHeader(_ header: String, _ problem: String) {
        let message = Self.failure("", header: header, single: false)
        #expect(message.contains("record.csv:line 1: \(problem)"), "\(message)")
        #expect(message.contains("expected the header date,province,measure,value (optional: note)"), "\(message)")
    }

    @Test("a row with the wrong number of fields")
    func wrongWidth() {
        let message = Self.failure("2020-04-01,national,confirmed\n")
        #expect(message == "record.csv:line 2: has 3 fields; expected 4, one per header column", "\(message)")
    }

    @Test("every bad row is reported, in line order; blank lines, a byte-order mark and CRLF are accepted")
    func allErrors() throws {
        do {
            _ = try Self.parse("2020-04-01,national,confirmed,-1\n2020-04-01,Mars,confirmed,1\n2020-13-01,national,tests,1\n")
            Issue.record("parsed without error")
        } catch {
            #expect(error.errors.map(\.line) == [2, 3, 4])
        }
        let record = try EpidemicRecord.parse(text: "\u{FEFF}date,province,measure,value\r\n\r\n2020-04-01,national,tests,3\r\n",
                                              name: "r.csv", provinces: Self.provinces)
        #expect(record.series[.init(region: .national, measure: .tests, cumulative: false)]?.first?.line == 3)
    }

    // MARK: serosurveys

    static let seroHeader = "start,end,province,age_min,age_max,sampled,positive"

    static func seroFailure(_ row: String, header: String = seroHeader) -> String {
        do {
            _ = try SerosurveyFile.parse(text: header + "\n" + row + "\n", name: "sero.csv", provinces: provinces)
            return "parsed without error"
        } catch {
            return error.description
        }
    }

    @Test("a serosurvey file with and without the assay's accuracy")
    func serosurveys() throws {
        let surveys = try SerosurveyFile.parse(text: """
            start,end,province,age_min,age_max,sampled,positive,sensitivity,specificity
            2020-06-01,2020-06-14,national,0,120,9500,3100,0.92,0.99
            2020-06-10,2020-06-10,Kabul,18,64,400,150,,

            """, name: "sero.csv", provinces: Self.provinces)
        #expect(surveys.count == 2)
        #expect(surveys[0] == Serosurvey(start: Self.date("2020-06-01"), end: Self.date("2020-06-14"), region: .national, ageMin: 0,
                                         ageMax: 120, sampled: 9500, positive: 3100, sensitivity: 0.92, specificity: 0.99, line: 2))
        #expect(surveys[1].region == .province(1) && surveys[1].sensitivity == nil && surveys[1].line == 3)
        let plain = try SerosurveyFile.parse(text: Self.seroHeader + "\n2020-06-01,2020-06-02,Herat,5,9,10,0\n", name: "s",
                                             provinces: Self.provinces)
        #expect(plain.first?.specificity == nil)
    }

    @Test("serosurvey checks name the line, the column and what was expected", arguments: [
        ("2020-06-01,2020-06-14,national,0,120,100,101", "`positive` is 101, more than the 100 sampled; expected at most sampled"),
        ("2020-06-14,2020-06-01,national,0,120,100,1", "`end` is 2020-06-01, before the start 2020-06-14"),
        ("2020-06-01,2020-06-14,national,0,121,100,1", "`age_max` is \"121\"; expected a whole number from 0 to 120"),
        ("2020-06-01,2020-06-14,national,-1,20,100,1", "`age_min` is \"-1\"; expected a whole number from 0 to 120"),
        ("2020-06-01,2020-06-14,national,40,20,100,1", "`age_max` is 20, below age_min 40"),
        ("2020-06-01,2020-06-14,national,0,120,0,0", "`sampled` is \"0\"; expected a whole number from 1 to any"),
        ("2020-06-01,2020-06-14,national,0,120,10.5,1", "`sampled` is \"10.5\""),
        ("2020-06-01,2020-06-14,Mars,0,120,100,1", "`province` is \"Mars\", not a province of the scenario; expected national or one of Herat"),
        ("2020-06-31,2020-07-01,national,0,120,100,1", "`start` is \"2020-06-31\"; expected a date as YYYY-MM-DD"),
    ])
    func serosurveyChecks(_ row: String, _ problem: String) {
        let message = Self.seroFailure(row)
        #expect(message.hasPrefix("sero.csv:line 2: ") && message.contains(problem), "\(message)")
    }

    @Test("an assay's accuracy must be a proportion and better than chance")
    func assayAccuracy() {
        let header = Self.seroHeader + ",sensitivity,specificity"
        let outOfRange = Self.seroFailure("2020-06-01,2020-06-14,national,0,120,100,1,1.2,0.99", header: header)
        #expect(outOfRange.contains("line 2: `sensitivity` is \"1.2\"; expected a proportion above 0 and at most 1"), "\(outOfRange)")
        let chance = Self.seroFailure("2020-06-01,2020-06-14,national,0,120,100,1,0.5,0.5", header: header)
        #expect(chance.contains("line 2: `specificity`") && chance.contains("expected sensitivity + specificity above 1"), "\(chance)")
        let header2 = Self.seroFailure("2020-06-01,2020-06-14,national,0,120,100,1", header: "start,end,province,ages,sampled,positive")
        #expect(header2.contains("sero.csv:line 1: has the column \"ages\"")
                && header2.contains("expected the header start,end,province,age_min,age_max,sampled,positive (optional: sensitivity, specificity)"),
                "\(header2)")
    }
}
