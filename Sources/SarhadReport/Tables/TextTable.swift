/// A plain-text table for the terminal: columns padded to their widest cell, two spaces between
/// them, and a rule of dashes under the chosen rows. Every terminal table of the CLI is one.
public enum TextTable {
    /// `rightAligned(column)` says which columns hold numbers; `rulesAfter` lists the rows a rule follows.
    public static func render(_ rows: [[String]], rightAligned: (Int) -> Bool, rulesAfter: Set<Int> = [0],
                              trimTrailingSpaces: Bool = false) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [String]()
        for (index, row) in rows.enumerated() {
            var line = row.enumerated().map { column, cell in
                rightAligned(column) ? cell.leftPadding(to: widths[column]) : cell.padding(to: widths[column])
            }.joined(separator: "  ")
            if trimTrailingSpaces { while line.last == " " { line.removeLast() } }
            lines.append(line)
            if rulesAfter.contains(index) { lines.append(rule) }
        }
        return lines.joined(separator: "\n")
    }
}
