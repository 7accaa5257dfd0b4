import ArgumentParser
import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario

/// The recorded series a calibration fits: by default the country pack's record (for the default pack,
/// the record through 8 April 2020), read by the same parser as a planner's record. `--data FILE` takes either a
/// record file (header `date,province,measure,value`) or the older `date,cumulative_cases,cumulative_deaths`.
enum ReportedDataInput {
    /// The scenario's country pack's record, as text and the path to name in messages.
    static func packRecord(_ scenario: Scenario) throws(ScenarioError) -> (text: String, name: String) {
        let pack = try scenario.pack.open()
        guard let file = pack.manifest.record else {
            throw ScenarioError(key: "--record", message: "is not given and the country pack \(pack.name) has no record",
                                expected: "a record file (date,province,measure,value)")
        }
        return (try pack.text(file), pack.path(file))
    }

    static func packRecord(of scenario: Scenario) throws(ScenarioError) -> EpidemicRecord {
        let (text, name) = try packRecord(scenario)
        return try record(text: text, name: name, scenario: scenario)
    }

    static func load(path: String?, provinces: Bool, scenario: Scenario) throws -> ReportedSeries {
        do {
            guard let path else {
                return series(of: try packRecord(of: scenario), provinces: provinces)
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ScenarioError(file: path, message: "cannot be read", expected: "a readable CSV file")
            }
            if isRecordFormat(text) {
                return series(of: try record(text: text, name: path, scenario: scenario), provinces: provinces)
            }
            // The older national-only layout; the provinces then come from the bundled record, as they always did.
            let national = try nationalPoints(CSVTable(text: text, name: path))
            let bundled = try packRecord(of: scenario).reportedSeries()
            return ReportedSeries(national: national, provinces: provinces ? bundled.provinces : [])
        } catch let error as ScenarioError {
            throw InputError(error)
        }
    }

    /// A record file (the record format only), or the bundled record when `path` is nil.
    static func epidemicRecord(path: String?, scenario: Scenario) throws -> EpidemicRecord {
        do {
            guard let path else { return try packRecord(of: scenario) }
            return try record(text: RecordCommand.Check.text(of: path), name: path, scenario: scenario)
        } catch let error as ScenarioError {
            throw InputError(error)
        }
    }

    /// A record file names its measure in a column; the older layout has none.
    static func isRecordFormat(_ text: String) -> Bool {
        let header = text.prefix { !$0.isNewline }
        return header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains("measure")
    }

    static func record(text: String, name: String, scenario: Scenario) throws(ScenarioError) -> EpidemicRecord {
        do {
            return try EpidemicRecord.parse(text: text, name: name, provinces: scenario.configuration.provinces.map(\.name))
        } catch {
            throw ScenarioError(message: error.description)
        }
    }

    private static func series(of record: EpidemicRecord, provinces: Bool) -> ReportedSeries {
        let series = record.reportedSeries()
        return provinces ? series : ReportedSeries(national: series.national)
    }

    /// Columns `date,cumulative_cases,cumulative_deaths`.
    static func nationalPoints(_ table: CSVTable) throws(ScenarioError) -> [ReportedSeries.Point] {
        let dateColumn = try table.column("date"), casesColumn = try table.column("cumulative_cases")
        let deathsColumn = try table.column("cumulative_deaths")
        var points = [ReportedSeries.Point]()
        for (index, row) in table.rows.enumerated() {
            guard let date = SimDate(iso: row[dateColumn]), let cases = Double(row[casesColumn]),
                  let deaths = Double(row[deathsColumn]), cases >= 0, deaths >= 0 else {
                throw ScenarioError(file: table.name, line: index + 2, key: nil, message: "has \(row.joined(separator: ","))",
                                    expected: "a date and two non-negative counts")
            }
            points.append(ReportedSeries.Point(date: date, cases: cases, deaths: deaths))
        }
        return points
    }
}
