import Foundation

/// `/jobs`: the command line's other commands as forms. Scenarios compared with common random numbers
/// (`sarhad compare`), a calibration to a record (`sarhad calibrate`) and a forecast from a record
/// (`sarhad forecast`). Each is queued like a run and followed on its run page.
enum JobsPage {
    /// Which form a submission came from, its values, and the errors to show beside its fields.
    struct Submitted {
        var form: String
        var values: [String: String]
        var errors: [String: String]
    }

    static let defaults: [String: [String: String]] = [
        "comparison": ["replicates": "10", "seed": "1", "end_date": "2020-06-30", "population_scale": "0.01"],
        "sweep": ["set": "disease.r0=1.8,2.4,3", "replicates": "5", "seed": "1", "end_date": "2020-06-30", "population_scale": "0.01"],
        "calibration": ["through": "2020-04-08", "particles": "200", "generations": "4", "predictive": "20", "seed": "1",
                        "end_date": "2020-06-30", "population_scale": "0.01"],
        "forecast": ["from": "", "horizon": "28", "particles": "200", "seed": "1"],
        "backtest": ["origins": "2020-03-25, 2020-04-01", "horizon": "7", "particles": "200", "seed": "1"],
    ]

    static func render(scenarios: [ScenarioRecord], submitted: Submitted? = nil) -> String {
        func value(_ form: String, _ name: String) -> String {
            submitted?.form == form ? submitted?.values[name] ?? "" : defaults[form]?[name] ?? ""
        }
        func error(_ form: String, _ name: String) -> String? {
            submitted?.form == form ? submitted?.errors[name] : nil
        }
        func field(_ form: String, _ name: String, _ label: String, _ hint: String) -> String {
            let problem = error(form, name)
            return """
                <p\(problem == nil ? "" : " class=\"invalid\"")><label>\(label) <input type="text" name="\(name)" \
                value="\(PageHTML.escaped(value(form, name)))" style="width:12em"></label> <span class="hint">\(hint)</span>\
                \(problem.map { " <span class=\"error\">\(PageHTML.escaped($0))</span>" } ?? "")</p>
                """
        }
        func general(_ form: String) -> String {
            error(form, "general").map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? ""
        }
        func scenarioChoice(_ form: String) -> String {
            let chosen = value(form, "scenario_id")
            let options = scenarios.map { scenario in
                let id = String(scenario.id ?? 0)
                return "<option value=\"\(id)\"\(chosen == id ? " selected" : "")>\(PageHTML.escaped(scenario.name)) (scenario \(id))</option>"
            }
            return "<p><label>Scenario <select name=\"scenario_id\">\(options.joined())</select></label></p>"
        }
        func recordBox(_ form: String) -> String {
            let problem = error(form, "record")
            return """
                <p\(problem == nil ? "" : " class=\"invalid\"")><label>Record (CSV text, optional) \
                <textarea id="record-\(form)" name="record" rows="6">\(PageHTML.escaped(value(form, "record")))</textarea></label>
                <label class="hint">or read it from a file: <input type="file" accept=".csv,text/csv" data-into="record-\(form)"></label>
                <span class="hint">date,province,measure,value, as `sarhad record check` reads it; empty: the country pack's own record\
                </span>\(problem.map { " <span class=\"error\">\(PageHTML.escaped($0))</span>" } ?? "")</p>
                """
        }
        let ticked = Set((submitted?.form == "comparison" ? submitted?.values["scenario_ids"] ?? "" : "").split(separator: ",").map(String.init))
        let boxes = scenarios.map { scenario in
            let id = String(scenario.id ?? 0)
            return "<label><input type=\"checkbox\" name=\"scenario_ids\" value=\"\(id)\"\(ticked.contains(id) ? " checked" : "")> "
                + "\(PageHTML.escaped(scenario.name)) (scenario \(id))</label><br>"
        }
        let noScenarios = scenarios.isEmpty ? "<p>No scenarios yet: <a href=\"/scenarios\">store one</a> first.</p>" : ""
        let comparisonError = error("comparison", "scenario_ids").map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? ""
        return PageHTML.page(title: "Ensembles, comparisons, fits and forecasts", body: """
            <h1>Comparisons, sweeps, calibrations, forecasts and backtests</h1>
            <p>Each is queued like a run and followed on its page, and computed by the same code as the command in brackets, \
            so it writes the same files (a comparison names each scenario's folder after its id). \
            For an ensemble of one scenario, give a run replicates on <a href="/">the runs page</a>.</p>
            \(noScenarios)
            <h2>Compare scenarios (<code>sarhad compare</code>)</h2>
            <form method="post" action="/jobs/comparison">
            \(general("comparison"))
            <p>Scenarios, the oldest ticked first as the baseline:<br>\(boxes.joined())</p>\(comparisonError)
            \(field("comparison", "replicates", "Replicates", "each scenario's replicate r uses the same seed, so differences are the levers' effect"))
            \(field("comparison", "seed", "Seed", "of replicate 0"))
            \(field("comparison", "end_date", "End date", "applied to every scenario; scenarios that end on different days are refused"))
            \(field("comparison", "population_scale", "Population scale", "applied to every scenario"))
            <p><button type="submit">Queue the comparison</button></p>
            </form>
            <h2>Sweep a grid of values (<code>sarhad sweep</code>)</h2>
            <form method="post" action="/jobs/sweep">
            \(general("sweep"))
            \(scenarioChoice("sweep"))
            \(field("sweep", "set", "Values", "section.key=v1,v2,… of a numeric parameter; separate dimensions with ;"))
            \(field("sweep", "replicates", "Replicates", "per point; replicate r uses the same seed at every point"))
            \(field("sweep", "seed", "Seed", ""))
            \(field("sweep", "end_date", "End date", "YYYY-MM-DD"))
            \(field("sweep", "population_scale", "Population scale", ""))
            <p><button type="submit">Queue the sweep</button></p>
            </form>
            <h2>Calibrate to a record (<code>sarhad calibrate</code>)</h2>
            <form method="post" action="/jobs/calibration">
            \(general("calibration"))
            \(scenarioChoice("calibration"))
            \(field("calibration", "through", "Fit through", "the last recorded day fitted, YYYY-MM-DD"))
            \(recordBox("calibration"))
            \(field("calibration", "particles", "Particles", "per generation, 10 to 100,000"))
            \(field("calibration", "generations", "Generations", "1 to 100"))
            \(field("calibration", "predictive", "Predictive replicates", "runs forward from the posterior, for the hidden epidemic and the bands"))
            \(field("calibration", "seed", "Seed", ""))
            \(field("calibration", "end_date", "Predictive until", "YYYY-MM-DD"))
            \(field("calibration", "population_scale", "Population scale", "each simulation of the fit runs at this scale"))
            <p><button type="submit">Queue the calibration</button></p>
            </form>
            <h2>Forecast from a record (<code>sarhad forecast</code>)</h2>
            <form method="post" action="/jobs/forecast">
            \(general("forecast"))
            \(scenarioChoice("forecast"))
            \(recordBox("forecast"))
            \(field("forecast", "from", "Origin", "the last day of the record used; empty: the record's last day"))
            \(field("forecast", "horizon", "Horizon", "days forecast, 1 to 365"))
            \(field("forecast", "particles", "Particles", "twin runs the filter carries, 20 to 5,000"))
            \(field("forecast", "seed", "Seed", ""))
            <p><button type="submit">Queue the forecast</button></p>
            </form>
            <h2>Backtest against the record (<code>sarhad backtest</code>)</h2>
            <form method="post" action="/jobs/backtest">
            \(general("backtest"))
            \(scenarioChoice("backtest"))
            \(recordBox("backtest"))
            \(field("backtest", "origins", "Origins", "dates, comma-separated: each is fitted with only the record up to it, then scored"))
            \(field("backtest", "horizon", "Horizon", "days forecast from each origin, 1 to 365"))
            \(field("backtest", "particles", "Particles", "twin runs the filter carries, 20 to 5,000"))
            \(field("backtest", "seed", "Seed", ""))
            <p><button type="submit">Queue the backtest</button></p>
            </form>
            <script src="/assets/record-file.js"></script>
            """)
    }

    /// Reads a chosen file into its text area in the browser (nothing is uploaded until the form is sent).
    /// Served as /assets/record-file.js: the pages' Content-Security-Policy runs no inline script.
    static let recordFileScript = """
        (function () {
          document.querySelectorAll('input[type=file][data-into]').forEach(function (input) {
            input.addEventListener('change', function () {
              var file = input.files && input.files[0];
              if (!file) return;
              file.text().then(function (text) { document.getElementById(input.dataset.into).value = text; });
            });
          });
        })();
        """
}
