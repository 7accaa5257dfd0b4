import SarhadModel

/// The six numbers a reader should leave with: what happened against what was recorded, and
/// what the hospitals would have faced. For an ensemble, each is the median over its replicates with
/// its 95 % interval, and says how many replicates that rests on.
enum KeyFiguresSection {
    static func render(_ view: RunView) -> String {
        let figures = view.figures
        var cards = [String]()
        func card(_ kind: String, _ label: String, _ figure: RunFigures.Figure, _ context: String) {
            let interval = FigureText.interval(figure, replicates: figures.replicates).map {
                "<p class=\"interval\" data-interval=\"\(HTML.escaped(label))\">\(HTML.escaped($0))</p>"
            } ?? ""
            cards.append("""
                <div class="figure-card \(kind)"><p class="label">\(HTML.escaped(label))</p>\
                <p class="value" data-figure="\(HTML.escaped(label))">\(FigureText.value(figure))</p>\
                \(interval)<p class="context">\(HTML.escaped(context))</p></div>
                """)
        }
        let residents = view.run.configuration?.population.nationalTotal
        let median = figures.replicates > 1 ? "median " : ""
        card("truth", "True infections", figures.trueInfections,
             (residents.map { "\(NumberText.percent(figures.trueInfections.value / $0)) of residents; " } ?? "")
                + "acquired in the country or brought in by arrivals")
        card("recorded", "Recorded cases", figures.recordedCases,
             figures.infectionsPerRecordedCase.map { "1 in \(NumberText.grouped($0)) infections recorded" } ?? "no case recorded")
        card("truth", "True deaths", figures.trueDeaths,
             figures.trueInfections.value > 0
                ? "\(NumberText.percent(figures.trueDeaths.value / figures.trueInfections.value)) of infections" : "")
        card("recorded", "Recorded deaths", figures.recordedDeaths,
             figures.trueDeaths.value > 0
                ? "\(NumberText.percent(figures.recordedDeaths.value / figures.trueDeaths.value)) of deaths recorded" : "")
        card("", "Peak hospital beds needed", figures.peakBedsNeeded,
             (figures.peakBedsNeededDate.map { "on \(DateAxis.longLabel($0)); " } ?? "")
                + "\(FigureText.value(figures.bedsAvailable)) beds available (\(median)on the last day)")
        card("", "Peak ICU places needed", figures.peakICUNeeded,
             (figures.peakICUNeededDate.map { "on \(DateAxis.longLabel($0)); " } ?? "")
                + "\(FigureText.value(figures.icuAvailable)) places available (\(median)on the last day)")
        var body = ["<div class=\"figures\">"] + cards + ["</div>"]
        if figures.replicates > 1 {
            body.append(HTML.paragraph("Each figure is the median over the \(figures.replicates) replicates of "
                + "\(view.run.directoryName)/timeseries.csv, with the interval that holds the middle 95 % of them "
                + "(\(FigureText.replicateCount(figures.replicates))), computed as comparison.csv and summary.json's "
                + "ensemble section compute theirs. The charts show the median with 50 % and 95 % bands from quantiles.csv.", className: "note"))
        }
        if let note = view.scaleNote { body.append(HTML.paragraph(note, className: "note")) }
        return HTML.section(id: "key-figures", title: "Key figures", body)
    }
}
