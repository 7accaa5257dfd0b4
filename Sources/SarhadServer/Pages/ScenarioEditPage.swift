import SarhadScenario

/// A scenario as a form: every catalogue parameter with its unit, built-in default, source and
/// summary, and any validation error next to its field.
enum ScenarioEditPage {
    /// `defaults`: the form of the scenario's own pack, whose values a blank field keeps, and that pack's scenario (for the sources).
    static func render(id: Int64, name: String, form: ScenarioForm, defaults: (form: ScenarioForm, scenario: Scenario),
                       errors: [String: String] = [:],
                       generalError: String? = nil, saved: Bool = false) -> String {
        var sections = [String]()
        var rows = [String]()
        var section = ""
        let flush = {
            if !rows.isEmpty {
                sections.append("""
                    <h2>[\(section)]</h2>
                    <table class="dash"><thead><tr><th style="width:18em">parameter</th><th>value</th><th style="width:8em">unit</th>\
                    <th style="width:22em">built-in default and source</th></tr></thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
                    """)
            }
            rows = []
        }
        for spec in ParameterCatalog.all {
            if spec.section != section {
                flush()
                section = spec.section
            }
            let error = errors[spec.path]
            let fallback = defaults.form.values[spec.path] ?? ""
            let source = spec.source(for: defaults.scenario)
            rows.append("""
                <tr\(error == nil ? "" : " class=\"invalid\"")><td><label for="\(spec.path)"><code>\(spec.key)</code></label>\
                <br><span class="hint">\(PageHTML.escaped(spec.summary))</span></td>
                <td>\(input(spec, value: form.values[spec.path] ?? ""))\
                \(error.map { "<br><span class=\"error\">\(PageHTML.escaped($0))</span>" } ?? "")\
                <br><span class="hint">\(PageHTML.escaped(spec.expectation)); blank keeps the default</span></td>
                <td>\(PageHTML.escaped(spec.unit))</td>
                <td><span class="hint">default: <code>\(PageHTML.escaped(abbreviated(fallback)))</code>\
                \(source.isEmpty ? "" : "<br>source: \(PageHTML.escaped(source))")</span></td></tr>
                """)
        }
        flush()
        let structuredError = errors[ScenarioForm.structuredField]
        let general = generalError.map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? ""
        let summary = errors.isEmpty ? "" : "<p class=\"error\">The scenario was not saved: \(errors.count == 1 ? "one field needs" : "\(errors.count) fields need") fixing (marked below).</p>"
        return PageHTML.page(title: name, body: """
            <h1>\(PageHTML.escaped(name)) <span class="hint">scenario \(id)</span></h1>
            \(saved ? "<p class=\"notice\">Saved.</p>" : "")
            \(summary)\(general)
            <p class="hint">Every parameter of the model, with its unit, the built-in default and its source. Lists are \
            comma-separated; province tables read <code>North = 1.0, South = 2.0</code> (provinces left out keep their value). \
            The scenario is checked exactly as <code>sarhad scenario check</code> checks a file.
            <a href="/api/v1/scenarios/\(id)">Its TOML as JSON</a>.</p>
            <form method="post" action="/scenarios/\(id)">
            \(country(form, error: errors[ScenarioForm.countryField]))
            <p><button type="submit">Save</button></p>
            \(sections.joined(separator: "\n"))
            <h2>Crossings, arrivals, seeds, source prevalence, calibration and timeline</h2>
            <div\(structuredError == nil ? "" : " class=\"invalid\"")>
            \(structuredError.map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? "")
            <p class="hint">TOML tables (<code>[[importation.crossings]]</code>, <code>[[importation.arrivals]]</code>, \
            <code>[importation.source]</code>, <code>[[timeline]]</code> …). The timeline here is the complete timeline; \
            <a href="/scenarios/\(id)/timeline">edit it as a form</a>.</p>
            <textarea id="structured" name="\(ScenarioForm.structuredField)" rows="30">\(PageHTML.escaped(form.values[ScenarioForm.structuredField] ?? ""))</textarea>
            </div>
            <p><button type="submit">Save</button></p>
            </form>
            """)
    }

    /// The country pack the scenario is read over, shown and kept (a hidden field): the parameters below are that pack's.
    static func country(_ form: ScenarioForm, error: String?) -> String {
        let reference = form.values[ScenarioForm.countryField] ?? ""
        guard !reference.isEmpty else { return "" }
        return "<p>Country pack: <code>\(PageHTML.escaped(reference))</code> <span class=\"hint\">(a scenario of another country "
            + "starts from that pack: <code>[scenario] country</code> in a new scenario's TOML)</span>"
            + "<input type=\"hidden\" name=\"\(ScenarioForm.countryField)\" value=\"\(PageHTML.escaped(reference))\">"
            + (error.map { "<br><span class=\"error\">\(PageHTML.escaped($0))</span>" } ?? "") + "</p>"
    }

    static func input(_ spec: ParameterSpec, value: String) -> String {
        let name = PageHTML.escaped(spec.path)
        switch spec.kind {
        case .boolean:
            let options = ["true", "false"].map { "<option\(value == $0 ? " selected" : "")>\($0)</option>" }
            return "<select id=\"\(name)\" name=\"\(name)\">\(options.joined())</select>"
        case .ageVector, .numberList, .provinceValues:
            let rows = value.count > 400 ? 6 : 2
            return "<textarea id=\"\(name)\" name=\"\(name)\" rows=\"\(rows)\">\(PageHTML.escaped(value))</textarea>"
        case .number, .integer, .date, .text, .province:
            return "<input type=\"text\" id=\"\(name)\" name=\"\(name)\" value=\"\(PageHTML.escaped(value))\">"
        }
    }

    /// Long defaults (province tables) are cut so the column stays readable; the field holds the whole value.
    static func abbreviated(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}
