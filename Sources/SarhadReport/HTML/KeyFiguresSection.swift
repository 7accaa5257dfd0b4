import SarhadModel

/// The six numbers a reader should leave with: what happened against what was recorded, and
/// what the hospitals would have faced.
enum KeyFiguresSection {
    static func render(_ view: RunView) -> String {
        let figures = view.figures
        let scaled = view.scaled
        var cards = [String]()
        func card(_ kind: String, _ label: String, _ value: Double, _ context: String) {
            cards.append("""
                <div class="figure-card \(kind)"><p class="label">\(HTML.escaped(label))</p>\
                <p class="value" data-figure="\(HTML.escaped(label))">\(NumberText.headline(scaled(value)))</p>\
                <p class="context">\(HTML.escaped(context))</p></div>
                """)
        }
        let residents = view.run.configuration?.population.nationalTotal
        card("truth", "True infections", figures.trueInfections,
             residents.map { "\(NumberText.percent(scaled(figures.trueInfections) / $0)) of residents" } ?? "infections in the model")
        card("recorded", "Recorded cases", figures.recordedCases,
             figures.infectionsPerRecordedCase.map { "1 in \(NumberText.grouped($0)) infections recorded" } ?? "no case recorded")
        card("truth", "True deaths", figures.trueDeaths,
             figures.trueInfections > 0 ? "\(NumberText.percent(figures.trueDeaths / figures.trueInfections)) of infections" : "")
        card("recorded", "Recorded deaths", figures.recordedDeaths,
             figures.trueDeaths > 0 ? "\(NumberText.percent(figures.recordedDeaths / figures.trueDeaths)) of deaths recorded" : "")
        card("", "Peak hospital beds needed", figures.peakBedsNeeded,
             (figures.peakBedsNeededDate.map { "on \(DateAxis.longLabel($0)); " } ?? "")
                + "\(NumberText.grouped(scaled(figures.bedsAvailable))) beds available")
        card("", "Peak ICU places needed", figures.peakICUNeeded,
             (figures.peakICUNeededDate.map { "on \(DateAxis.longLabel($0)); " } ?? "")
                + "\(NumberText.grouped(scaled(figures.icuAvailable))) places available")
        var body = ["<div class=\"figures\">"] + cards + ["</div>"]
        if view.run.isEnsemble {
            body.append(HTML.paragraph("Figures are those of summary.json for the ensemble; the charts show the median "
                                       + "of the replicates with 50 % and 95 % bands.", className: "note"))
        }
        if let note = view.scaleNote { body.append(HTML.paragraph(note, className: "note")) }
        return HTML.section(id: "key-figures", title: "Key figures", body)
    }
}
