import SarhadModel
import TOMLKit

/// A parsed TOML value, detached from the parser so validation is plain Swift.
public indirect enum ScenarioValue: Sendable, Equatable {
    case table([(String, ScenarioValue)])
    case array([ScenarioValue])
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case date(SimDate)
    case other(String)

    public static func == (lhs: ScenarioValue, rhs: ScenarioValue) -> Bool {
        switch (lhs, rhs) {
        case (.table(let a), .table(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.date(let a), .date(let b)): a == b
        case (.other(let a), .other(let b)): a == b
        default: false
        }
    }

    /// What a person would call this kind of value in an error message.
    public var kindDescription: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .date: "a date"
        case .other(let kind): kind
        }
    }

    var tableEntries: [(String, ScenarioValue)]? {
        if case .table(let entries) = self { return entries }
        return nil
    }

    var numberValue: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    var dateValue: SimDate? {
        switch self {
        case .date(let date): date
        case .string(let text): SimDate(iso: text)
        default: nil
        }
    }

    /// Detaches a parsed value. Never force-unwraps what TOMLKit hands back: it reads keys as C strings,
    /// so a key that does not survive that trip (a NUL character cut it short) cannot be looked up again;
    /// that is reported as an error naming the key, not a crash.
    static func from(_ value: any TOMLValueConvertible, path: String = "") throws(ScenarioError) -> ScenarioValue {
        switch value.type {
        case .table:
            guard let table = value.table else { return .other("an unreadable table") }
            var entries = [(String, ScenarioValue)]()
            for key in table.keys.sorted() {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard let child = table[key] else {
                    throw ScenarioError(key: keyPath, message: "cannot be read back by the TOML parser",
                                        expected: "keys without NUL characters")
                }
                entries.append((key, try from(child, path: keyPath)))
            }
            return .table(entries)
        case .array:
            guard let array = value.array else { return .other("an unreadable array") }
            var items = [ScenarioValue]()
            for (index, item) in array.enumerated() { items.append(try from(item, path: "\(path)[\(index)]")) }
            return .array(items)
        case .string: return value.string.map { .string($0) } ?? .other("an unreadable string")
        case .int: return value.int.map { .integer($0) } ?? .other("an unreadable integer")
        case .double: return value.double.map { .number($0) } ?? .other("an unreadable number")
        case .bool: return value.bool.map { .boolean($0) } ?? .other("an unreadable boolean")
        case .date:
            guard let date = value.date else { return .other("an unreadable date") }
            return SimDate(year: date.year, month: date.month, day: date.day).map { .date($0) } ?? .other("an invalid date")
        case .time: return .other("a time of day")
        case .dateTime: return .other("a date-time")
        }
    }
}
