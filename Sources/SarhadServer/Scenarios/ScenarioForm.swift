import SarhadModel
import SarhadScenario

/// The scenario edit form: one field per catalogue parameter (named by its key path, e.g.
/// `disease.r0`) and one text area for the structured settings the catalogue does not cover
/// (crossings, arrival periods, seeds, source prevalence, calibration priors, the timeline).
/// The form is turned back into TOML and validated by `ScenarioLoader`; the loader's key (or,
/// failing that, its line) says which field an error belongs next to.
public struct ScenarioForm: Sendable, Equatable {
    public static let structuredField = "structured"
    /// The country pack the scenario is read over (`[scenario] country`): kept as it is, since the same
    /// settings over another country's pack would be another scenario (or, with its provinces, no scenario).
    public static let countryField = "scenario.country"

    /// Field name → text as the person typed it. An empty or missing parameter keeps its default.
    public var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    /// The form filled with a scenario's current values.
    public init(scenario: Scenario) {
        let provinces = scenario.configuration.provinces.map(\.name)
        var values = [String: String]()
        for spec in ParameterCatalog.all {
            values[spec.path] = ScenarioForm.text(spec.get(scenario), kind: spec.kind, provinces: provinces)
        }
        values[ScenarioForm.structuredField] = ScenarioForm.structuredSettings(of: ScenarioWriter.toml(scenario))
        values[ScenarioForm.countryField] = scenario.pack.reference
        self.values = values
    }

    /// A value as the form shows it: plain numbers, names and dates; lists without their brackets.
    public static func text(_ value: ParameterSpec.Value, kind: ParameterSpec.Kind, provinces: [String]) -> String {
        switch value {
        case .number(let number): return numberText(number)
        case .integer(let integer):
            if case .province = kind { return provinces.indices.contains(integer) ? provinces[integer] : String(integer) }
            return String(integer)
        case .boolean(let flag): return flag ? "true" : "false"
        case .date(let date): return date.description
        case .text(let text): return text
        case .numbers(let numbers):
            if case .provinceValues = kind {
                return zip(provinces, numbers).map { "\(tomlKey($0)) = \(numberText($1))" }.joined(separator: ", ")
            }
            return numbers.map(numberText).joined(separator: ", ")
        }
    }

    /// The TOML the form stands for, and which field each line (1-based) came from.
    public func toml() -> (text: String, fieldOfLine: [Int: String]) {
        var lines = ["# Written by the Sarhad dashboard's scenario form."]
        var fieldOfLine = [Int: String]()
        var section = ""
        for spec in ParameterCatalog.all {
            if spec.section != section {
                section = spec.section
                lines += ["", "[\(section)]"]
                // The structured text area holds the complete timeline, as the resolved TOML does.
                if section == "scenario" {
                    lines.append("replace_timeline = true")
                    if let country = values[ScenarioForm.countryField]?.trimmingWhitespace(), !country.isEmpty {
                        lines.append("country = \(ScenarioForm.quoted(country))")
                        fieldOfLine[lines.count] = ScenarioForm.countryField
                    }
                }
            }
            guard let literal = literal(for: spec) else { continue }
            lines.append("\(spec.key) = \(literal)")
            fieldOfLine[lines.count] = spec.path
        }
        lines.append("")
        let structured = values[ScenarioForm.structuredField] ?? ""
        for line in structured.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.hasSuffix("\r") ? String(line.dropLast()) : String(line))
            fieldOfLine[lines.count] = ScenarioForm.structuredField
        }
        return (lines.joined(separator: "\n") + "\n", fieldOfLine)
    }

    /// The field's text as a TOML value, or nil when the field is blank (the default applies).
    func literal(for spec: ParameterSpec) -> String? {
        guard let raw = values[spec.path]?.trimmingWhitespace(), !raw.isEmpty else { return nil }
        switch spec.kind {
        case .text, .province: return ScenarioForm.quoted(raw)
        case .ageVector, .numberList: return "[" + ScenarioForm.items(raw) + "]"
        case .provinceValues: return "{ " + ScenarioForm.items(raw) + " }"
        // One line only: a newline here would let a field write other keys.
        case .number, .integer, .boolean, .date: return raw.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }

    /// The form field an error belongs to: the parameter whose key path the error's key starts
    /// with, the structured area for structured keys, else whichever field wrote the error's line.
    public static func field(forKey key: String?, line: Int?, fieldOfLine: [Int: String] = [:]) -> String? {
        if let key {
            let base = String(key.prefix { $0 != "[" })
            if let spec = ParameterCatalog.all.first(where: { base == $0.path || base.hasPrefix($0.path + ".") }) {
                return spec.path
            }
            let structuredPrefixes = ["importation.", "timeline", "calibration", "scenario.replace_timeline"]
            if structuredPrefixes.contains(where: { base.hasPrefix($0) }) { return structuredField }
        }
        if let line, let field = fieldOfLine[line] { return field }
        return nil
    }

    /// The parts of a resolved scenario's TOML that are not catalogue parameters: array-of-table
    /// blocks (`[[…]]`) and sub-tables such as `[importation.source]`, with their comments.
    static func structuredSettings(of toml: String) -> String {
        let catalogSections = Set(ParameterCatalog.all.map(\.section))
        var kept = [Substring]()
        var keeping = false
        for line in toml.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingPrefix { $0 == " " }
            if trimmed.hasPrefix("[[") {
                keeping = true
            } else if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                keeping = !catalogSections.contains(String(name))
            }
            if keeping { kept.append(line) }
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n") + "\n"
    }

    /// Items separated by commas or new lines, re-joined with commas (so one-per-line input works too).
    static func items(_ raw: String) -> String {
        raw.split(whereSeparator: { $0 == "," || $0.isNewline })
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: ", ")
    }

    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    static func tomlKey(_ name: String) -> String {
        name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" } ? name : quoted(name)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
