import SarhadModel

/// One scalar or vector setting of a scenario: where it lives in the file, what it means, its unit,
/// its source, its allowed range, and how it reads and writes the configuration. The same table
/// drives parsing, validation, `scenario show` and any form that edits a scenario.
/// Unchecked because key paths captured by `get`/`set` are immutable values.
public struct ParameterSpec: @unchecked Sendable {
    public enum Kind: Sendable {
        case number(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
        case boolean
        case date
        case text
        /// 16 numbers, one per age band.
        case ageVector(ClosedRange<Double>)
        /// One number per province, written as an inline table keyed by province name.
        case provinceValues(ClosedRange<Double>)
        /// A list of numbers of any length ≥ 1.
        case numberList(ClosedRange<Double>)
        /// A province name.
        case province
    }

    public enum Value: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case boolean(Bool)
        case date(SimDate)
        case text(String)
        case numbers([Double])
    }

    public let section: String
    public let key: String
    public let kind: Kind
    public let unit: String
    public let summary: String
    public let source: String
    public let get: (Scenario) -> Value
    public let set: (inout Scenario, Value) -> Void

    public var path: String { "\(section).\(key)" }

    public var expectation: String {
        switch kind {
        case .number(let range): "a number from \(format(range.lowerBound)) to \(format(range.upperBound))"
        case .integer(let range): "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .boolean: "true or false"
        case .date: "a date like 2020-03-14"
        case .text: "a string"
        case .ageVector(let range): "an array of 16 numbers (ages 0–4 … 75+) from \(format(range.lowerBound)) to \(format(range.upperBound))"
        case .provinceValues(let range): "a table of province = number, numbers from \(format(range.lowerBound)) to \(format(range.upperBound))"
        case .numberList(let range): "an array of numbers from \(format(range.lowerBound)) to \(format(range.upperBound))"
        case .province: "a province name"
        }
    }
}

func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

extension ParameterSpec {
    /// The source to print beside a scenario's value: the catalogue's sources are those of the default
    /// pack's values; another pack's are in the comments of its own `scenario.toml`.
    public func source(for scenario: Scenario) -> String {
        scenario.pack.reference == CountryPack.defaultName ? source
            : "see country pack \(scenario.pack.reference) (scenario.toml, SOURCES.md) or Sarhad's general defaults (docs/MODEL.md)"
    }
}

