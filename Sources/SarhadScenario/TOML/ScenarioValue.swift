import SarhadModel

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
}
