import ArgumentParser
import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario

/// The recorded series a calibration fits: by default the bundled JHU CSSE national series (final
/// revision, dated by report) and, with `--provinces`, the bundled OCHA provincial counts.
enum ReportedDataInput {
    static let nationalFile = "afghanistan_reported_to_2020-04-08.csv"
    static let provinceFile = "province_cases_to_2020-04-08.csv"

    static func load(path: String?, provinces: Bool, scenario: Scenario) throws -> ReportedSeries {
        do {
            let table: CSVTable
            if let path {
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw ScenarioError(file: path, message: "cannot be read", expected: "a readable CSV file")
                }
                table = try CSVTable(text: text, name: path)
            } else {
                table = try BundledData.table(nationalFile)
            }
            let national = try nationalPoints(table)
            let provincePoints = provinces ? try provincialPoints(BundledData.table(provinceFile), scenario: scenario) : []
            return ReportedSeries(national: national, provinces: provincePoints)
        } catch let error as ScenarioError {
            throw InputError(error)
        }
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

    static func provincialPoints(_ table: CSVTable, scenario: Scenario) throws(ScenarioError) -> [ReportedSeries.ProvincePoint] {
        let dateColumn = try table.column("date"), provinceColumn = try table.column("pcode")
        let casesColumn = try table.column("cumulative_cases")
        var points = [ReportedSeries.ProvincePoint]()
        for (index, row) in table.rows.enumerated() {
            guard let date = SimDate(iso: row[dateColumn]), let province = scenario.provinceIndex(row[provinceColumn]) else {
                throw ScenarioError(file: table.name, line: index + 2, key: nil, message: "has an unknown date or province",
                                    expected: "an ISO date and a province pcode")
            }
            guard let cases = Double(row[casesColumn]) else { continue }
            points.append(ReportedSeries.ProvincePoint(date: date, province: province, cases: cases))
        }
        return points
    }
}
