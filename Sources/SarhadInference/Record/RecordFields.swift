import SarhadModel

/// The header of a record or serosurvey file: which column holds what, checked against what the format allows.
struct RecordColumns {
    private var index: [String: Int]
    private var width: Int

    init(header: [String], required: [String], optional: [String], file: String) throws(RecordErrors) {
        let allowed = required + optional
        var index = [String: Int]()
        var errors = [RecordError]()
        let expected = "the header \(required.joined(separator: ","))"
            + (optional.isEmpty ? "" : " (optional: \(optional.joined(separator: ", ")))")
        for (position, name) in header.enumerated() {
            if !allowed.contains(name) {
                errors.append(RecordError(file: file, line: 1, message: "has the column \"\(name)\"", expected: expected))
            } else if index[name] != nil {
                errors.append(RecordError(file: file, line: 1, message: "has the column \"\(name)\" twice", expected: expected))
            } else {
                index[name] = position
            }
        }
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            errors.append(RecordError(file: file, line: 1, message: "lacks the column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))",
                                      expected: expected))
        }
        guard errors.isEmpty else { throw RecordErrors(errors) }
        self.index = index
        width = header.count
    }

    func has(_ column: String) -> Bool { index[column] != nil }

    /// The row's cell in `column`; empty where the file has no such column.
    func cell(_ column: String, _ row: RecordCSV.Row) -> String {
        guard let position = index[column], position < row.cells.count else { return "" }
        return row.cells[position]
    }

    func checkWidth(of row: RecordCSV.Row, file: String) throws(RecordError) {
        guard row.cells.count == width else {
            throw RecordError(file: file, line: row.line, message: "has \(row.cells.count) fields", expected: "\(width), one per header column")
        }
    }
}

/// The checks a single cell gets, shared by the record and the serosurvey formats.
enum RecordFields {
    static func date(_ text: String, line: Int, column: String, file: String) throws(RecordError) -> SimDate {
        guard let date = SimDate(iso: text) else {
            throw RecordError(file: file, line: line, column: column, message: "is \"\(text)\"", expected: "a date as YYYY-MM-DD")
        }
        return date
    }

    static func region(_ text: String, line: Int, provinces: [String], file: String) throws(RecordError) -> EpidemicRecord.Region {
        if text.lowercased() == "national" { return .national }
        if let index = provinces.firstIndex(where: { $0.lowercased() == text.lowercased() }) { return .province(index) }
        throw RecordError(file: file, line: line, column: "province", message: "is \"\(text)\", not a province of the scenario",
                          expected: "national or one of \(provinces.joined(separator: ", "))")
    }

    /// A count: a finite, non-negative number.
    static func count(_ text: String, line: Int, column: String, file: String) throws(RecordError) -> Double {
        guard let value = Double(text), value.isFinite, value >= 0 else {
            throw RecordError(file: file, line: line, column: column, message: "is \"\(text)\"", expected: "a non-negative number")
        }
        return value
    }

    static func wholeNumber(_ text: String, in range: ClosedRange<Int>, line: Int, column: String, file: String) throws(RecordError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw RecordError(file: file, line: line, column: column, message: "is \"\(text)\"",
                              expected: "a whole number from \(range.lowerBound) to \(range.upperBound == Int.max ? "any" : "\(range.upperBound)")")
        }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
