/// Several runs in one report: the first is the baseline, the report's comparison section sets
/// each other run against it.
enum ComparePage {
    static func render(runIds: [Int64], report: ReportEmbedding) -> String {
        let names = runIds.map { "<a href=\"/runs/\($0)\">run \($0)</a>" }.joined(separator: ", ")
        let query = runIds.map(String.init).joined(separator: ",")
        return PageHTML.page(title: "Comparison", body: """
            <h1>Comparison of \(names)</h1>
            <p class="hint">Baseline: run \(runIds[0]). <a href="/api/v1/compare?runs=\(query)">This report as one HTML file</a>.</p>
            <div class="report">\(report.body)</div>
            """, extraStyle: report.style)
    }
}
