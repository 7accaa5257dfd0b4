import SarhadModel

/// Who was infected and who died, by age band: shares side by side, and the counts behind them.
enum AgeSection {
    static func render(_ view: RunView) -> String? {
        guard let infections = view.run.summary.infectionsByAge, let deaths = view.run.summary.deathsByAge else { return nil }
        let bands = ordered(Set(infections.keys).union(deaths.keys))
        let infectionTotal = bands.reduce(0) { $0 + (infections[$1] ?? 0) }
        let deathTotal = bands.reduce(0) { $0 + (deaths[$1] ?? 0) }
        let share = { (value: Double, total: Double) in total > 0 ? value / total * 100 : 0 }
        let chart = BarChart(
            title: "Infections and deaths by age",
            units: "Share of all infections and of all deaths in each five-year age band (%)",
            source: view.source + "; summary.json infections_by_age and deaths_by_age",
            categories: bands,
            groups: [BarChart.Group(name: "Infections", values: bands.map { share(infections[$0] ?? 0, infectionTotal) },
                                    colour: Palette.skyBlue),
                     BarChart.Group(name: "Deaths", values: bands.map { share(deaths[$0] ?? 0, deathTotal) },
                                    colour: Palette.vermillion)],
            valueText: { FixedDecimal.text($0, decimals: $0 < 10 && $0 != $0.rounded() ? 1 : 0) + " %" })
        let lowerAge = { (band: String) in Int(band.prefix { $0.isNumber }) ?? 0 }
        let youngInfections = bands.filter { lowerAge($0) < 30 }.reduce(0) { $0 + (infections[$1] ?? 0) }
        let oldDeaths = bands.filter { lowerAge($0) >= 60 }.reduce(0) { $0 + (deaths[$1] ?? 0) }
        let rows = bands.map { band -> [String] in
            let infected = infections[band] ?? 0
            let died = deaths[band] ?? 0
            return [band, NumberText.grouped(view.scaled(infected)), NumberText.grouped(view.scaled(died)),
                    infected > 0 ? NumberText.percent(died / infected) : "–"]
        }
        return HTML.section(id: "age", title: "Age profile", [
            HTML.figure(chart.svg(), caption: "\(NumberText.percent(share(youngInfections, infectionTotal) / 100)) of infections "
                        + "were in people under 30 and \(NumberText.percent(share(oldDeaths, deathTotal) / 100)) of deaths in people "
                        + "60 and over. Bars compare shares, so the two profiles can be read on one axis; the table gives the counts."),
            HTML.table(caption: "Infections and deaths by age" + view.firstReplicateOnly, headers: ["Age", "True infections", "True deaths", "Deaths per infection"],
                       rows: rows, numericColumns: [1, 2, 3]),
        ])
    }

    /// Age bands in age order ("5-9" before "10-14"; "75+" last), whatever order the JSON gave.
    static func ordered(_ bands: Set<String>) -> [String] {
        bands.sorted { lhs, rhs in
            let lower = { (band: String) in Int(band.prefix { $0.isNumber }) ?? Int.max }
            return (lower(lhs), lhs) < (lower(rhs), rhs)
        }
    }
}
