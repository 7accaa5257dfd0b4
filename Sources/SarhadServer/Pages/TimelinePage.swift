import SarhadScenario

/// `/scenarios/{id}/timeline`: the scenario's timeline as a form, one row an event in date order. Edit a
/// date to move an event, tick "remove" to drop it, fill the last row to add one; the kind's settings are
/// TOML lines, as in a scenario file.
enum TimelinePage {
    /// `provinces` and `laboratories`: the scenario's, named in the kinds' examples.
    static func render(id: Int64, name: String, form: TimelineForm, provinces: [String], laboratories: [String],
                       errors: [String: String] = [:], generalError: String? = nil, saved: Bool = false) -> String {
        var blank = TimelineForm.Row(id: "new")
        blank.kind = "contacts"
        let rows = (form.rows + [blank]).map { row(of: $0, errors: errors) }
        let kinds = TimelineForm.kinds(provinces: provinces, laboratories: laboratories).map { "<tr><td><code>\($0.name)</code></td><td><pre>\(PageHTML.escaped($0.example))</pre></td></tr>" }
        let summary = errors.isEmpty ? "" : "<p class=\"error\">The timeline was not saved: \(errors.count == 1 ? "one field needs" : "\(errors.count) fields need") fixing (marked below).</p>"
        return PageHTML.page(title: "Timeline of \(name)", body: """
            <h1>Timeline <span class="hint">of <a href="/scenarios/\(id)">\(PageHTML.escaped(name))</a>, scenario \(id)</span></h1>
            \(saved ? "<p class=\"notice\">Saved.</p>" : "")
            \(summary)\(generalError.map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? "")
            <p class="hint">Each event starts on its date and, with an end, is undone on that day. Change a date to move an event; \
            tick <em>remove</em> to drop one; fill the last row to add one. Events are kept in date order. The scenario is checked \
            exactly as <code>sarhad scenario check</code> checks a file, and nothing is saved until it passes. Comments written \
            between timeline events in the scenario's text are not kept.</p>
            <form method="post" action="/scenarios/\(id)/timeline">
            <table class="dash"><thead><tr><th>date</th><th>until</th><th>kind</th><th>label</th><th>settings (TOML lines)</th>\
            <th>remove</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            <p><button type="submit">Save the timeline</button></p>
            </form>
            <h2>Settings of each kind</h2>
            <table class="dash"><tbody>\(kinds.joined())</tbody></table>
            """)
    }

    static func row(of row: TimelineForm.Row, errors: [String: String]) -> String {
        func name(_ field: String) -> String { "event.\(row.id).\(field)" }
        func cell(_ field: String, _ content: String) -> String {
            let error = errors[name(field)]
            return "<td\(error == nil ? "" : " class=\"invalid\"")>\(content)"
                + (error.map { "<br><span class=\"error\" data-error-for=\"\(name(field))\">\(PageHTML.escaped($0))</span>" } ?? "") + "</td>"
        }
        func text(_ field: String, _ value: String, width: String) -> String {
            cell(field, "<input type=\"text\" name=\"\(name(field))\" value=\"\(PageHTML.escaped(value))\" style=\"width:\(width)\">")
        }
        let known = TimelineForm.kindNames
        let choices = (known.contains(row.kind) || row.kind.isEmpty ? known : [row.kind] + known).map { kind in
            "<option value=\"\(PageHTML.escaped(kind))\"\(kind == row.kind ? " selected" : "")>\(PageHTML.escaped(kind))</option>"
        }
        return "<tr>" + text("date", row.date, width: "7.5em") + text("until", row.until, width: "7.5em")
            + cell("kind", "<select name=\"\(name("kind"))\">\(choices.joined())</select>")
            + text("label", row.label, width: "14em")
            + cell("settings", "<textarea name=\"\(name("settings"))\" rows=\"\(max(2, row.settings.split(separator: "\n").count))\">"
                   + PageHTML.escaped(row.settings) + "</textarea>")
            + (row.id == "new" ? "<td class=\"hint\">new</td>"
                : "<td><input type=\"checkbox\" name=\"\(name("remove"))\" value=\"1\"\(row.remove ? " checked" : "")></td>")
            + "</tr>"
    }
}
