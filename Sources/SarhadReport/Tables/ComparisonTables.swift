import Foundation
import SarhadInference

/// `comparison.csv` and the terminal table of `sarhad compare`.
public enum ComparisonTables {
    /// Counts in the real population, rounded to whole people (`CountText`); measures are named as in
    /// docs/OUTPUTS.md.
    public static func csv(_ comparison: ScenarioComparison) -> String {
        var lines = ["scenario,measure,median,lower_95,upper_95,difference_median,difference_lower_95,difference_upper_95"]
        for row in comparison.rows {
            let numbers = [row.value.median, row.value.lower, row.value.upper,
                           row.difference.median, row.difference.lower, row.difference.upper].map(CountText.text)
            lines.append(([TimeseriesCSV.quoted(row.scenario), row.measure] + numbers).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func text(_ comparison: ScenarioComparison) -> String {
        func count(_ value: Double) -> String { SummaryTableText.grouped(CountText.integer(value)) }
        var rows = [["scenario", "measure", "median (95 %)", "difference from \(comparison.names[0]) (95 %)"]]
        for row in comparison.rows {
            let difference = row.scenario == comparison.names[0] ? "—"
                : "\(row.difference.median >= 0 ? "+" : "")\(count(row.difference.median)) "
                    + "(\(count(row.difference.lower)) to \(count(row.difference.upper)))"
            rows.append([row.scenario, row.measure.replacingOccurrences(of: "_", with: " "),
                         "\(count(row.value.median)) (\(count(row.value.lower))–\(count(row.value.upper)))", difference])
        }
        var lines = [TextTable.render(rows, rightAligned: { $0 >= 2 })]
        lines.append("Same replicate seeds in every scenario (common random numbers); scaled to the full population; "
            + "\(comparison.replicates) replicate\(comparison.replicates == 1 ? "" : "s")"
            + (comparison.replicates < 20 ? " (fewer than 20: the intervals' ends are rough)." : "."))
        return lines.joined(separator: "\n")
    }
}
