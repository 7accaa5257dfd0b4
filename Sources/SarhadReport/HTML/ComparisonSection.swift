import SarhadInference
import SarhadModel

/// Several scenarios side by side, each measured against the first: infections and deaths averted,
/// and their daily curves on one chart. Runs that cover different days or population scales are
/// not compared; the section says why instead.
enum ComparisonSection {
    static func render(_ views: [RunView]) -> String? {
        guard views.count > 1, let baseline = views.first else { return nil }
        if let problem = Comparability.problem(views.map(\.run.period)) {
            return HTML.section(id: "comparison", title: "Scenarios compared", [
                HTML.paragraph("These runs are not compared: \(problem.description)", className: "refusal"),
            ])
        }
        let comparison = paired(views)
        let rows = views.enumerated().map { index, view -> [String] in
            let figures = view.figures
            func averted(_ headline: Int, _ figure: RunFigures.Figure, _ base: RunFigures.Figure) -> (String, String) {
                guard index > 0 else { return ("baseline", "–") }
                // Averted is the baseline minus this scenario: comparison.csv's difference with its sign turned.
                let cell: String
                let median: Double
                if let comparison {
                    let difference = comparison.rows[index * ScenarioComparison.Headline.allCases.count + headline].difference
                    median = -difference.median
                    cell = NumberText.grouped(median)
                        + (comparison.replicates > 1 ? " (\(FigureText.range(-difference.upper, -difference.lower)))" : "")
                } else {
                    median = base.value - figure.value
                    cell = NumberText.grouped(median)
                }
                return (cell, base.value > 0 ? NumberText.percent(median / base.value) : "–")
            }
            let infections = averted(0, figures.trueInfections, baseline.figures.trueInfections)
            let deaths = averted(2, figures.trueDeaths, baseline.figures.trueDeaths)
            return ["\(index + 1). \(view.run.name)", FigureText.cell(figures.trueInfections), infections.0, infections.1,
                    FigureText.cell(figures.trueDeaths), deaths.0, deaths.1, FigureText.cell(figures.recordedCases),
                    FigureText.cell(figures.peakBedsNeeded)]
        }
        let ensemble = views.contains { $0.figures.replicates > 1 }
        let table = HTML.table(
            caption: "Scenarios against the first (\(baseline.run.name)); negative numbers are infections or deaths added"
                + (ensemble ? "; medians with 95 % intervals" : ""),
            headers: ["Scenario", "True infections", "Infections averted", "% averted", "True deaths", "Deaths averted",
                      "% averted", "Recorded cases", "Peak beds needed"],
            rows: rows, numericColumns: Set(1...8))
        let source = "Sarhad simulations, runs " + views.map(\.run.directoryName).joined(separator: ", ")
        func overlay(_ measure: Measure, title: String, units: String) -> String {
            // Comparable runs share their dates, so every series lines up on the first run's axis.
            LineChart(title: title, units: units, source: source + "; measure \(measure.name)", axis: baseline.axis,
                      series: views.enumerated().map { index, view in
                          view.centralLine(measure, name: "\(index + 1). \(view.run.name)", style: .nth(index))
                      },
                      bands: views.enumerated().flatMap { index, view in
                          view.bands(measure, name: "\(index + 1)", colour: LineStyle.nth(index).colour, narrow: false)
                      }).svg()
        }
        var notes = [sameSeed(views)]
        if ensemble {
            if let comparison {
                notes.append("Figures are medians over replicates with the interval holding the middle 95 % of them, "
                    + FigureText.replicateCount(comparison.replicates) + ". Each difference is taken replicate by replicate "
                    + "and then summarised, as in comparison.csv, so its interval is narrower than the two scenarios' own.")
            } else {
                notes.append("The runs have different numbers of replicates, so differences are between medians and have no interval.")
            }
        }
        return HTML.section(id: "comparison", title: "Scenarios compared", notes.map { HTML.paragraph($0) } + [
            table,
            HTML.figure(overlay(.infections, title: "New infections by scenario", units: "True new infections per day"),
                        caption: "Each scenario keeps its colour and dash pattern in both charts."
                            + (ensemble ? " Lines are medians; shaded bands hold the middle 95 % of each scenario's replicates." : "")),
            HTML.figure(overlay(.deaths, title: "Deaths by scenario", units: "True deaths per day"),
                        caption: "Scenarios are numbered as in the table."),
        ])
    }

    /// The replicate-by-replicate comparison `sarhad compare` writes as comparison.csv, recomputed from
    /// the runs' timeseries.csv; nil when the runs do not all have the same number of replicates.
    static func paired(_ views: [RunView]) -> ScenarioComparison? {
        let totals = views.compactMap(\.run.replicateTotals)
        guard totals.count == views.count, let count = totals.first?.count, count > 0, totals.allSatisfy({ $0.count == count }) else {
            return nil
        }
        var counts = [[[Double]]]()
        for replicates in totals {
            var headlines = [[Double]]()
            for headline in ScenarioComparison.Headline.allCases {
                guard let values = replicates.totals(of: headline.measures) else { return nil }
                headlines.append(values)
            }
            counts.append(headlines)
        }
        return ScenarioComparison(names: views.map(\.run.directoryName), populationScales: views.map(\.run.populationScale),
                                  counts: counts)
    }

    static func sameSeed(_ views: [RunView]) -> String {
        let seeds = Set(views.compactMap(\.run.summary.seed))
        guard seeds.count == 1, let seed = seeds.first else {
            return "The runs used different seeds, so part of each difference is chance."
        }
        return "All runs used seed \(seed): they share every random draw their differences do not touch, so the "
            + "differences are the levers' effects, not noise."
    }
}
