import SarhadModel

/// How the virus came in: arrivals and infected arrivals by crossing and week.
enum ImportationSection {
    struct Weekly {
        var weekStarts: [SimDate]
        /// Crossing name → (arrivals, infected arrivals) per week, in simulated counts.
        var crossings: [(name: String, arrivals: [Double], infected: [Double])]
        /// Where the numbers come from, for the source line.
        var origin: String
    }

    /// summary.json's weekly table by crossing, or, from older runs, all crossings together from the daily table.
    static func weekly(_ view: RunView) -> Weekly {
        let run = view.run
        if let table = run.summary.arrivalsByCrossingAndWeek, !table.crossings.isEmpty {
            let starts = table.weekStarts.compactMap(SimDate.init(iso:))
            return Weekly(weekStarts: starts, crossings: crossingOrder(view, Array(table.crossings.keys)).map { name in
                let crossing = table.crossings[name]!
                return (name, crossing.arrivals, crossing.infectedArrivals)
            }, origin: "summary.json arrivals_by_crossing_and_week")
        }
        let weeks = (run.dayCount + 6) / 7
        let arrivals = run.series.filled(.arrivals)
        let infected = run.series.filled(.infectedArrivals)
        let weekly = { (daily: [Double]) in
            (0..<weeks).map { week in daily.dropFirst(week * 7).prefix(7).reduce(0, +) }
        }
        return Weekly(weekStarts: (0..<weeks).map { run.startDate.adding(days: $0 * 7) },
                      crossings: [("All crossings", weekly(arrivals), weekly(infected))],
                      origin: "timeseries.csv arrivals and infected_arrivals, national")
    }

    /// The scenario's order of crossings when known (busiest first otherwise), so colours stay put between charts.
    static func crossingOrder(_ view: RunView, _ names: [String]) -> [String] {
        if let configured = view.run.configuration?.importation.crossings.map(\.name) {
            return configured.filter(names.contains) + names.filter { !configured.contains($0) }.sorted()
        }
        let totals = view.run.summary.arrivalsByCrossing ?? [:]
        return names.sorted { (totals[$0] ?? 0, $1) > (totals[$1] ?? 0, $0) }
    }

    static func render(_ view: RunView) -> String {
        let weekly = weekly(view)
        // Label the week that holds the first of a month with the month's name.
        let labels: [String?] = weekly.weekStarts.map { start in
            let (year, month, day) = start.components
            guard day <= 7 || weekly.weekStarts.first == start else { return nil }
            let named = weekly.weekStarts.first == start || month == 1
            return DateAxis.monthNames[month - 1] + (named ? " \(year)" : "")
        }
        let colours = [Palette.orange, Palette.blue, Palette.bluishGreen, Palette.reddishPurple, Palette.skyBlue, Palette.black]
        func chart(_ title: String, _ units: String, infected: Bool) -> String {
            BarChart(title: title, units: units, source: view.source + "; " + weekly.origin, categories: labels,
                     groups: weekly.crossings.enumerated().map { index, crossing in
                         BarChart.Group(name: crossing.name, values: (infected ? crossing.infected : crossing.arrivals).map(view.scaled),
                                        colour: colours[index % colours.count])
                     }).svg()
        }
        let arrivalsChart = chart("Arrivals by crossing and week", "People arriving per week (weeks from the start date)",
                                  infected: false)
        let infectedChart = chart("Infected arrivals by crossing and week", "Infected people arriving per week",
                                  infected: true)
        let totals = weekly.crossings.map { crossing -> [String] in
            let arrivals = crossing.arrivals.reduce(0, +)
            let infected = crossing.infected.reduce(0, +)
            return [crossing.name, NumberText.grouped(view.scaled(arrivals)), NumberText.grouped(view.scaled(infected)),
                    arrivals > 0 ? NumberText.percent(infected / arrivals) : "–"]
        }
        return HTML.section(id: "importation", title: "Importation", [
            HTML.paragraph("Returnees arrive at each crossing; each is infected with the probability implied by the source "
                           + "country's true prevalence, which its own reports understate."),
            HTML.figure(arrivalsChart, caption: "Bars are weekly totals; the last week may be shorter than seven days." + view.firstReplicateOnly),
            HTML.figure(infectedChart, caption: "Infected arrivals, before any screening or quarantine."),
            HTML.table(caption: "Arrivals over the period" + view.firstReplicateOnly, headers: ["Crossing", "Arrivals", "Infected arrivals", "Share infected"],
                       rows: totals, numericColumns: [1, 2, 3]),
        ])
    }
}
