import SarhadModel

/// What two runs must share to be set side by side: the days simulated and the fraction of the
/// population simulated. Totals over different periods, or scaled up from different scales, differ
/// for reasons that are not the scenarios' (a shorter run "averts" every infection it did not reach).
public struct RunPeriod: Sendable, Equatable {
    public var name: String
    public var startDate: SimDate
    public var endDate: SimDate
    public var populationScale: Double

    public init(name: String, startDate: SimDate, endDate: SimDate, populationScale: Double) {
        self.name = name
        self.startDate = startDate
        self.endDate = endDate
        self.populationScale = populationScale
    }
}

/// Why runs cannot be compared, naming both runs and both values.
public struct IncomparableRuns: Error, CustomStringConvertible, Sendable {
    public let description: String
}

public enum Comparability {
    /// Nil when every run covers the first run's days at its population scale; otherwise the first
    /// difference found, with the option that aligns them.
    public static func problem(_ runs: [RunPeriod]) -> IncomparableRuns? {
        guard let baseline = runs.first else { return nil }
        for run in runs.dropFirst() {
            let pair = "cannot compare \"\(run.name)\" with \"\(baseline.name)\""
            if run.startDate != baseline.startDate {
                return IncomparableRuns(description: "\(pair): \"\(run.name)\" starts on \(run.startDate) and \"\(baseline.name)\" "
                    + "on \(baseline.startDate). Totals over different periods differ for reasons that are not the scenarios'; "
                    + "give every scenario the same start date.")
            }
            if run.endDate != baseline.endDate {
                return IncomparableRuns(description: "\(pair): \"\(run.name)\" ends on \(run.endDate) and \"\(baseline.name)\" "
                    + "on \(baseline.endDate). Totals over different periods differ for reasons that are not the scenarios'; "
                    + "give every run the same end date (--end).")
            }
            if run.populationScale != baseline.populationScale {
                return IncomparableRuns(description: "\(pair): \"\(run.name)\" was simulated at population scale "
                    + "\(run.populationScale) and \"\(baseline.name)\" at \(baseline.populationScale). Counts scaled up from "
                    + "different scales differ by chance and rounding, not by the scenarios; give every run the same "
                    + "--population-scale.")
            }
        }
        return nil
    }

    public static func check(_ runs: [RunPeriod]) throws(IncomparableRuns) {
        if let problem = problem(runs) { throw problem }
    }
}
