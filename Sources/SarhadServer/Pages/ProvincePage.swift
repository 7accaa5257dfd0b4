import Foundation
import SarhadModel
import SarhadReport

/// `/runs/{id}/provinces/{name}`: one province of a run: true against recorded infections and deaths,
/// beds and intensive care needed against the places there are, and when the beds ran out. An ensemble
/// shows its medians with the 95 % band of its replicates. Counts are of the real population (a run at
/// scale 0.01 is multiplied by 100), as the report counts them.
enum ProvincePage {
    static func render(runId: Int64, run: ReportRun, province: String) -> String {
        let axis = DateAxis(start: run.startDate, dayCount: run.dayCount)
        let scale = { (values: [Double]) in values.map(run.scaled) }
        func values(_ measure: Measure) -> [Double] { scale(run.series.filled(measure, province: province)) }
        func band(_ measure: Measure, _ colour: String) -> [LineChart.Band] {
            guard let quantiles = run.quantiles, let low = quantiles.series(measure, province: province, quantile: 0.025),
                  let high = quantiles.series(measure, province: province, quantile: 0.975) else { return [] }
            return [LineChart.Band(name: "95 % of replicates", lower: scale(low.map { $0 ?? 0 }), upper: scale(high.map { $0 ?? 0 }),
                                   colour: colour, opacity: 0.15)]
        }
        let source = run.isEnsemble ? "Sarhad, median of \(run.replicateCount) replicates" : "Sarhad, one run"
        func chart(_ title: String, _ lines: [(String, Measure, LineStyle)], bandOf: Measure) -> String {
            LineChart(title: title, units: "people", source: source, axis: axis,
                      series: lines.map { LineChart.Series(name: $0.0, values: values($0.1), style: $0.2) },
                      bands: band(bandOf, LineStyle.truth.colour), width: 760, height: 300).svg()
        }
        let needed = values(.bedsNeeded), beds = values(.bedCapacity)
        let shortDays = zip(needed, beds).enumerated().filter { $0.element.0 > $0.element.1 }.map(\.offset)
        let peak = needed.indices.max { needed[$0] < needed[$1] }
        let figures: [(String, String)] = [
            ("True infections", CountText.text(values(.infections).reduce(0, +) + values(.infectedArrivals).reduce(0, +))),
            ("Recorded cases", CountText.text(values(.confirmed).reduce(0, +))),
            ("True deaths", CountText.text(values(.deaths).reduce(0, +))),
            ("Recorded deaths", CountText.text(values(.recordedDeaths).reduce(0, +))),
            ("Peak beds needed", peak.map { "\(CountText.text(needed[$0])) on \(run.startDate.adding(days: $0))" } ?? "–"),
            ("Beds", CountText.text(beds.max() ?? 0)),
            ("Beds ran out", shortDays.first.map { "on \(run.startDate.adding(days: $0)), for \(shortDays.count) days" } ?? "never"),
        ]
        let rows = figures.map { "<tr><th>\($0.0)</th><td data-figure=\"\($0.0)\">\(PageHTML.escaped($0.1))</td></tr>" }
        let others = (run.series.provinces.filter { $0 != TimeseriesCSV.nationalLabel && $0 != province }).map {
            "<a href=\"/runs/\(runId)/provinces/\(PageHTML.escaped(Self.pathComponent($0)))\">\(PageHTML.escaped($0))</a>"
        }
        return PageHTML.page(title: "\(province), run \(runId)", body: """
            <h1>\(PageHTML.escaped(province)) <span class="hint">in <a href="/runs/\(runId)">run \(runId)</a>, \
            \(PageHTML.escaped(run.name))</span></h1>
            <table class="dash"><tbody>\(rows.joined())</tbody></table>
            \(chart("Infections a day: true and recorded", [("true infections", .infections, .truth), ("recorded cases", .confirmed, .recorded)],
                    bandOf: .infections))
            \(chart("Deaths a day: true and recorded", [("true deaths", .deaths, .truth), ("recorded deaths", .recordedDeaths, .recorded)],
                    bandOf: .deaths))
            \(chart("Hospital beds: needed and there are", [("beds needed", .bedsNeeded, .truth), ("beds", .bedCapacity, .capacity)],
                    bandOf: .bedsNeeded))
            \(chart("Intensive care: needed and there are", [("ICU places needed", .intensiveCareNeeded, .truth),
                                                             ("ICU places", .intensiveCareCapacity, .capacity)], bandOf: .intensiveCareNeeded))
            <p class="hint">Other provinces: \(others.joined(separator: " · "))</p>
            """)
    }

    static func pathComponent(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name
    }
}
