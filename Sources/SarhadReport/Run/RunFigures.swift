import SarhadInference
import SarhadModel

/// The headline numbers of one run in the real population. A single run's are taken from
/// `summary.json` where it states them (so the report and the summary cannot disagree) and summed
/// from the daily table otherwise. An ensemble's are medians with 95 % intervals over its replicates'
/// totals, computed as `comparison.csv` and `summary.json`'s ensemble section compute them.
public struct RunFigures: Sendable {
    /// A count in the real population: a single run's, or an ensemble's median with its interval.
    public struct Figure: Sendable, Equatable {
        /// Not rounded; the report rounds it when writing it, as the CSV files do.
        public var value: Double
        public var interval: Interval?

        public init(value: Double, interval: Interval? = nil) {
            self.value = value
            self.interval = interval
        }
    }

    /// How many replicates the figures rest on (one for a single run).
    public var replicates: Int
    /// Infections acquired in the country plus infected arrivals (`infections_including_imported`).
    public var trueInfections: Figure
    public var recordedCases: Figure
    public var trueDeaths: Figure
    public var recordedDeaths: Figure
    public var peakBedsNeeded: Figure
    /// The day of a single run's peak; an ensemble's replicates peak on different days.
    public var peakBedsNeededDate: SimDate?
    public var bedsAvailable: Figure
    public var peakICUNeeded: Figure
    public var peakICUNeededDate: SimDate?
    public var icuAvailable: Figure
    public var arrivals: Figure
    public var infectedArrivals: Figure

    public init(_ run: ReportRun) {
        let scale = run.populationScale
        // Capacity on the last day, as the terminal table and summary.json's provinces report it; an
        // ensemble's series are its medians, so this is the last day's median in quantiles.csv.
        func lastValue(_ measure: Measure) -> Figure { Figure(value: run.scaled(run.series.filled(measure).last ?? 0)) }
        bedsAvailable = lastValue(.bedCapacity)
        icuAvailable = lastValue(.intensiveCareCapacity)

        if let totals = run.replicateTotals, totals.count > 1 {
            replicates = totals.count
            func figure(_ measures: [Measure]) -> Figure {
                guard let counts = totals.totals(of: measures) else { return Figure(value: 0) }
                let interval = ScenarioComparison.scaledInterval(counts, populationScale: scale)
                return Figure(value: interval.median, interval: interval)
            }
            trueInfections = figure(ScenarioComparison.Headline.infectionsIncludingImported.measures)
            recordedCases = figure([.confirmed])
            trueDeaths = figure([.deaths])
            recordedDeaths = figure([.recordedDeaths])
            peakBedsNeeded = figure(ScenarioComparison.Headline.peakBedsNeeded.measures)
            peakICUNeeded = figure([.intensiveCareNeeded])
            arrivals = figure([.arrivals])
            infectedArrivals = figure([.infectedArrivals])
            peakBedsNeededDate = nil
            peakICUNeededDate = nil
            return
        }

        replicates = 1
        let summaryTotals = run.summary.totals ?? [:]
        let series = run.series
        func total(_ measure: Measure) -> Double {
            summaryTotals[measure.name] ?? series.filled(measure).reduce(0, +)
        }
        func peak(_ measure: Measure) -> (Figure, SimDate?) {
            if let peak = run.summary.peaks?[measure.name], let value = peak.value {
                return (Figure(value: run.scaled(value)), peak.date.flatMap(SimDate.init(iso:)))
            }
            let values = series.filled(measure)
            guard let maximum = values.max(), let day = values.firstIndex(of: maximum) else { return (Figure(value: 0), nil) }
            return (Figure(value: run.scaled(maximum)), series.start.adding(days: day))
        }
        func count(_ measure: Measure) -> Figure { Figure(value: run.scaled(total(measure))) }

        trueInfections = Figure(value: run.scaled(run.summary.trueInfections ?? (total(.infections) + total(.infectedArrivals))))
        recordedCases = count(.confirmed)
        trueDeaths = count(.deaths)
        recordedDeaths = count(.recordedDeaths)
        (peakBedsNeeded, peakBedsNeededDate) = peak(.bedsNeeded)
        (peakICUNeeded, peakICUNeededDate) = peak(.intensiveCareNeeded)
        arrivals = count(.arrivals)
        infectedArrivals = count(.infectedArrivals)
    }

    /// One true infection in how many was recorded, or nil when none was.
    public var infectionsPerRecordedCase: Double? {
        recordedCases.value > 0 ? trueInfections.value / recordedCases.value : nil
    }
}
