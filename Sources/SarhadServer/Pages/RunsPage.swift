import Foundation

/// The home page: start a run, the queue and past runs, and a comparison of chosen runs.
enum RunsPage {
    /// Values and errors of the start form, kept when a submission is refused.
    struct StartForm {
        var scenario = ""
        var seed = "1"
        var endDate = "2020-06-30"
        var populationScale = "0.01"
        var replicates = "1"
        var errors: [String: String] = [:]
    }

    static let builtInChoice = "built-in"

    /// What the list calls a job: run, ensemble, comparison, calibration, forecast.
    static func kindLabel(_ run: RunResource) -> String {
        run.kind == .run ? (run.replicates > 1 ? "ensemble" : "run") : run.kind.rawValue
    }
    /// Runs listed per page.
    static let pageSize = 50
    /// Scenarios offered in the start form, newest first.
    static let scenarioChoices = 500

    /// `scenarios`: the newest first, `scenarioTotal` of them stored.
    static func render(scenarios: [ScenarioRecord], scenarioTotal: Int, runs: [RunResource], navigation: PageNavigation,
                       form: StartForm = StartForm()) -> String {
        var options = scenarios.map { scenario in
            let id = String(scenario.id ?? 0)
            return "<option value=\"\(id)\"\(form.scenario == id ? " selected" : "")>\(PageHTML.escaped(scenario.name)) (scenario \(id))</option>"
        }
        options.append("<option value=\"\(builtInChoice)\"\(form.scenario == builtInChoice ? " selected" : "")>"
                       + "Built-in scenario (stores a new copy)</option>")
        let field = { (name: String, label: String, value: String, hint: String) in
            let error = form.errors[name].map { " <span class=\"error\">\(PageHTML.escaped($0))</span>" } ?? ""
            return """
                <p\(form.errors[name] == nil ? "" : " class=\"invalid\"")><label>\(label) <input type="text" name="\(name)" \
                value="\(PageHTML.escaped(value))" style="width:12em"></label> <span class="hint">\(hint)</span>\(error)</p>
                """
        }
        let general = form.errors["general"].map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? ""
        let rows = runs.map { run in
            let progress = run.status == .running ? " \(run.daysDone)/\(run.dayCount) \(run.progressUnit)s" : ""
            // Only single runs and ensembles have the run report that comparisons are drawn from.
            let comparable = run.status == .succeeded && run.kind == .run
            return """
                <tr><td><input type="checkbox" name="runs" value="\(run.id)"\(comparable ? "" : " disabled")></td>
                <td><a href="/runs/\(run.id)">\(kindLabel(run)) \(run.id)</a></td><td>\(PageHTML.escaped(run.scenarioName))</td>
                <td>\(run.seed)</td><td>\(PageHTML.escaped(run.endDate))</td><td>\(run.populationScale)</td><td>\(run.agents)</td>
                <td>\(PageHTML.statusText(run.status))\(progress)</td>\
                <td class="hint">\(PageHTML.escaped(run.message ?? ""))</td><td>\(PageHTML.date(run.createdAt))</td></tr>
                """
        }
        let table = runs.isEmpty ? (navigation.total == 0 ? "<p>No runs yet.</p>" : "<p>No runs on this page.</p>" + navigation.html) : """
            \(navigation.html)
            <form method="get" action="/compare">
            <table class="dash"><thead><tr><th>compare</th><th>run</th><th>scenario</th><th>seed</th><th>end</th><th>scale</th>
            <th>agents</th><th>status</th><th>outcome</th><th>queued at</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            <p><button type="submit">Compare the ticked runs</button> <span class="hint">the oldest ticked run is the baseline; \
            the others are compared against it; at most \(Dashboard.maximumComparedRuns) runs</span></p>
            </form>
            """
        return PageHTML.page(title: "Runs", body: """
            <h1>Runs</h1>
            <h2>Start a run</h2>
            <form method="post" action="/runs">
            \(general)
            <p><label>Scenario <select name="scenario">\(options.joined())</select></label> \
            <a href="/scenarios">edit scenarios</a>\(scenarioTotal > scenarios.count
                ? " <span class=\"hint\">(the newest \(scenarios.count) of \(scenarioTotal) are offered)</span>" : "")</p>
            \(field("seed", "Seed", form.seed, "the same seed gives the same outputs, byte for byte"))
            \(field("end_date", "End date", form.endDate, "YYYY-MM-DD, after the scenario's start"))
            \(field("population_scale", "Population scale", form.populationScale,
                    "share of the residents simulated: 0.01 takes seconds; 1, every resident (38.4 million for Afghanistan), needs ≈ 0.9 GB and about a minute"))
            \(field("replicates", "Replicates", form.replicates,
                    "above 1, an ensemble as <code>sarhad run --replicates</code> makes it: quantiles.csv with the median and bands"))
            <p><button type="submit">Queue the run</button></p>
            </form>
            <p class="hint">Scenarios compared with common random numbers, calibrations and forecasts: <a href="/jobs">jobs</a>.</p>
            <h2>Queue and past runs</h2>
            \(table)
            """)
    }
}
