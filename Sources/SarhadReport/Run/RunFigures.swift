import SarhadModel

/// The headline numbers of one run in simulated counts, taken from `summary.json` where it states
/// them (so the report and the summary cannot disagree) and summed from the daily table otherwise.
public struct RunFigures: Sendable {
    public var trueInfections: Double
    public var recordedCases: Double
    public var trueDeaths: Double
    public var recordedDeaths: Double
    public var peakBedsNeeded: Double
    public var peakBedsNeededDate: SimDate?
    public var bedsAvailable: Double
    public var peakICUNeeded: Double
    public var peakICUNeededDate: SimDate?
    public var icuAvailable: Double
    public var arrivals: Double
    public var infectedArrivals: Double

    public init(_ run: ReportRun) {
        let totals = run.summary.totals ?? [:]
        let series = run.series
        func total(_ measure: Measure) -> Double {
            totals[measure.name] ?? series.filled(measure).reduce(0, +)
        }
        func peak(_ measure: Measure) -> (Double, SimDate?) {
            if let peak = run.summary.peaks?[measure.name], let value = peak.value {
                return (value, peak.date.flatMap(SimDate.init(iso:)))
            }
            let values = series.filled(measure)
            guard let maximum = values.max(), let day = values.firstIndex(of: maximum) else { return (0, nil) }
            return (maximum, series.start.adding(days: day))
        }
        // Capacity on the last day, as the terminal table and summary.json's provinces report it.
        func lastValue(_ measure: Measure) -> Double { series.filled(measure).last ?? 0 }

        trueInfections = run.summary.trueInfections ?? (total(.infections) + total(.infectedArrivals))
        recordedCases = total(.confirmed)
        trueDeaths = total(.deaths)
        recordedDeaths = total(.recordedDeaths)
        (peakBedsNeeded, peakBedsNeededDate) = peak(.bedsNeeded)
        (peakICUNeeded, peakICUNeededDate) = peak(.intensiveCareNeeded)
        bedsAvailable = lastValue(.bedCapacity)
        icuAvailable = lastValue(.intensiveCareCapacity)
        arrivals = total(.arrivals)
        infectedArrivals = total(.infectedArrivals)
    }

    /// One true infection in how many was recorded, or nil when none was.
    public var infectionsPerRecordedCase: Double? {
        recordedCases > 0 ? trueInfections / recordedCases : nil
    }
}
