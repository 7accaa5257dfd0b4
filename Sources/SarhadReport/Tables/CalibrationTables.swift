import Foundation
import SarhadInference
import SarhadModel

/// Calibration outputs as CSV and terminal text.
public enum CalibrationTables {
    public static func generations(_ history: [ABCSMC.Generation]) -> String {
        var lines = ["generation,tolerance,attempts,accepted,acceptance_rate,effective_sample_size"]
        for (index, generation) in history.enumerated() {
            lines.append("\(index),\(generation.posterior.tolerance),\(generation.attempts),\(generation.posterior.count),"
                + "\(generation.acceptanceRate),\(generation.posterior.effectiveSampleSize)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func summaryCSV(_ summary: PosteriorSummary) -> String {
        var lines = ["parameter,prior,median,lower_90,upper_90"]
        for row in summary.rows {
            lines.append("\(row.parameter.rawValue),\(row.prior.description.replacingOccurrences(of: ",", with: ";")),"
                + "\(row.median),\(row.lower),\(row.upper)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Counts to date scaled to the real population and written as whole numbers (`CountText`), named
    /// as in docs/OUTPUTS.md; the ratio keeps its decimals.
    public static func hiddenCSV(_ hidden: HiddenEpidemic) -> String {
        let infections = ScenarioComparison.Headline.infectionsIncludingImported.name
        var lines = ["area,through,\(infections)_median,\(infections)_lower_90,\(infections)_upper_90,"
            + "confirmed_median,confirmed_lower_90,confirmed_upper_90,ratio_median,ratio_lower_90,ratio_upper_90"]
        for row in hidden.rows {
            let ratio = row.ratio.map { "\($0.median),\($0.lower),\($0.upper)" } ?? ",,"
            let counts = [row.trueInfections.median, row.trueInfections.lower, row.trueInfections.upper,
                          row.recordedCases.median, row.recordedCases.lower, row.recordedCases.upper].map(CountText.text)
            lines.append(([TimeseriesCSV.quoted(row.area), hidden.through.description] + counts + [ratio]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func summaryText(_ summary: PosteriorSummary) -> String {
        var rows = [["parameter", "prior", "median", "90 % interval"]]
        for row in summary.rows {
            rows.append([row.parameter.rawValue, row.prior.description, short(row.median), "\(short(row.lower)) – \(short(row.upper))"])
        }
        return table(rows) + "\n\(summary.particles) particles (effective \(String(format: "%.0f", summary.effectiveSampleSize))), "
            + "final tolerance \(short(summary.tolerance))"
    }

    public static func hiddenText(_ hidden: HiddenEpidemic, top: Int) -> String {
        var rows = [["through \(hidden.through)", "true infections (90 %)", "recorded cases", "infections per recorded case (90 %)"]]
        let ranked = hidden.rows.dropFirst().sorted { ($0.trueInfections.median, $1.area) > ($1.trueInfections.median, $0.area) }
        for row in [hidden.rows[0]] + ranked.prefix(top) {
            rows.append([row.area == "national" ? "National" : row.area,
                         "\(count(row.trueInfections.median)) (\(count(row.trueInfections.lower))–\(count(row.trueInfections.upper)))",
                         count(row.recordedCases.median),
                         row.ratio.map { "\(short($0.median)) (\(short($0.lower))–\(short($0.upper)))" } ?? "no recorded case"])
        }
        return table(rows)
    }

    static func count(_ value: Double) -> String { SummaryTableText.grouped(Int64(value.rounded())) }

    static func short(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "n/a" }
        return abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }

    static func table(_ rows: [[String]]) -> String {
        TextTable.render(rows, rightAligned: { $0 > 0 })
    }
}
