/// The list of stored scenarios, with ways to add one: a copy of the built-in, or pasted TOML.
enum ScenariosPage {
    /// Scenarios listed per page.
    static let pageSize = 100

    static func render(_ scenarios: [ScenarioRecord], navigation: PageNavigation, pastedText: String = "", error: APIError? = nil) -> String {
        let rows = scenarios.map { scenario in
            let id = scenario.id ?? 0
            return """
                <tr><td>\(id)</td><td><a href="/scenarios/\(id)">\(PageHTML.escaped(scenario.name))</a></td>
                <td>\(PageHTML.date(scenario.updatedAt))</td>
                <td><a href="/api/v1/scenarios/\(id)">JSON</a> · <form class="inline" method="post" action="/scenarios/\(id)/delete">\
                <button type="submit">delete</button></form></td></tr>
                """
        }
        let table = scenarios.isEmpty ? (navigation.total == 0 ? "<p>No scenarios yet: start from the built-in one.</p>" : navigation.html) : """
            \(navigation.html)
            <table class="dash"><thead><tr><th>id</th><th>name (edit)</th><th>changed</th><th></th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
        let problem = error.map { error in
            "<p class=\"error\">\(error.line.map { "Line \($0): " } ?? "")\(error.key.map { "`\(PageHTML.escaped($0))` " } ?? "")"
                + "\(PageHTML.escaped(error.sentence))</p>"
        } ?? ""
        return PageHTML.page(title: "Scenarios", body: """
            <h1>Scenarios</h1>
            \(table)
            <form method="post" action="/scenarios"><input type="hidden" name="from" value="built-in">
            <button type="submit">New scenario from the built-in one</button></form>
            <h2>Or paste a scenario file</h2>
            <p class="hint">TOML as for <code>sarhad run my.toml</code>; keys left out keep their defaults. At most 1 MB.</p>
            <form method="post" action="/scenarios">
            \(problem)
            <textarea name="toml" rows="10">\(PageHTML.escaped(pastedText))</textarea>
            <p><button type="submit">Check and store</button></p>
            </form>
            """)
    }
}
