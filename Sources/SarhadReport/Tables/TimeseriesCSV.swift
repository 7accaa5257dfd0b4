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
            for province in 0..<result.provinceCount {
                let name = quoted(result.provinceNames[province])
                for measure in Measure.allCases {
                    lines.append("\(date),\(name),\(measure.name),\(result.value(day: day, province: province, measure: measure))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
