import SarhadInference
import SarhadModel

/// The end-of-run table for an ensemble: medians with 95 % intervals over replicates, scaled to the
/// real population, nationally and for the provinces with the most infections (by median).
public enum EnsembleTableText {
    public static func render(_ results: [SimulationResult], hardestHit: Int = 5) -> String {
        guard let first = results.first else { return "" }
        let measures: [(String, (SimulationResult, Int?) -> Int64)] = [
            ("true infections", { $0.total(.infections, province: $1) + $0.total(.infectedArrivals, province: $1) }),
            ("recorded cases", { $0.total(.confirmed, province: $1) }),
            ("true deaths", { $0.total(.deaths, province: $1) }),
            ("recorded deaths", { $0.total(.recordedDeaths, province: $1) }),
            ("peak beds needed", { $0.total(.bedsNeeded, province: $1) }),
        ]
        func cell(_ province: Int?, _ value: (SimulationResult, Int?) -> Int64) -> String {
            let interval = ScenarioComparison.scaledInterval(results.map { Double(value($0, province)) },
                                                             populationScale: first.populationScale)
            return "\(SummaryTableText.grouped(CountText.integer(interval.median))) "
                + "(\(SummaryTableText.grouped(CountText.integer(interval.lower)))–"
                + "\(SummaryTableText.grouped(CountText.integer(interval.upper))))"
        }
        let ranked = (0..<first.provinceCount).sorted { a, b in
            let ma = Interval(sample: results.map { Double(measures[0].1($0, a)) }).median
            let mb = Interval(sample: results.map { Double(measures[0].1($0, b)) }).median
            return (ma, first.provinceNames[b]) > (mb, first.provinceNames[a])
        }.prefix(hardestHit)
        var rows = [[""] + measures.map(\.0)]
        rows.append(["National"] + measures.map { cell(nil, $0.1) })
        for province in ranked { rows.append([first.provinceNames[province]] + measures.map { cell(province, $0.1) }) }
        var lines = [TextTable.render(rows, rightAligned: { $0 > 0 }, rulesAfter: [0, 1])]
        lines.append("Median (95 % interval) over \(results.count) replicates"
            + (results.count < 20 ? " (fewer than 20: the intervals' ends are rough)" : "")
            + (first.populationScale != 1 ? ", simulated at scale \(first.populationScale) and scaled to the full population." : "."))
        return lines.joined(separator: "\n")
    }
}
