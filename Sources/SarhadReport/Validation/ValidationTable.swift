import Foundation
import SarhadInference

/// The validation table as text for the terminal, CSV for tools and Markdown for docs/VALIDATION.md.
public enum ValidationTable {
    static let columns = ["check", "compared", "expected", "observed", "tolerance", "tolerance basis", "result"]

    static func cells(_ row: ValidationCheck) -> [String] {
        [row.group, row.compared, number(row.expected), number(row.observed), "± " + number(row.tolerance),
         row.toleranceBasis, row.passed ? "pass" : "FAIL"]
    }

    /// Four significant digits: enough to judge a difference, short enough to read.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if value == value.rounded(), abs(value) < 1e7 { return String(format: "%.0f", value) }
        let magnitude = abs(value)
        if magnitude >= 1000 { return String(format: "%.0f", value) }
        if magnitude >= 1 { return String(format: "%.4g", value) }
        return String(format: "%.4f", value)
    }

    public static func text(_ rows: [ValidationCheck]) -> String {
        TextTable.render([columns] + rows.map(cells), rightAligned: { (2...4).contains($0) }, trimTrailingSpaces: true)
    }

    public static func csv(_ rows: [ValidationCheck]) -> String {
        let header = "check,compared,expected,observed,tolerance,tolerance_basis,passed"
        let lines = rows.map { row in
            [quoted(row.group), quoted(row.compared), "\(row.expected)", "\(row.observed)", "\(row.tolerance)",
             quoted(row.toleranceBasis), row.passed ? "true" : "false"].joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    public static func markdown(_ rows: [ValidationCheck]) -> String {
        let header = "| " + columns.joined(separator: " | ") + " |"
        let rule = "|" + columns.map { _ in "---" }.joined(separator: "|") + "|"
        let lines = rows.map { "| " + cells($0).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([header, rule] + lines).joined(separator: "\n") + "\n"
    }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
