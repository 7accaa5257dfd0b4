import SarhadModel

extension EpidemicRecord {
    /// The columns every record file has, and the one it may add: `note`, where `revised` allows a
    /// cumulative total below an earlier one (ministries do revise down; anything else falling is a typo).
    public static let requiredColumns = ["date", "province", "measure", "value"]
    public static let optionalColumns = ["note"]

    /// Every measure name a record file may use.
    public static var measureNames: [String] {
        Measure.allCases.map(\.rawValue) + Measure.allCases.map { $0.rawValue + "_cumulative" }
    }

    /// Parses a record file's text. `name` is how errors refer to it; `provinces` are the scenario's
    /// province names (matched without regard to case). Throws every problem found, each with its line.
    public static func parse(text: String, name: String, provinces: [String]) throws(RecordErrors) -> EpidemicRecord {
        let csv = RecordCSV(text: text)
        let columns = try RecordColumns(header: csv.header, required: requiredColumns, optional: optionalColumns, file: name)
        var errors = [RecordError]()
        var series = [SeriesKey: [Observation]]()
        var revised = Set<Int>()
        var firstLine = [String: Int]()

        for row in csv.rows {
            do throws(RecordError) {
                try columns.checkWidth(of: row, file: name)
                let date = try RecordFields.date(columns.cell("date", row), line: row.line, column: "date", file: name)
                let region = try RecordFields.region(columns.cell("province", row), line: row.line, provinces: provinces, file: name)
                let key = try seriesKey(columns.cell("measure", row), region: region, line: row.line, file: name)
                let value = try RecordFields.count(columns.cell("value", row), line: row.line, column: "value", file: name)
                let identity = "\(date)|\(region)|\(key.measureName)"
                if let earlier = firstLine[identity] {
                    throw RecordError(file: name, line: row.line, message: "repeats \(date), \(columns.cell("province", row)), \(key.measureName) of line \(earlier)",
                                      expected: "one value per date, province and measure (keep the latest revision only)")
                }
                firstLine[identity] = row.line
                if columns.cell("note", row).lowercased().hasPrefix("revised") { revised.insert(row.line) }
                series[key, default: []].append(Observation(date: date, value: value, line: row.line))
            } catch {
                errors.append(error)
            }
        }
        let record = EpidemicRecord(provinceNames: provinces, series: series)
        errors += record.fallingTotals(file: name, revised: revised)
        guard errors.isEmpty else { throw RecordErrors(errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return record
    }

    private static func seriesKey(_ text: String, region: Region, line: Int, file: String) throws(RecordError) -> SeriesKey {
        let cumulative = text.hasSuffix("_cumulative")
        let base = cumulative ? String(text.dropLast("_cumulative".count)) : text
        guard let measure = Measure(rawValue: base) else {
            throw RecordError(file: file, line: line, column: "measure", message: "is \"\(text)\"",
                              expected: "one of \(measureNames.joined(separator: ", "))")
        }
        return SeriesKey(region: region, measure: measure, cumulative: cumulative)
    }

    /// A running total below the one on an earlier date, unless its row is marked `revised`.
    private func fallingTotals(file: String, revised: Set<Int>) -> [RecordError] {
        var errors = [RecordError]()
        for key in series.keys.sorted() where key.cumulative {
            var highest: Observation?
            for observation in series[key] ?? [] {
                if let peak = highest, observation.value < peak.value, !revised.contains(observation.line) {
                    errors.append(RecordError(
                        file: file, line: observation.line, column: "value",
                        message: "\(name(of: key.region)) \(key.measureName) falls to \(RecordFields.format(observation.value)) on \(observation.date)",
                        expected: "at least \(RecordFields.format(peak.value)), the total on \(peak.date) (line \(peak.line)), "
                            + "or `revised` in a `note` column if the ministry revised it down"))
                }
                // A revision sets the level later totals are held to; a falling typo does not.
                if revised.contains(observation.line) || observation.value >= (highest?.value ?? 0) { highest = observation }
            }
        }
        return errors
    }
}
