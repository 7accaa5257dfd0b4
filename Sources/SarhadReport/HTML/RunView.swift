import SarhadModel

/// One run prepared for drawing: its series scaled to the real population, its date axis, its
/// dated events and the source line every chart of it carries.
struct RunView {
    let run: ReportRun
    let figures: RunFigures

    init(_ run: ReportRun) {
        self.run = run
        figures = RunFigures(run)
    }

    var axis: DateAxis { DateAxis(start: run.startDate, dayCount: run.dayCount) }

    /// "Sarhad agent simulation, run r1 (seed 1; 1 % of the population, counts ×100); timeseries.csv".
    var source: String {
        var identity = ["seed \(run.summary.seed.map(String.init) ?? "unknown")"]
        if run.replicateCount > 1 { identity.append("\(run.replicateCount) replicates") }
        if run.populationScale != 1 {
            identity.append("\(NumberText.percent(run.populationScale)) of the population, counts scaled up")
        }
        let engine = run.summary.engine.map { "\($0) " } ?? ""
        return "Sarhad \(engine)simulation, run \(run.directoryName) (\(identity.joined(separator: "; ")))"
    }

    var scaleNote: String? {
        guard run.populationScale != 1 else { return nil }
        return "Simulated at \(NumberText.percent(run.populationScale)) of the population; every count in this report is the "
            + "simulated count divided by \(FixedDecimal.text(run.populationScale, decimals: 6, trimZeros: true)) and rounded, "
            + "as in summary.json's totals_scaled_to_population (timeseries.csv holds the simulated counts)."
    }

    func scaled(_ value: Double) -> Double { run.scaled(value) }

    /// A daily series aligned to the axis start, scaled to the real population.
    func daily(_ measure: Measure, province: String = TimeseriesCSV.nationalLabel, quantile: Double? = nil,
               table: SeriesTable? = nil) -> [Double?] {
        let table = table ?? run.series
        guard let values = table.series(measure, province: province, quantile: quantile) else { return [] }
        let offset = table.start.days(since: run.startDate)
        return (0..<run.dayCount).map { day in
            let index = day - offset
            guard index >= 0, index < values.count, let value = values[index] else { return nil }
            return value / run.populationScale
        }
    }

    /// The line for a measure: the ensemble median when there is one, else the run's own series.
    func centralLine(_ measure: Measure, name: String, style: LineStyle) -> LineChart.Series {
        if let quantiles = run.quantiles, quantiles.series(measure, quantile: 0.5) != nil {
            return LineChart.Series(name: name + " (median)", values: daily(measure, quantile: 0.5, table: quantiles), style: style)
        }
        return LineChart.Series(name: name, values: daily(measure), style: style)
    }

    /// 95 % and 50 % bands of an ensemble, widest first so the narrow one is drawn on top.
    func bands(_ measure: Measure, name: String, colour: String, narrow: Bool = true) -> [LineChart.Band] {
        guard let quantiles = run.quantiles else { return [] }
        let intervals: [(low: Double, high: Double, label: String, opacity: Double)] =
            [(0.025, 0.975, "95 %", 0.16)] + (narrow ? [(0.25, 0.75, "50 %", 0.32)] : [])
        return intervals.compactMap { interval in
            let lower = daily(measure, quantile: interval.low, table: quantiles)
            let upper = daily(measure, quantile: interval.high, table: quantiles)
            guard !lower.isEmpty, !upper.isEmpty else { return nil }
            return LineChart.Band(name: "\(name), \(interval.label) of replicates", lower: lower.map { $0 ?? 0 },
                                  upper: upper.map { $0 ?? 0 }, colour: colour, opacity: interval.opacity)
        }
    }

    /// For breakdowns only summary.json holds, which records them for an ensemble's first replicate alone.
    var firstReplicateOnly: String {
        guard run.replicateCount > 1 else { return "" }
        return " (first replicate only, seed \(run.summary.seed.map(String.init) ?? "unknown"): summary.json records this "
            + "breakdown for one replicate)"
    }

    /// For a chart's caption: what its bands are and how many replicates they rest on.
    var bandNote: String {
        guard run.quantiles != nil else { return "" }
        let note = " Bands hold the middle 50 % and 95 % of the replicates on each day"
        guard let count = run.replicateTotals?.count ?? run.summary.replicates else { return note + "." }
        return note + ", " + FigureText.replicateCount(count) + "."
    }

    /// The scenario's dated events in date order, numbered as on the charts.
    var events: [(number: Int, day: Int, event: TimelineEvent)] {
        guard let timeline = run.configuration?.timeline else { return [] }
        let sorted = timeline.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        return sorted.enumerated().compactMap { index, event in
            let day = event.date.days(since: run.startDate)
            guard day >= 0, day < run.dayCount else { return nil }
            return (index + 1, day, event)
        }
    }

    var markers: [LineChart.Marker] {
        events.map { LineChart.Marker(day: $0.day, number: $0.number, label: EventText.describe($0.event, provinces: provinceNames)) }
    }

    var provinceNames: [String] { run.configuration?.provinces.map(\.name) ?? [] }
}
