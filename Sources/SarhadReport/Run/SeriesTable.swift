import Foundation
import SarhadModel

/// Daily values by province and measure (and, for an ensemble's `quantiles.csv`, by quantile),
/// as read from a run's tidy tables. Days run from `start` without gaps; a day missing from the
/// file reads as nil.
public struct SeriesTable: Sendable {
    public struct Key: Hashable, Sendable {
        public var province: String
        public var measure: String
        /// Quantile in millionths (0.025 → 25,000), so that keys compare exactly; nil for plain series.
        public var quantile: Int?

        public init(province: String, measure: String, quantile: Double? = nil) {
            self.province = province
            self.measure = measure
            self.quantile = quantile.map { Int(($0 * 1_000_000).rounded()) }
        }
    }

    public let start: SimDate
    public let dayCount: Int
    public let provinces: [String]
    private let values: [Key: [Double?]]

    public init(start: SimDate, dayCount: Int, values: [Key: [Double?]]) {
        self.start = start
        self.dayCount = dayCount
        self.values = values
        provinces = Set(values.keys.map(\.province)).sorted()
    }

    public func series(_ measure: Measure, province: String = TimeseriesCSV.nationalLabel, quantile: Double? = nil) -> [Double?]? {
        values[Key(province: province, measure: measure.name, quantile: quantile)]
    }

    /// Missing days as zero, for sums and peaks.
    public func filled(_ measure: Measure, province: String = TimeseriesCSV.nationalLabel, quantile: Double? = nil) -> [Double] {
        series(measure, province: province, quantile: quantile)?.map { $0 ?? 0 } ?? []
    }

    public var quantiles: [Double] {
        Set(values.keys.compactMap(\.quantile)).sorted().map { Double($0) / 1_000_000 }
    }

    /// Reads `timeseries.csv` or `quantiles.csv`. Per-replicate rows are skipped when `skipReplicates`
    /// is set (the quantiles summarise them); otherwise, if the table has only per-replicate rows, the
    /// first replicate stands for the run.
    public static func read(_ data: Data, file: String, skipReplicates: Bool) throws -> SeriesTable {
        var totals: ReplicateTotals.Builder?
        return try read(data, file: file, skipReplicates: skipReplicates, totals: &totals).table
    }

    /// Reads a run's `timeseries.csv` as `read` does, and also adds up every replicate it holds.
    public static func readWithTotals(_ data: Data, file: String, skipReplicates: Bool) throws -> (table: SeriesTable, totals: ReplicateTotals) {
        var totals: ReplicateTotals.Builder? = ReplicateTotals.Builder()
        let (table, texts) = try read(data, file: file, skipReplicates: skipReplicates, totals: &totals)
        return (table, totals!.build(texts: texts))
    }

    private static func read(_ data: Data, file: String, skipReplicates: Bool,
                             totals: inout ReplicateTotals.Builder?) throws -> (table: SeriesTable, texts: [String]) {
        var reader = TidyCSVReader()
        var rows = [TidyCSVReader.Row]()
        var firstReplicate: Int?
        var hasPlainRows = false
        try reader.read(data, file: file) { row in
            totals?.add(row)
            if let replicate = row.replicate {
                if skipReplicates { return }
                if firstReplicate == nil { firstReplicate = replicate }
                guard replicate == firstReplicate else { return }
            } else {
                hasPlainRows = true
            }
            rows.append(row)
        }
        if hasPlainRows { rows.removeAll { $0.replicate != nil } }
        guard let first = rows.map(\.date).min(), let last = rows.map(\.date).max() else {
            return (SeriesTable(start: SimDate(daysSinceEpoch: 0), dayCount: 0, values: [:]), reader.texts)
        }
        let dayCount = last.days(since: first) + 1
        var values = [Key: [Double?]]()
        for row in rows {
            let key = Key(province: reader.texts[row.province], measure: reader.texts[row.measure], quantile: row.quantile)
            values[key, default: [Double?](repeating: nil, count: dayCount)][row.date.days(since: first)] = row.value
        }
        return (SeriesTable(start: first, dayCount: dayCount, values: values), reader.texts)
    }

    /// The series at one quantile as plain series (e.g. an ensemble's medians standing for the run).
    public func atQuantile(_ quantile: Double) -> SeriesTable {
        let wanted = Key(province: "", measure: "", quantile: quantile).quantile
        var plain = [Key: [Double?]]()
        for (key, series) in values where key.quantile == wanted {
            plain[Key(province: key.province, measure: key.measure)] = series
        }
        return SeriesTable(start: start, dayCount: dayCount, values: plain)
    }
}
