import SarhadModel

/// The tidy long table `date,province,measure,value,population_scale` that pandas and R read as is.
/// Counts are of simulated agents; shares (`DerivedMeasure`) are fractions and need no scaling. Every
/// row carries the fraction of the real population that was simulated, so the file alone says how to
/// scale a count (divide `value` by `population_scale`); a constant column costs a few bytes a row and
/// keeps the table tidy, unlike a comment line, which is not CSV. docs/OUTPUTS.md describes every measure.
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
            for share in DerivedMeasure.allCases {
                if let value = share.value(in: result, day: day, province: nil) {
                    lines.append("\(date),\(nationalLabel),\(share.name),\(shareText(value))" + scale)
                }
            }
            for province in 0..<result.provinceCount {
                let name = quoted(result.provinceNames[province])
                for measure in Measure.allCases {
                    lines.append("\(date),\(name),\(measure.name),\(result.value(day: day, province: province, measure: measure))" + scale)
                }
                for share in DerivedMeasure.allCases {
                    if let value = share.value(in: result, day: day, province: province) {
                        lines.append("\(date),\(name),\(share.name),\(shareText(value))" + scale)
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
