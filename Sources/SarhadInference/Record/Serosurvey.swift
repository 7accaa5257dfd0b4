import SarhadModel

/// One serosurvey: how many of those sampled in an age band and region, over some days, tested
/// positive for antibodies, and the assay's accuracy where the file gives it.
public struct Serosurvey: Sendable, Equatable {
    public var start: SimDate
    public var end: SimDate
    public var region: EpidemicRecord.Region
    public var ageMin: Int
    public var ageMax: Int
    public var sampled: Int
    public var positive: Int
    public var sensitivity: Double?
    public var specificity: Double?
    public var line: Int

    public init(start: SimDate, end: SimDate, region: EpidemicRecord.Region, ageMin: Int, ageMax: Int, sampled: Int, positive: Int,
                sensitivity: Double? = nil, specificity: Double? = nil, line: Int) {
        self.start = start
        self.end = end
        self.region = region
        self.ageMin = ageMin
        self.ageMax = ageMax
        self.sampled = sampled
        self.positive = positive
        self.sensitivity = sensitivity
        self.specificity = specificity
        self.line = line
    }
}

/// The serosurvey file: `start,end,province,age_min,age_max,sampled,positive`, with optional
/// `sensitivity,specificity` columns (empty cells mean "not given").
public enum SerosurveyFile {
    public static let requiredColumns = ["start", "end", "province", "age_min", "age_max", "sampled", "positive"]
    public static let optionalColumns = ["sensitivity", "specificity"]
    public static let ages = 0...120

    public static func parse(text: String, name: String, provinces: [String]) throws(RecordErrors) -> [Serosurvey] {
        let csv = RecordCSV(text: text)
        let columns = try RecordColumns(header: csv.header, required: requiredColumns, optional: optionalColumns, file: name)
        var surveys = [Serosurvey]()
        var errors = [RecordError]()
        for row in csv.rows {
            do throws(RecordError) {
                surveys.append(try survey(row, columns: columns, provinces: provinces, file: name))
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw RecordErrors(errors) }
        return surveys
    }

    private static func survey(_ row: RecordCSV.Row, columns: RecordColumns, provinces: [String], file: String) throws(RecordError) -> Serosurvey {
        try columns.checkWidth(of: row, file: file)
        let line = row.line
        let start = try RecordFields.date(columns.cell("start", row), line: line, column: "start", file: file)
        let end = try RecordFields.date(columns.cell("end", row), line: line, column: "end", file: file)
        guard start <= end else {
            throw RecordError(file: file, line: line, column: "end", message: "is \(end), before the start \(start)", expected: "a date on or after start")
        }
        let region = try RecordFields.region(columns.cell("province", row), line: line, provinces: provinces, file: file)
        let ageMin = try RecordFields.wholeNumber(columns.cell("age_min", row), in: ages, line: line, column: "age_min", file: file)
        let ageMax = try RecordFields.wholeNumber(columns.cell("age_max", row), in: ages, line: line, column: "age_max", file: file)
        guard ageMin <= ageMax else {
            throw RecordError(file: file, line: line, column: "age_max", message: "is \(ageMax), below age_min \(ageMin)",
                              expected: "an age from age_min to \(ages.upperBound)")
        }
        let sampled = try RecordFields.wholeNumber(columns.cell("sampled", row), in: 1...Int.max, line: line, column: "sampled", file: file)
        let positive = try RecordFields.wholeNumber(columns.cell("positive", row), in: 0...Int.max, line: line, column: "positive", file: file)
        guard positive <= sampled else {
            throw RecordError(file: file, line: line, column: "positive", message: "is \(positive), more than the \(sampled) sampled",
                              expected: "at most sampled")
        }
        let sensitivity = try accuracy(columns.cell("sensitivity", row), line: line, column: "sensitivity", file: file)
        let specificity = try accuracy(columns.cell("specificity", row), line: line, column: "specificity", file: file)
        // Below this the assay says less than a coin toss, and the prevalence it implies has no meaning.
        if let sensitivity, let specificity, sensitivity + specificity <= 1 {
            throw RecordError(file: file, line: line, column: "specificity",
                              message: "with sensitivity \(sensitivity) makes an assay no better than chance",
                              expected: "sensitivity + specificity above 1")
        }
        return Serosurvey(start: start, end: end, region: region, ageMin: ageMin, ageMax: ageMax, sampled: sampled, positive: positive,
                          sensitivity: sensitivity, specificity: specificity, line: line)
    }

    private static func accuracy(_ text: String, line: Int, column: String, file: String) throws(RecordError) -> Double? {
        if text.isEmpty { return nil }
        guard let value = Double(text), value > 0, value <= 1 else {
            throw RecordError(file: file, line: line, column: column, message: "is \"\(text)\"", expected: "a proportion above 0 and at most 1")
        }
        return value
    }
}
