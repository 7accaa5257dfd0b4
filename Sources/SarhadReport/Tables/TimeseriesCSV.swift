import SarhadModel

/// The tidy long table `date,province,measure,value,population_scale` that pandas and R read as is.
/// Values are counts of simulated agents. Every row carries the fraction of the real population that
/// was simulated, so the file alone says how to scale it (divide `value` by `population_scale`); a
/// constant column costs a few bytes a row and keeps the table tidy, unlike a comment line, which is
/// not CSV. docs/OUTPUTS.md describes every measure.
public enum TimeseriesCSV {
    public static let header = "date,province,measure,value,population_scale"
    /// The province column's label for national totals.
    public static let nationalLabel = "national"

    public static func render(_ result: SimulationResult) -> String {
        var lines = [header]
        lines.reserveCapacity(result.dayCount * (result.provinceCount + 1) * Measure.allCases.count + 1)
        let scale = "," + scaleText(result.populationScale)
        for day in 0..<result.dayCount {
            let date = result.date(ofDay: day).description
            for measure in Measure.allCases {
                lines.append("\(date),\(nationalLabel),\(measure.name),\(result.national(day: day, measure: measure))" + scale)
            }
            for province in 0..<result.provinceCount {
                let name = quoted(result.provinceNames[province])
                for measure in Measure.allCases {
                    lines.append("\(date),\(name),\(measure.name),\(result.value(day: day, province: province, measure: measure))" + scale)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shortest decimal that reads back as the same number (0.01, 1.0, 1e-05): what Swift prints on every platform.
    static func scaleText(_ scale: Double) -> String { "\(scale)" }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
