import SarhadInference
import SarhadModel

/// `forecast.html`: fan charts of each forecast over the record, nationally, and (for a backtest) the
/// scores. Static HTML and SVG, like the run report: no JavaScript, prints to PDF.
public enum ForecastPage {
    /// The measures charted, with their titles and units.
    static let charts: [(measure: Measure, title: String, units: String)] = [
        (.confirmed, "Recorded cases", "Cases recorded per day"),
        (.recordedDeaths, "Recorded deaths", "Deaths recorded per day"),
        (.infections, "True new infections", "People infected per day (expected; nobody records these)"),
        (.bedsNeeded, "Beds needed", "Severely and critically ill people at once (expected)"),
    ]

    /// `backtest`: the scores to tabulate, or nil for a plain forecast.
    /// `configuration`: the scenario forecast, for the test capacity the forecasts assume.
    public static func render(title: String, forecasts: [TwinForecast], record: EpidemicRecord, backtest: Backtest?,
                              configuration: ModelConfiguration) -> String {
        guard let first = forecasts.map(\.origin).min(), let last = forecasts.map(\.origin).max() else {
            return HTMLReport.document(title: title, body: ["<p>No forecast was made.</p>"])
        }
        let horizon = forecasts.map(\.horizon).max() ?? 0
        let start = first.adding(days: -56)
        let axis = DateAxis(start: start, dayCount: last.adding(days: horizon).days(since: start) + 1)
        var body = ["<header><h1>\(HTML.escaped(title))</h1>",
                    HTML.paragraph(summary(forecasts, first: first, last: last, horizon: horizon)),
                    HTML.paragraph(testCapacity(configuration, through: last.adding(days: horizon))), "</header>"]
        if let backtest { body.append(scores(backtest)) }
        for chart in charts {
            body.append(fan(chart.measure, title: chart.title, units: chart.units, forecasts: forecasts, record: record, axis: axis))
        }
        return HTMLReport.document(title: title, body: body)
    }

    static func summary(_ forecasts: [TwinForecast], first: SimDate, last: SimDate, horizon: Int) -> String {
        let origins = forecasts.count == 1 ? "from \(first)" : "from \(forecasts.count) origins, \(first) to \(last),"
        return "Forecasts \(origins) for \(horizon) days, by the deterministic twin fitted to the record up to each origin "
            + "with a particle filter (docs/CALIBRATION.md, \"Forecasts\"). Shaded: the 50 % and 90 % intervals; line: the median; "
            + "red: the record. Counts are of the real population."
    }

    /// Recorded cases depend on tests; the forecasts take future test capacity from the scenario.
    static func testCapacity(_ configuration: ModelConfiguration, through end: SimDate) -> String {
        let changes = configuration.timeline.compactMap { event -> (SimDate, Double, String?)? in
            guard case .testCapacity(let perDay, let laboratory) = event.action, event.date <= end else { return nil }
            return (event.date, perDay, laboratory)
        }
        guard let last = changes.max(by: { $0.0 < $1.0 }) else {
            return "Future test capacity: the scenario's initial capacity throughout (its timeline does not change it)."
        }
        return "Future test capacity: as the scenario's timeline sets it; its last change before the forecasts end is on \(last.0): "
            + "\(NumberText.grouped(last.1)) tests a day\(last.2.map { " at \($0)" } ?? " nationally")."
    }

    static func fan(_ measure: Measure, title: String, units: String, forecasts: [TwinForecast], record: EpidemicRecord,
                    axis: DateAxis) -> String {
        var bands = [LineChart.Band](), series = [LineChart.Series]()
        for (index, forecast) in forecasts.enumerated() {
            let targets = (1...forecast.horizon).compactMap {
                forecast.quantiles[ForecastTarget(region: .national, measure: measure, period: .day, horizon: $0)]
            }
            guard !targets.isEmpty else { continue }
            let firstDay = forecast.origin.days(since: axis.start) + 1
            let interval = { (alpha: Double) in targets.map { q in q.intervals.first { abs($0.alpha - alpha) < 1e-9 }! } }
            let named = index == 0
            bands.append(LineChart.Band(name: named ? "90 % interval" : "", lower: interval(0.1).map(\.lower),
                                        upper: interval(0.1).map(\.upper), colour: Palette.blue, opacity: 0.15, firstDay: firstDay))
            bands.append(LineChart.Band(name: named ? "50 % interval" : "", lower: interval(0.5).map(\.lower),
                                        upper: interval(0.5).map(\.upper), colour: Palette.blue, opacity: 0.3, firstDay: firstDay))
            var median = [Double?](repeating: nil, count: axis.dayCount)
            for (offset, q) in targets.enumerated() where firstDay + offset < axis.dayCount { median[firstDay + offset] = q.median }
            series.append(LineChart.Series(name: named ? "Median forecast" : "", values: median,
                                           style: LineStyle(colour: Palette.blue, width: 2)))
        }
        if let recorded = EpidemicRecord.Measure(simulated: measure) {
            let daily = record.dailyCounts(recorded, in: .national)
            let values = (0..<axis.dayCount).map { daily[axis.start.adding(days: $0)] }
            if values.contains(where: { $0 != nil }) {
                series.append(LineChart.Series(name: "Recorded", values: values, style: LineStyle(colour: Palette.vermillion, width: 1.5)))
            }
        }
        let chart = LineChart(title: "\(title), national", units: units, source: "sarhad forecast; measure \(measure.name)",
                              axis: axis, series: series, bands: bands.filter { !$0.lower.isEmpty })
        return HTML.section(id: measure.name, title: title, [
            HTML.figure(chart.svg(), caption: "Each fan starts the day after its origin, the last day of the record it was fitted to."),
        ])
    }

    static func scores(_ backtest: Backtest) -> String {
        let rows = ForecastTables.summaryGroups(backtest).map { period, measure, area, group -> [String] in
            let s = Backtest.summary(group)
            return ["\(period.rawValue)ly \(measure.name), \(area)", "\(s.count)",
                    s.relativeScore.map { FixedDecimal.text($0, decimals: 2) } ?? "–",
                    NumberText.percent(s.coverage50), NumberText.percent(s.coverage90)]
        }
        return HTML.section(id: "scores", title: "Scores against what was recorded", [
            HTML.table(headers: ["Target", "Scored", "WIS relative to the baseline", "50 % intervals covering", "90 % intervals covering"],
                       rows: rows, numericColumns: [1, 2, 3, 4]),
            HTML.paragraph("The weighted interval score (Bracher et al. 2021) rewards narrow intervals that hold what was recorded; "
                + "below 1 relative to the COVID-19 Forecast Hub's baseline (last value flat, spread from past changes) is better "
                + "than the baseline. Well-calibrated intervals cover about 50 % and 90 % of outcomes."),
        ])
    }
}
