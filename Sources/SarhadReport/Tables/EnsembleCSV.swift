import SarhadInference
import SarhadModel

/// The tidy tables of an ensemble: every replicate (`date,province,measure,replicate,value`) and the
/// quantiles over replicates (`date,province,measure,quantile,value`), in the row order of
/// `timeseries.csv`.
public enum EnsembleCSV {
    public static let replicateHeader = "date,province,measure,replicate,value,population_scale"
    public static let quantileHeader = "date,province,measure,quantile,value,population_scale"

    /// `replicates[i]` is replicate number `indices[i]`.
    public static func replicates(_ results: [SimulationResult], indices: [Int]) -> String {
        guard let first = results.first else { return replicateHeader + "\n" }
        var out = replicateHeader + "\n"
        let scale = "," + TimeseriesCSV.scaleText(first.populationScale)
        for day in 0..<first.dayCount {
            let date = first.date(ofDay: day).description
            for area in -1..<first.provinceCount {
                let name = area < 0 ? TimeseriesCSV.nationalLabel : TimeseriesCSV.quoted(first.provinceNames[area])
                for measure in Measure.allCases {
                    for (result, index) in zip(results, indices) {
                        let value = area < 0 ? result.national(day: day, measure: measure)
                            : result.value(day: day, province: area, measure: measure)
                        out += "\(date),\(name),\(measure.name),\(index),\(value)\(scale)\n"
                    }
                }
            }
        }
        return out
    }

    /// Every series is a count, so each quantile is rounded to the nearest whole number (`CountText`):
    /// the level between two replicates' values is not a count anyone observed to a fraction.
    public static func quantiles(_ quantiles: EnsembleQuantiles, startDate: SimDate) -> String {
        var out = quantileHeader + "\n"
        let scale = "," + TimeseriesCSV.scaleText(quantiles.populationScale)
        let levels = quantiles.levels.map { level in formatted(level) }
        for day in 0..<quantiles.dayCount {
            let date = startDate.adding(days: day).description
            for area in -1..<quantiles.provinceCount {
                let name = area < 0 ? TimeseriesCSV.nationalLabel : TimeseriesCSV.quoted(quantiles.provinceNames[area])
                for measure in Measure.allCases {
                    for (level, label) in levels.enumerated() {
                        let value = quantiles.value(day: day, province: area < 0 ? nil : area, measure: measure, level: level)
                        out += "\(date),\(name),\(measure.name),\(label),\(CountText.text(value))\(scale)\n"
                    }
                }
            }
        }
        return out
    }

    /// Integers without a decimal point, other values with up to six decimals: the same bytes on
    /// every platform.
    static func formatted(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(Int64((value * 1_000_000).rounded()))
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        while text.count < 7 { text = "0" + text }
        var fraction = String(text.suffix(6))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + text.dropLast(6) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
