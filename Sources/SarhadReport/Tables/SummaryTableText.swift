import SarhadModel

/// The end-of-run table printed to the terminal.
public enum SummaryTableText {
    public static func render(_ summary: RunSummary, hardestHit: Int = 5) -> String {
        let headers = ["", "true infections", "recorded cases", "true deaths", "recorded deaths",
                       "peak beds needed", "beds", "peak ICU needed", "ICU places"]
        var rows = [headers]
        for row in [summary.national] + summary.hardestHit(hardestHit) {
            rows.append([row.name] + [row.trueInfections, row.recordedCases, row.trueDeaths, row.recordedDeaths,
                                      row.peakBedsNeeded, row.bedsAvailable, row.peakIntensiveCareNeeded,
                                      row.intensiveCareAvailable].map { grouped(summary.scaled($0)) })
        }
        var lines = [TextTable.render(rows, rightAligned: { $0 > 0 }, rulesAfter: [0, 1])]
        if summary.populationScale != 1 {
            lines.append("Simulated at population scale \(summary.populationScale); figures scaled to the full population.")
        }
        return lines.joined(separator: "\n")
    }

    /// 1234567 → "1,234,567".
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }
}

extension String {
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
