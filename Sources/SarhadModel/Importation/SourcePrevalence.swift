/// The true share of the source country's population currently infected, by date.
public struct SourcePrevalence: Sendable, Equatable {
    public var firstDate: SimDate
    /// One value per day from `firstDate`; before it prevalence is 0, after it the last value holds.
    public var daily: [Double]

    public init(firstDate: SimDate, daily: [Double]) {
        self.firstDate = firstDate
        self.daily = daily
    }

    public func prevalence(on date: SimDate) -> Double {
        let index = date.days(since: firstDate)
        if index < 0 || daily.isEmpty { return 0 }
        return daily[min(index, daily.count - 1)]
    }

    /// Linear interpolation between dated points; flat outside them.
    public static func fromPoints(_ points: [(SimDate, Double)]) -> SourcePrevalence {
        let sorted = points.sorted { $0.0 < $1.0 }
        guard let first = sorted.first, let last = sorted.last else {
            return SourcePrevalence(firstDate: SimDate(daysSinceEpoch: 0), daily: [])
        }
        var daily = [Double]()
        var segment = 0
        for day in 0...last.0.days(since: first.0) {
            let date = first.0.adding(days: day)
            while segment + 1 < sorted.count && sorted[segment + 1].0 <= date { segment += 1 }
            if segment + 1 < sorted.count {
                let (d0, v0) = sorted[segment]
                let (d1, v1) = sorted[segment + 1]
                let t = Double(date.days(since: d0)) / Double(d1.days(since: d0))
                daily.append(v0 + t * (v1 - v0))
            } else {
                daily.append(sorted[segment].1)
            }
        }
        return SourcePrevalence(firstDate: first.0, daily: daily)
    }

    /// Back-calculates prevalence from reported deaths: incidence(t) = deaths(t + delay) · undercount / IFR,
    /// smoothed over a centred 7-day window; prevalence(t) = Σ incidence over the last `infectedDays` / population.
    /// After the last inferable day the mean incidence of the final week holds (stated in docs/MODEL.md).
    public static func fromReportedDeaths(cumulativeDeaths: [(SimDate, Double)], population: Double,
                                          infectionFatalityRatio: Double, infectionToDeathDays: Int,
                                          deathUndercount: Double, infectedDays: Int) -> SourcePrevalence {
        let sorted = cumulativeDeaths.sorted { $0.0 < $1.0 }
        guard let first = sorted.first, sorted.count > 1 else {
            return SourcePrevalence(firstDate: SimDate(daysSinceEpoch: 0), daily: [])
        }
        var daily = [Double]()
        var previous = 0.0
        for (_, cumulative) in sorted {
            daily.append(max(0, cumulative - previous))
            previous = cumulative
        }
        var smoothed = [Double](repeating: 0, count: daily.count)
        for i in daily.indices {
            let window = max(0, i - 3)...min(daily.count - 1, i + 3)
            smoothed[i] = window.map { daily[$0] }.reduce(0, +) / Double(window.count)
        }
        let incidenceStart = first.0.adding(days: -infectionToDeathDays)
        var incidence = smoothed.map { $0 * deathUndercount / infectionFatalityRatio }
        let lastWeek = incidence.suffix(7)
        let plateau = lastWeek.reduce(0, +) / Double(max(1, lastWeek.count))
        incidence += [Double](repeating: plateau, count: infectedDays)
        var prevalence = [Double]()
        var running = 0.0
        for i in incidence.indices {
            running += incidence[i]
            if i >= infectedDays { running -= incidence[i - infectedDays] }
            prevalence.append(min(1, running / population))
        }
        return SourcePrevalence(firstDate: incidenceStart, daily: prevalence)
    }
}
