import SarhadModel

/// What each replicate of a run added up to, per province and nationally, read from the per-replicate
/// rows of `timeseries.csv` (a single run is one replicate): each flow's sum over the days, each
/// stock's peak, and each measure's value on the last day. The
/// report's ensemble figures are medians and intervals over these, computed as `sarhad compare` and
/// `summary.json` compute theirs from the results, so every table agrees to the digit.
public struct ReplicateTotals: Sendable {
    struct Key: Hashable, Sendable {
        var province: String
        var measure: String
    }

    struct Entry: Sendable {
        var sum = 0.0
        var peak = -Double.infinity
        var last = 0.0
        var lastDate = SimDate(daysSinceEpoch: Int.min)

        /// Rows may come in any order of dates.
        mutating func add(_ value: Double, on date: SimDate) {
            sum += value
            peak = max(peak, value)
            if date > lastDate { (last, lastDate) = (value, date) }
        }
    }

    /// Replicate labels (the `replicate` column) in the order first seen; one empty label for a single run.
    public let labels: [String]
    let entries: [Key: [Entry]]

    init(labels: [String], entries: [Key: [Entry]]) {
        self.labels = labels
        self.entries = entries
    }

    public var count: Int { labels.count }

    /// Per replicate, as `SimulationResult.total` counts it: a flow's sum, a stock's peak. Nil when the
    /// table has no such series.
    public func totals(_ measure: Measure, province: String = TimeseriesCSV.nationalLabel) -> [Double]? {
        entries[Key(province: province, measure: measure.name)]?.map { measure.isStock ? max(0, $0.peak) : $0.sum }
    }

    /// Per replicate, the value on the run's last day (capacities are reported as they stand at the end).
    public func lastValues(_ measure: Measure, province: String = TimeseriesCSV.nationalLabel) -> [Double]? {
        entries[Key(province: province, measure: measure.name)]?.map(\.last)
    }

    /// Per replicate, a sum of measures' totals (e.g. infections and infected arrivals). Nil when any is missing.
    public func totals(of measures: [Measure], province: String = TimeseriesCSV.nationalLabel) -> [Double]? {
        var sums = [Double](repeating: 0, count: count)
        for measure in measures {
            guard let values = totals(measure, province: province), values.count == count else { return nil }
            for index in sums.indices { sums[index] += values[index] }
        }
        return sums
    }

    /// Accumulates rows as they are read; texts stay interned indices until `build`.
    struct Builder {
        private struct SeriesIndex: Hashable {
            var province: Int
            var measure: Int
        }

        private var labelIndex: [Int: Int] = [:]
        private var labelTexts: [Int] = []
        private var entries: [SeriesIndex: [Entry]] = [:]

        /// A row without a replicate belongs to the one replicate of a single run.
        mutating func add(_ row: TidyCSVReader.Row) {
            let label = row.replicate ?? -1
            let replicate: Int
            if let known = labelIndex[label] {
                replicate = known
            } else {
                replicate = labelTexts.count
                labelIndex[label] = replicate
                labelTexts.append(label)
            }
            let index = SeriesIndex(province: row.province, measure: row.measure)
            var series = entries.removeValue(forKey: index) ?? []
            while series.count <= replicate { series.append(Entry()) }
            series[replicate].add(row.value, on: row.date)
            entries[index] = series
        }

        /// `texts` are the reader's interned texts. A series missing from some replicate counts as
        /// zero there, so every list has one value per replicate.
        func build(texts: [String]) -> ReplicateTotals {
            let count = labelTexts.count
            var named = [Key: [Entry]]()
            for (index, series) in entries {
                named[Key(province: texts[index.province], measure: texts[index.measure])] =
                    series + [Entry](repeating: Entry(), count: max(0, count - series.count))
            }
            return ReplicateTotals(labels: labelTexts.map { $0 < 0 ? "" : texts[$0] }, entries: named)
        }
    }
}
