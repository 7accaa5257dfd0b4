import Foundation
import SarhadScenario

/// A scenario's timeline as the rows of a form: each event's date, end, kind and label in fields of their
/// own and its kind's settings as a few TOML lines, one row to add an event, a box to remove one. Saved
/// rows become `[[timeline]]` tables again, in date order, in place of the old ones, and the scenario is
/// checked by the same loader as a file; the loader's key (`timeline[2].multiplier`) or line says which
/// row and field an error belongs to.
public struct TimelineForm: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// "0", "1", … for events already there; "new" for the empty row.
        public var id: String
        public var date = ""
        public var until = ""
        public var kind = ""
        public var label = ""
        /// The kind's own keys as TOML lines (`layers = ["school"]`, `multiplier = 0.0`).
        public var settings = ""
        public var remove = false

        public init(id: String) { self.id = id }

        /// A row nobody filled in (the add row left empty) adds nothing; its kind, a menu that always has a
        /// choice, does not count.
        var isBlank: Bool {
            [date, until, label, settings].allSatisfy { $0.trimmingWhitespace().isEmpty }
        }
    }

    /// The event kinds, in the order the page lists them.
    public static let kindNames = ["contacts", "border", "screening", "quarantine", "test_capacity", "health_capacity", "prisoner_release"]

    /// The event kinds, each with an example of its settings naming one of the scenario's own provinces and
    /// laboratories (the timeline page of every country shows its own names).
    public static func kinds(provinces: [String], laboratories: [String]) -> [(name: String, example: String)] {
        let province = provinces.first.map { "\nprovinces = [\(ScenarioForm.quoted($0))]" } ?? ""
        let laboratory = laboratories.first.map { "\nlaboratory = \(ScenarioForm.quoted($0))" } ?? ""
        let examples = [
            "layers = [\"work\", \"community\"]\(province)\nmultiplier = 0.6",
            "open = false",
            "enabled = true\nsensitivity = 0.7",
            "enabled = true\ndays = 14\nadherence = 0.75",
            "tests_per_day = 200.0\(laboratory)",
            "bed_multiplier = 0.7\nicu_multiplier = 0.5\(province)",
            "count = 5000",
        ]
        return Array(zip(kindNames, examples))
    }

    public static let commonFields = ["date", "until", "kind", "label"]

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The timeline of a form's structured settings (`ScenarioForm.structuredField`), in date order.
    public init(structured: String) {
        var rows = [Row]()
        for block in TimelineForm.split(structured).timeline {
            var row = Row(id: String(rows.count))
            var settings = [String]()
            for line in block.split(separator: "\n").map(String.init) where !line.hasPrefix("[[") {
                let trimmed = line.trimmingWhitespace()
                guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
                let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
                switch parts.first {
                case "date": row.date = parts.count > 1 ? parts[1] : ""
                case "until": row.until = parts.count > 1 ? parts[1] : ""
                case "kind": row.kind = TimelineForm.unquoted(parts.count > 1 ? parts[1] : "")
                case "label": row.label = TimelineForm.unquoted(parts.count > 1 ? parts[1] : "")
                default: settings.append(trimmed)
                }
            }
            row.settings = settings.joined(separator: "\n")
            rows.append(row)
        }
        self.rows = TimelineForm.ordered(rows)
    }

    /// The rows a posted form holds (`event.<id>.<field>`), in date order, removed rows and an empty add row left out.
    public init(fields: [String: String]) {
        var byId = [String: Row]()
        for (name, value) in fields where name.hasPrefix("event.") {
            let parts = name.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { continue }
            var row = byId[parts[1]] ?? Row(id: parts[1])
            switch parts[2] {
            case "date": row.date = value
            case "until": row.until = value
            case "kind": row.kind = value
            case "label": row.label = value
            case "settings": row.settings = value
            case "remove": row.remove = !value.isEmpty
            default: continue
            }
            byId[parts[1]] = row
        }
        let kept = byId.values.filter { !$0.remove && !$0.isBlank }
        rows = TimelineForm.ordered(kept.sorted { TimelineForm.rank($0.id) < TimelineForm.rank($1.id) })
    }

    /// Date order, events of one date in the order they were listed (the engine applies them in that order).
    static func ordered(_ rows: [Row]) -> [Row] {
        rows.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    static func rank(_ id: String) -> Int { Int(id) ?? Int.max }

    /// The rows as `[[timeline]]` tables, and for each line (1-based within the text) the row field it came from.
    func toml() -> (text: String, fieldOfLine: [Int: String]) {
        var lines = [String](), fieldOfLine = [Int: String]()
        func add(_ line: String, _ row: Row, _ field: String) {
            lines.append(line)
            fieldOfLine[lines.count] = "event.\(row.id).\(field)"
        }
        for row in rows {
            add("[[timeline]]", row, "date")
            // Single-line fields stay single lines: a newline could otherwise write other keys.
            add("date = \(TimelineForm.oneLine(row.date))", row, "date")
            if !row.until.trimmingWhitespace().isEmpty { add("until = \(TimelineForm.oneLine(row.until))", row, "until") }
            add("kind = \(ScenarioForm.quoted(TimelineForm.oneLine(row.kind)))", row, "kind")
            if !row.label.trimmingWhitespace().isEmpty { add("label = \(ScenarioForm.quoted(TimelineForm.oneLine(row.label)))", row, "label") }
            for line in row.settings.split(whereSeparator: \.isNewline) where !line.trimmingWhitespace().isEmpty {
                add(line.trimmingWhitespace(), row, "settings")
            }
            lines.append("")
        }
        return (lines.joined(separator: "\n"), fieldOfLine)
    }

    /// The form field (`event.<id>.<field>`) an error of the loader belongs to: by its key
    /// (`timeline[k].x`, k counting the rows in order) or else by the line it names.
    func field(forKey key: String?, line: Int?, fieldOfLine: [Int: String]) -> String? {
        if let key, key.hasPrefix("timeline["), let close = key.firstIndex(of: "]"),
           let index = Int(key[key.index(key.startIndex, offsetBy: 9)..<close]), rows.indices.contains(index) {
            let rest = key[key.index(after: close)...].drop { $0 == "." }
            let field = TimelineForm.commonFields.first { rest.hasPrefix($0) } ?? (rest.isEmpty ? "date" : "settings")
            return "event.\(rows[index].id).\(field)"
        }
        return line.flatMap { fieldOfLine[$0] }
    }

    /// A form's structured settings with the timeline replaced by these rows.
    func replacingTimeline(in structured: String) -> String {
        let other = TimelineForm.split(structured).other.trimmingWhitespace()
        return (other.isEmpty ? "" : other + "\n\n") + toml().text
    }

    /// The structured settings cut into `[[timeline]]` tables and everything else.
    static func split(_ structured: String) -> (timeline: [String], other: String) {
        var timeline = [String](), other = [String]()
        var current: [String]?
        for line in structured.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("[") {
                if let block = current { timeline.append(block.joined(separator: "\n")) }
                current = trimmed == "[[timeline]]" ? [line] : nil
                if current == nil { other.append(line) }
            } else if current != nil {
                current!.append(line)
            } else {
                other.append(line)
            }
        }
        if let block = current { timeline.append(block.joined(separator: "\n")) }
        return (timeline, other.joined(separator: "\n"))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
    }

    /// A TOML basic string's text: its escapes (\" \\ \t \n \r \b \f \uXXXX \UXXXXXXXX) undone, so that a
    /// label read from the scenario's text is written back as it was.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var out = "", characters = Array(text.dropFirst().dropLast()), index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "\\", index < characters.count else { out.append(character); continue }
            let escape = characters[index]
            index += 1
            switch escape {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "u", "U":
                let width = escape == "u" ? 4 : 8
                let digits = String(characters[index..<min(characters.count, index + width)])
                if digits.count == width, let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                    index += width
                } else {
                    out.append("\\")
                    out.append(escape)
                }
            default: out.append(escape)
            }
        }
        return out
    }
}
