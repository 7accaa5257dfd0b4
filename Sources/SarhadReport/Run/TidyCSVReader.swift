import Foundation
import SarhadModel

/// A tolerant reader of the tidy long tables Sarhad writes (`date,province,measure,value` with an
/// optional `replicate` or `quantile` column): columns are found by header name in any order, extra
/// columns are ignored, fields may be quoted, line ends may be CRLF. It works on bytes and interns the
/// repeated texts, because a run's table has hundreds of thousands of rows.
public struct TidyCSVReader {
    public struct FormatError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let message: String
        public var description: String { "\(file): line \(line): \(message)" }
    }

    /// One row, with its texts replaced by indices into `texts`.
    public struct Row {
        public var date: SimDate
        public var province: Int
        public var measure: Int
        /// Index into `texts`, or nil when the table has no such column or the field is empty.
        public var replicate: Int?
        public var quantile: Double?
        public var value: Double
    }

    public private(set) var texts: [String] = []
    private var textIndex: [ArraySlice<UInt8>: Int] = [:]
    private var dateIndex: [ArraySlice<UInt8>: SimDate] = [:]

    public init() {}

    /// Calls `visit` for every data row.
    public mutating func read(_ data: Data, file: String, visit: (Row) -> Void) throws {
        let bytes = [UInt8](data)
        var fields = [ArraySlice<UInt8>]()
        var lineNumber = 0
        var columns: (date: Int, province: Int, measure: Int, value: Int, replicate: Int?, quantile: Int?)?
        var start = bytes.startIndex
        while start < bytes.endIndex {
            var end = start
            var inQuotes = false
            while end < bytes.endIndex, inQuotes || bytes[end] != UInt8(ascii: "\n") {
                if bytes[end] == UInt8(ascii: "\"") { inQuotes.toggle() }
                end += 1
            }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            lineNumber += 1
            defer { start = end + 1 }
            guard lineEnd > start else { continue }
            Self.split(bytes[start..<lineEnd], into: &fields)
            guard let found = columns else {
                let names = fields.map { String(decoding: Self.unquoted($0), as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() }
                func column(_ name: String) throws -> Int {
                    guard let index = names.firstIndex(of: name) else {
                        throw FormatError(file: file, line: lineNumber, message: "header has no \"\(name)\" column")
                    }
                    return index
                }
                columns = (try column("date"), try column("province"), try column("measure"), try column("value"),
                           names.firstIndex(of: "replicate"), names.firstIndex(of: "quantile"))
                continue
            }
            let needed = max(found.date, found.province, found.measure, found.value, found.replicate ?? 0, found.quantile ?? 0)
            guard fields.count > needed else {
                throw FormatError(file: file, line: lineNumber, message: "has \(fields.count) fields, expected \(needed + 1)")
            }
            guard let date = date(fields[found.date]) else {
                throw FormatError(file: file, line: lineNumber, message: "date \"\(String(decoding: fields[found.date], as: UTF8.self))\" is not YYYY-MM-DD")
            }
            guard let value = Self.number(fields[found.value]) else {
                throw FormatError(file: file, line: lineNumber, message: "value \"\(String(decoding: fields[found.value], as: UTF8.self))\" is not a number")
            }
            var quantile: Double?
            if let column = found.quantile, !fields[column].isEmpty {
                guard let parsed = Self.number(fields[column]) else {
                    throw FormatError(file: file, line: lineNumber, message: "quantile is not a number")
                }
                quantile = parsed
            }
            let replicate = found.replicate.flatMap { fields[$0].isEmpty ? nil : intern(fields[$0]) }
            visit(Row(date: date, province: intern(fields[found.province]), measure: intern(fields[found.measure]),
                      replicate: replicate, quantile: quantile, value: value))
        }
    }

    private mutating func intern(_ field: ArraySlice<UInt8>) -> Int {
        if let index = textIndex[field] { return index }
        texts.append(String(decoding: Self.unquoted(field), as: UTF8.self))
        textIndex[field] = texts.count - 1
        return texts.count - 1
    }

    private mutating func date(_ field: ArraySlice<UInt8>) -> SimDate? {
        if let date = dateIndex[field] { return date }
        guard let date = SimDate(iso: String(decoding: Self.unquoted(field), as: UTF8.self)) else { return nil }
        dateIndex[field] = date
        return date
    }

    /// Splits on commas outside quotes; fields keep their quotes until `unquoted`.
    private static func split(_ line: ArraySlice<UInt8>, into fields: inout [ArraySlice<UInt8>]) {
        fields.removeAll(keepingCapacity: true)
        var fieldStart = line.startIndex
        var inQuotes = false
        for index in line.indices {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: ","), !inQuotes {
                fields.append(line[fieldStart..<index])
                fieldStart = index + 1
            }
        }
        fields.append(line[fieldStart..<line.endIndex])
    }

    private static func unquoted(_ field: ArraySlice<UInt8>) -> [UInt8] {
        guard field.count >= 2, field.first == UInt8(ascii: "\""), field.last == UInt8(ascii: "\"") else { return Array(field) }
        var result = [UInt8]()
        var previousWasQuote = false
        for byte in field.dropFirst().dropLast() {
            if byte == UInt8(ascii: "\""), previousWasQuote { previousWasQuote = false; continue }
            previousWasQuote = byte == UInt8(ascii: "\"")
            result.append(byte)
        }
        return result
    }

    /// Whole numbers are read digit by digit (nearly every value is a count); anything else by `Double(_:)`.
    private static func number(_ field: ArraySlice<UInt8>) -> Double? {
        var value: Int64 = 0
        var negative = false
        var index = field.startIndex
        if index < field.endIndex, field[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var digits = 0
        while index < field.endIndex, field[index] >= UInt8(ascii: "0"), field[index] <= UInt8(ascii: "9"), digits < 17 {
            value = value * 10 + Int64(field[index] - UInt8(ascii: "0"))
            index += 1
            digits += 1
        }
        if index == field.endIndex, digits > 0 { return Double(negative ? -value : value) }
        return Double(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }
}
