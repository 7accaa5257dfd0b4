import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario

/// The recorded series a calibration fits: by default the country pack's record (for the default pack,
/// the record through 8 April 2020), read by the same parser as a planner's record. `--data FILE` takes either a
/// record file (header `date,province,measure,value`) or the older `date,cumulative_cases,cumulative_deaths`.
package enum ReportedDataInput {
    /// The scenario's country pack's record, as text and the path to name in messages.
    package static func packRecord(_ scenario: Scenario) throws(ScenarioError) -> (text: String, name: String) {
        let pack = try scenario.pack.open()
        guard let file = pack.manifest.record else {
            throw ScenarioError(key: "--record", message: "is not given and the country pack \(pack.name) has no record",
                                expected: "a record file (date,province,measure,value)")
        }
        return (try pack.text(file), pack.path(file))
    }

    package static func packRecord(of scenario: Scenario) throws(ScenarioError) -> EpidemicRecord {
        let (text, name) = try packRecord(scenario)
        return try record(text: text, name: name, scenario: scenario)
    }

    package static func load(path: String?, provinces: Bool, scenario: Scenario) throws -> ReportedSeries {
        try load(path.map(RecordSource.file) ?? .pack, provinces: provinces, scenario: scenario)
    }

    package static func load(_ source: RecordSource, provinces: Bool, scenario: Scenario) throws(InputError) -> ReportedSeries {
        do throws(ScenarioError) {
            guard let (text, name) = try source.text() else {
                return series(of: try packRecord(of: scenario), provinces: provinces)
            }
            if isRecordFormat(text) {
                return series(of: try record(text: text, name: name, scenario: scenario), provinces: provinces)
            }
            // The older national-only layout; the provinces then come from the bundled record, as they always did.
            let national = try nationalPoints(CSVTable(text: text, name: name))
            let bundled = try packRecord(of: scenario).reportedSeries()
            return ReportedSeries(national: national, provinces: provinces ? bundled.provinces : [])
        } catch {
            throw InputError(error)
        }
    }

    /// A record file (the record format only), or the bundled record when `path` is nil.
    package static func epidemicRecord(path: String?, scenario: Scenario) throws -> EpidemicRecord {
        try epidemicRecord(path.map(RecordSource.file) ?? .pack, scenario: scenario)
    }

    package static func epidemicRecord(_ source: RecordSource, scenario: Scenario) throws(InputError) -> EpidemicRecord {
        do throws(ScenarioError) {
            guard let (text, name) = try source.text() else { return try packRecord(of: scenario) }
            return try record(text: text, name: name, scenario: scenario)
        } catch {
            throw InputError(error)
        }
    }

    /// A record file names its measure in a column; the older layout has none.
    package static func isRecordFormat(_ text: String) -> Bool {
        let header = text.prefix { !$0.isNewline }
        return header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains("measure")
    }

    package static func record(text: String, name: String, scenario: Scenario) throws(ScenarioError) -> EpidemicRecord {
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
    package static func nationalPoints(_ table: CSVTable) throws(ScenarioError) -> [ReportedSeries.Point] {
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

/// Where a record comes from: the country pack's own, a file, or text a caller sent (the dashboard's upload).
package enum RecordSource: Sendable, Equatable {
    case pack
    case file(String)
    case text(String, name: String)

    /// The record's text and the name to give it in messages; nil for the pack's record.
    package func text() throws(ScenarioError) -> (text: String, name: String)? {
        switch self {
        case .pack: return nil
        case .text(let text, let name): return (text, name)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ScenarioError(file: path, message: "cannot be read", expected: "a readable UTF-8 CSV file")
            }
            return (text, path)
        }
    }

    /// What a fingerprint of the inputs says of it.
    package var fingerprint: String {
        switch self {
        // What `fileFingerprint(nil)` gave before record sources, so calibrations sharded then still merge.
        case .pack: "built-in"
        case .file(let path): fileFingerprint(path)
        case .text(let text, let name): "\(name):\(stableHash(text))"
        }
    }
}
