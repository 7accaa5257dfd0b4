import Foundation

/// The HTML report's stylesheet and body, to be set inside a dashboard page: the results page then
/// shows exactly the report's charts and tables (the same SVG, drawn from the same files).
struct ReportEmbedding {
    let style: String
    let body: String

    init(reportHTML: String) {
        style = ReportEmbedding.between("<style>", "</style>", in: reportHTML) ?? ""
        body = ReportEmbedding.between("<body>", "</body>", in: reportHTML) ?? reportHTML
    }

    static func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, options: .backwards),
              open.upperBound <= close.lowerBound else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
