import SarhadModel

/// Several scenarios side by side, each measured against the first: infections and deaths averted,
/// and their daily curves on one chart.
enum ComparisonSection {
    static func render(_ views: [RunView]) -> String? {
        guard views.count > 1, let baseline = views.first else { return nil }
        let base = baseline.figures
        let rows = views.enumerated().map { index, view -> [String] in
            let figures = view.figures
            let avertedInfections = view.scaled(base.trueInfections) - view.scaled(figures.trueInfections)
            let avertedDeaths = view.scaled(base.trueDeaths) - view.scaled(figures.trueDeaths)
            let relative = { (averted: Double, total: Double) in
                index == 0 ? "–" : total > 0 ? NumberText.percent(averted / view.scaled(total)) : "–"
            }
            return ["\(index + 1). \(view.run.name)",
                    NumberText.grouped(view.scaled(figures.trueInfections)),
                    index == 0 ? "baseline" : NumberText.grouped(avertedInfections), relative(avertedInfections, base.trueInfections),
                    NumberText.grouped(view.scaled(figures.trueDeaths)),
                    index == 0 ? "baseline" : NumberText.grouped(avertedDeaths), relative(avertedDeaths, base.trueDeaths),
                    NumberText.grouped(view.scaled(figures.recordedCases)),
                    NumberText.grouped(view.scaled(figures.peakBedsNeeded))]
        }
        let table = HTML.table(
            caption: "Scenarios against the first (\(baseline.run.name)); negative numbers are infections or deaths added",
            headers: ["Scenario", "True infections", "Infections averted", "% averted", "True deaths", "Deaths averted",
                      "% averted", "Recorded cases", "Peak beds needed"],
            rows: rows, numericColumns: Set(1...8))
        let source = "Sarhad simulations, runs " + views.map(\.run.directoryName).joined(separator: ", ")
        func overlay(_ measure: Measure, title: String, units: String) -> String {
            LineChart(title: title, units: units, source: source + "; measure \(measure.name)", axis: baseline.axis,
                      series: views.enumerated().map { index, view in
                          // Aligned on the first run's dates, so scenarios starting later still line up by calendar day.
                          let offset = view.run.startDate.days(since: baseline.run.startDate)
                          let values = view.centralLine(measure, name: "\(index + 1). \(view.run.name)", style: .nth(index))
                          return LineChart.Series(name: values.name, values: (0..<baseline.run.dayCount).map { day in
                              let index = day - offset
                              return index >= 0 && index < values.values.count ? values.values[index] : nil
                          }, style: values.style)
                      }).svg()
        }
        let seeds = Set(views.compactMap(\.run.summary.seed))
        let sameSeed = seeds.count == 1
            ? "All runs used seed \(seeds.first!): they share every random draw their differences do not touch, so the "
                + "differences are the levers' effects, not noise."
            : "The runs used different seeds, so part of each difference is chance."
        return HTML.section(id: "comparison", title: "Scenarios compared", [
            HTML.paragraph(sameSeed),
            table,
            HTML.figure(overlay(.infections, title: "New infections by scenario", units: "True new infections per day"),
                        caption: "Each scenario keeps its colour and dash pattern in both charts."),
            HTML.figure(overlay(.deaths, title: "Deaths by scenario", units: "True deaths per day"),
                        caption: "Scenarios are numbered as in the table."),
        ])
    }
}
