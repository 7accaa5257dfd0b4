import SarhadInference
import SarhadModel

/// Forecasts, backtests and their scores as CSV (docs/OUTPUTS.md). Values count the real population.
public enum ForecastTables {
    public static let forecastHeader = "origin,date,period,horizon,province,measure,quantile,value"

    /// Every target's quantiles at the Forecast Hub's 23 levels.
    public static func forecastCSV(_ forecasts: [TwinForecast]) -> String {
        var lines = [forecastHeader]
        for forecast in forecasts {
            for target in forecast.targets {
                let quantiles = forecast.quantiles[target]!
                let prefix = "\(forecast.origin),\(target.targetDate(origin: forecast.origin)),\(target.period.rawValue),"
                    + "\(target.horizon),\(forecast.regionName(target.region)),\(target.measure.name)"
                for (level, value) in zip(quantiles.levels, quantiles.values) {
                    lines.append("\(prefix),\(level),\(number(value))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The particles at the origin: transmission factor, and each recorded measure's negative binomial size
    /// and recording multiplier.
    public static func posteriorCSV(_ filter: TwinParticleFilter) -> String {
        let measures = filter.settings.measures
        var lines = ["particle,transmission_factor" + measures.map { ",size_\($0.rawValue)" }.joined()
            + measures.map { ",recording_\($0.rawValue)" }.joined()]
        for (index, particle) in filter.posterior.enumerated() {
            lines.append("\(index),\(particle.transmissionFactor)" + measures.map { ",\(particle.sizes[$0]!)" }.joined()
                + measures.map { ",\(particle.recording[$0]!)" }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scored forecasts: each target's quantiles beside what was recorded.
    public static func backtestCSV(_ backtest: Backtest) -> String {
        var lines = ["origin,date,period,horizon,province,measure,quantile,value,observed"]
        for row in backtest.rows {
            let prefix = "\(row.origin),\(row.target.targetDate(origin: row.origin)),\(row.target.period.rawValue),"
                + "\(row.target.horizon),\(name(row.target.region, backtest)),\(row.target.measure.name)"
            for (level, value) in zip(row.forecast.levels, row.forecast.values) {
                lines.append("\(prefix),\(level),\(number(value)),\(number(row.observed))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per scored target: the weighted interval score and its parts, the baseline's, and coverage.
    public static func scoresCSV(_ backtest: Backtest) -> String {
        var lines = ["origin,date,period,horizon,province,measure,observed,median,wis,dispersion,underprediction,"
            + "overprediction,baseline_wis,relative_wis,covered_50,covered_90"]
        for row in backtest.rows {
            let parts = ForecastScore.components(row.forecast, observed: row.observed)
            let baseline = row.baselineScore
            let relative = baseline.flatMap { $0 > 0 ? row.score / $0 : nil }
            lines.append("\(row.origin),\(row.target.targetDate(origin: row.origin)),\(row.target.period.rawValue),"
                + "\(row.target.horizon),\(name(row.target.region, backtest)),\(row.target.measure.name),"
                + "\(number(row.observed)),\(number(row.forecast.median)),\(row.score),\(parts.dispersion),"
                + "\(parts.underprediction),\(parts.overprediction),\(baseline.map { "\($0)" } ?? ""),"
                + "\(relative.map { "\($0)" } ?? ""),\(row.covered(0.5) ? 1 : 0),\(row.covered(0.9) ? 1 : 0)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Means over origins and horizons, by period, measure and area (the nation, and all provinces together).
    public static func summaryCSV(_ backtest: Backtest) -> String {
        var lines = ["period,measure,area,targets,mean_wis,relative_wis,coverage_50,coverage_90"]
        for (period, measure, area, rows) in summaryGroups(backtest) {
            let s = Backtest.summary(rows)
            lines.append("\(period.rawValue),\(measure.name),\(area),\(s.count),\(s.meanScore),"
                + "\(s.relativeScore.map { "\($0)" } ?? ""),\(s.coverage50),\(s.coverage90)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary as a terminal table.
    public static func summaryText(_ backtest: Backtest) -> String {
        var rows = [["period", "measure", "area", "targets", "relative WIS", "50 % covered", "90 % covered"]]
        for (period, measure, area, group) in summaryGroups(backtest) {
            let s = Backtest.summary(group)
            rows.append([period.rawValue, measure.name, area, "\(s.count)", s.relativeScore.map { fixed($0, 2) } ?? "–",
                         fixed(100 * s.coverage50, 0) + " %", fixed(100 * s.coverage90, 0) + " %"])
        }
        return TextTable.render(rows, rightAligned: { $0 >= 3 })
    }

    static func summaryGroups(_ backtest: Backtest)
        -> [(ForecastTarget.Period, Measure, String, [Backtest.Row])] {
        var groups = [(ForecastTarget.Period, Measure, String, [Backtest.Row])]()
        let measures = Set(backtest.rows.map(\.target.measure)).sorted { $0.rawValue < $1.rawValue }
        for period in [ForecastTarget.Period.week, .day] {
            for measure in measures {
                let rows = backtest.rows.filter { $0.target.period == period && $0.target.measure == measure }
                let national = rows.filter { $0.target.region == .national }
                let provinces = rows.filter { $0.target.region != .national }
                if !national.isEmpty { groups.append((period, measure, "national", national)) }
                if !provinces.isEmpty { groups.append((period, measure, "provinces", provinces)) }
            }
        }
        return groups
    }

    static func name(_ region: EpidemicRecord.Region, _ backtest: Backtest) -> String {
        region.name(provinces: backtest.provinceNames)
    }

    /// Counts to a tenth: quantiles of sampled counts and expected values both read well so.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        FixedDecimal.text(value, decimals: decimals)
    }
}
