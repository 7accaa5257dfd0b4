import SarhadModel

/// The tidy long table `date,province,measure,value` that pandas and R read as is.
/// Values are counts of simulated agents; `summary.json` states the scale.
public enum TimeseriesCSV {
    public static let header = "date,province,measure,value"
    /// The province column's label for national totals.
    public static let nationalLabel = "national"

    public static func render(_ result: SimulationResult) -> String {
        var lines = [header]
        lines.reserveCapacity(result.dayCount * (result.provinceCount + 1) * Measure.allCases.count + 1)
        for day in 0..<result.dayCount {
            let date = result.date(ofDay: day).description
            for measure in Measure.allCases {
                lines.append("\(date),\(nationalLabel),\(measure.name),\(result.national(day: day, measure: measure))")
            }
            for share in DerivedMeasure.allCases {
                if let value = share.value(in: result, day: day, province: nil) {
                    lines.append("\(date),\(nationalLabel),\(share.name),\(shareText(value))")
                }
            }
            for province in 0..<result.provinceCount {
                let name = quoted(result.provinceNames[province])
                for measure in Measure.allCases {
                    lines.append("\(date),\(name),\(measure.name),\(result.value(day: day, province: province, measure: measure))")
                }
                for share in DerivedMeasure.allCases {
                    if let value = share.value(in: result, day: day, province: province) {
                        lines.append("\(date),\(name),\(share.name),\(shareText(value))")
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shares with six decimals (a millionth of the population is below one person in most provinces),
    /// trailing zeros dropped, so the same run gives the same bytes on every platform.
    static func shareText(_ value: Double) -> String {
        FixedDecimal.text(value, decimals: 6, trimZeros: true)
    }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
