import SarhadModel

/// The self-contained HTML report: inline CSS, inline SVG charts, no JavaScript, no external
/// resources. The same runs give the same bytes; nothing depends on the clock or the machine.
public enum HTMLReport {
    /// The report on `runs[0]`; with more runs, a comparison of each against the first is added.
    /// `geometry` draws the province maps (left out when nil).
    public static func render(_ runs: [ReportRun], geometry: ProvinceGeometry?) -> String {
        guard let first = runs.first else { return document(title: "Sarhad report", body: ["<p>No run was given.</p>"]) }
        let views = runs.map(RunView.init)
        let view = views[0]
        let period = "\(DateAxis.longLabel(first.startDate)) – \(DateAxis.longLabel(first.startDate.adding(days: first.dayCount - 1)))"
        var identity = [period, "run \(first.directoryName)"]
        if let seed = first.summary.seed { identity.append("seed \(seed)") }
        if first.replicateCount > 1 { identity.append("\(first.replicateCount) replicates") }
        if first.populationScale != 1 { identity.append("\(NumberText.percent(first.populationScale)) of the population simulated") }
        if let version = first.summary.version { identity.append("Sarhad \(version)") }
        let header = """
            <header>
            <p class="kicker">Sarhad epidemic simulation · what happened and what was recorded</p>
            <h1>\(HTML.escaped(first.name))</h1>
            <p class="identity">\(HTML.escaped(identity.joined(separator: " · ")))</p>
            </header>
            """
        // Shown first, not only in the comparison section, so that nobody reads on expecting a comparison.
        let refusal = runs.count > 1 ? Comparability.problem(runs.map(\.period)).map {
            HTML.paragraph("These runs are not compared: \($0.description)", className: "refusal")
        } : nil
        var body = [header] + (refusal.map { [$0] } ?? []) + [KeyFiguresSection.render(view), ScenarioSection.render(view), CurvesSection.infections(view),
                    CurvesSection.deaths(view), HealthCareSection.render(view), ProvinceSection.render(view, geometry: geometry),
                    ImportationSection.render(view)]
        if let age = AgeSection.render(view) { body.append(age) }
        if let comparison = ComparisonSection.render(views) { body.append(comparison) }
        body.append(footer(runs))
        return document(title: "Sarhad report: \(first.name)", body: body)
    }

    static func footer(_ runs: [ReportRun]) -> String {
        let files = runs.map { run in
            "\(run.directoryName)/" + (run.isEnsemble ? "quantiles.csv, " : "") + "timeseries.csv and summary.json"
        }
        return """
            <footer>
            <p>Every number and curve in this report is read from \(HTML.escaped(ScenarioSection.list(files))), written by \
            <code>sarhad run</code>; the report recomputes nothing the run did not record. True series are what happened in \
            the simulation; recorded series are what the observation model lets the health ministry see. The model, its \
            parameters and their sources are described in docs/MODEL.md.</p>
            <p>Colours follow the Okabe–Ito palette; true series are solid and heavy, recorded series dashed, capacity dotted, \
            so the charts read in greyscale and with colour-vision deficiency. Hover over a province, bar or event marker for its value.</p>
            </footer>
            """
    }

    static func document(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escaped(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }
}
