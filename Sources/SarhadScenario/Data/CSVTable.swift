import Foundation

/// A small RFC 4180 reader for the bundled data files: a header row, then records; quoted fields may
/// hold commas and doubled quotes.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String]]
    public let name: String

    public init(text: String, name: String) throws(ScenarioError) {
        var records = [[String]]()
        var field = ""
        var record = [String]()
        var inQuotes = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func nextScalar() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = nextScalar() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = nextScalar() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                inQuotes = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", let following = nextScalar(), following != "\n" { pending = following }
                record.append(field)
                field = ""
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard let header = records.first else {
            throw ScenarioError(file: name, line: nil, key: nil, message: "is empty", expected: "a header row")
        }
        self.header = header
        rows = Array(records.dropFirst())
        self.name = name
    }

    public func column(_ name: String) throws(ScenarioError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw ScenarioError(file: self.name, line: 1, key: name, message: "column is missing", expected: "a column named \(name)")
        }
        return index
    }

    public func doubles(_ name: String) throws(ScenarioError) -> [Double] {
        let index = try column(name)
        var values = [Double]()
        for (number, row) in rows.enumerated() {
            guard index < row.count, let value = Double(row[index]) else {
                throw ScenarioError(file: self.name, line: number + 2, key: name, message: "is not a number",
                                    expected: "a number")
            }
            values.append(value)
        }
        return values
    }

    public func strings(_ name: String) throws(ScenarioError) -> [String] {
        let index = try column(name)
        return rows.map { index < $0.count ? $0[index] : "" }
    }
}
