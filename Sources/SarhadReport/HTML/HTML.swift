/// Small helpers for writing the report's HTML by hand: escaping, tables, figures.
enum HTML {
    static func escaped(_ text: String) -> String { SVGWriter.escaped(text) }

    /// A table; cells in `numericColumns` are right-aligned with tabular figures so digits line up.
    static func table(caption: String? = nil, headers: [String], rows: [[String]], numericColumns: Set<Int> = [],
                      className: String = "data") -> String {
        var lines = ["<table class=\"\(className)\">"]
        if let caption { lines.append("<caption>\(escaped(caption))</caption>") }
        let headerCells = headers.enumerated().map { index, header in
            "<th scope=\"col\"\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(escaped(header))</th>"
        }
        lines.append("<thead><tr>" + headerCells.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == 0 ? "<th scope=\"row\">\(escaped(cell))</th>"
                    : "<td\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(escaped(cell))</td>"
            }
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</tbody></table>")
        return lines.joined(separator: "\n")
    }

    /// A chart in a figure, with a caption under it that says how to read it.
    static func figure(_ svg: String, caption: String, className: String = "chart") -> String {
        "<figure class=\"\(className)\">\n\(svg)<figcaption>\(escaped(caption))</figcaption>\n</figure>"
    }

    static func section(id: String, title: String, _ body: [String]) -> String {
        (["<section id=\"\(id)\">", "<h2>\(escaped(title))</h2>"] + body + ["</section>"]).joined(separator: "\n")
    }

    static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(escaped(text))</p>"
    }
}
