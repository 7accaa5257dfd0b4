import Foundation
import SarhadModel
import SarhadScenario

/// One run as the report sees it: what its output directory holds, plus the resolved scenario when
/// the caller has it (for the scenario paragraph, the timeline and residents per province).
public struct ReportRun: Sendable {
    /// The run directory's last path component (never the full path: the report must not depend on where it was read).
    public var directoryName: String
    public var summary: SummaryFile
    /// Point estimates: the single run's series, or an ensemble's medians (from `quantiles.csv`).
    public var series: SeriesTable
    /// An ensemble's `quantiles.csv` (0.025, 0.25, 0.5, 0.75, 0.975), when present.
    public var quantiles: SeriesTable?
    public var configuration: ModelConfiguration?
    /// The country pack of the run's scenario, when the run directory has one (its maps and names).
    public var pack: PackIdentity?
    /// Every replicate's totals from `timeseries.csv` (one replicate for a single run), when it was read.
    public var replicateTotals: ReplicateTotals?

    public init(directoryName: String, summary: SummaryFile, series: SeriesTable, quantiles: SeriesTable? = nil,
                configuration: ModelConfiguration? = nil, replicateTotals: ReplicateTotals? = nil) {
        self.directoryName = directoryName
        self.summary = summary
        self.series = series
        self.quantiles = quantiles
        self.configuration = configuration
        self.replicateTotals = replicateTotals
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `summary.json`, `timeseries.csv` and, if present, `quantiles.csv` from a run directory.
    public static func load(directory: URL, configuration: ModelConfiguration? = nil) throws -> ReportRun {
        let file = { (name: String) in directory.appendingPathComponent(name) }
        let manager = FileManager.default
        guard manager.fileExists(atPath: file("timeseries.csv").path) || manager.fileExists(atPath: file("quantiles.csv").path) else {
            throw LoadError(description: "\(directory.path) has no timeseries.csv or quantiles.csv: is it a sarhad run directory?")
        }
        var summary = SummaryFile()
        if let data = manager.contents(atPath: file("summary.json").path) {
            do {
                summary = try JSONDecoder().decode(SummaryFile.self, from: data)
            } catch {
                throw LoadError(description: "\(file("summary.json").path) is not valid JSON: \(error)")
            }
        }
        var quantiles: SeriesTable?
        if let data = manager.contents(atPath: file("quantiles.csv").path) {
            quantiles = try SeriesTable.read(data, file: "quantiles.csv", skipReplicates: true)
        }
        // An ensemble's point estimates are its medians, not its first replicate.
        var series = quantiles?.atQuantile(0.5) ?? SeriesTable(start: SimDate(daysSinceEpoch: 0), dayCount: 0, values: [:])
        var totals: ReplicateTotals?
        if let data = manager.contents(atPath: file("timeseries.csv").path) {
            let read = try SeriesTable.readWithTotals(data, file: "timeseries.csv", skipReplicates: quantiles != nil)
            if read.table.dayCount > 0 || quantiles == nil { series = read.table }
            totals = read.totals.count > 0 ? read.totals : nil
        }
        return ReportRun(directoryName: directory.standardizedFileURL.lastPathComponent, summary: summary, series: series,
                         quantiles: quantiles, configuration: configuration, replicateTotals: totals)
    }

    /// The scenario's name as the report titles it.
    public var name: String {
        configuration?.name ?? summary.scenario ?? directoryName
    }

    /// Fraction of the real population simulated.
    public var populationScale: Double {
        let scale = summary.populationScale ?? configuration?.populationScale ?? 1
        return scale > 0 ? scale : 1
    }

    /// A simulated count as a count in the real population, rounded as `summary.json` rounds it.
    public func scaled(_ value: Double) -> Double {
        (value / populationScale).rounded()
    }

    public var startDate: SimDate {
        summary.startDate.flatMap(SimDate.init(iso:)) ?? configuration?.startDate ?? series.start
    }

    public var dayCount: Int {
        if let end = summary.endDate.flatMap(SimDate.init(iso:)) { return end.days(since: startDate) + 1 }
        return series.dayCount
    }

    public var isEnsemble: Bool { quantiles != nil || replicateCount > 1 }

    /// Replicates the run's figures rest on: those in timeseries.csv, else what summary.json says, else one.
    public var replicateCount: Int {
        replicateTotals?.count ?? summary.replicates ?? 1
    }

    /// The dates and scale a comparison must share.
    public var period: RunPeriod {
        RunPeriod(name: directoryName, startDate: startDate, endDate: startDate.adding(days: dayCount - 1),
                  populationScale: populationScale)
    }

    /// Simulated residents per province (from the scenario), for rates per 100,000.
    public var residentsByProvince: [String: Double]? {
        guard let configuration else { return nil }
        let residents = PopulationBuilder.residentsPerProvince(configuration)
        return Dictionary(uniqueKeysWithValues: zip(configuration.provinces.map(\.name), residents.map(Double.init)))
    }
}
