/// The rows of a small comma-separated file as the record formats use it: a header, then one
/// observation a line, no quoted commas (names of provinces and measures never contain one).
struct RecordCSV {
    struct Row {
        /// 1-based line number in the file, counting the header as line 1.
        var line: Int
        var cells: [String]
    }

    var header: [String]
    var rows: [Row]

    init(text: String) {
        // Swift reads "\r\n" as one character, a newline, so files from Windows split the same way.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        // A byte-order mark, as spreadsheet programs write, is not part of the first column's name.
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        header = (lines.first ?? "").split(separator: ",", omittingEmptySubsequences: false).map { RecordCSV.clean($0) }
        rows = lines.enumerated().dropFirst().compactMap { index, line in
            guard !line.allSatisfy(\.isWhitespace) else { return nil }
            return Row(line: index + 1, cells: line.split(separator: ",", omittingEmptySubsequences: false).map { RecordCSV.clean($0) })
        }
    }

    private static func clean(_ cell: Substring) -> String {
        var text = cell.trimmingWhitespace()
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        return text
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
