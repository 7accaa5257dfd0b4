import SarhadModel

/// How far a run's recorded series are from the reported ones. Counts are compared on the square-root
/// scale, where Poisson-like noise has constant variance (Anscombe 1948), as a root mean square
/// over the reported dates: national cumulative cases, national cumulative deaths, and, when
/// provincial figures are given, provincial cumulative cases; each part weighs equally.
/// Serosurveys and test positivity add |z|/2 each (`CalibrationTarget.distance`).
public struct Distance: Sendable {
    public let reported: ReportedSeries
    /// Residents per province of the simulated population (serosurvey denominators).
    public let residents: [Int]

    public init(reported: ReportedSeries, residents: [Int] = []) {
        self.reported = reported
        self.residents = residents
    }

    public func callAsFunction(_ result: SimulationResult) -> Double {
        let dates = reported.national.map(\.date)
        let simulated = ReportedSeries.recorded(by: result, on: dates)
        var cases = 0.0, deaths = 0.0
        for (observed, model) in zip(reported.national, simulated) {
            cases += square(model.cases.squareRoot() - observed.cases.squareRoot())
            deaths += square(model.deaths.squareRoot() - observed.deaths.squareRoot())
        }
        let n = Double(max(1, dates.count))
        var total = (cases / n).squareRoot() + (deaths / n).squareRoot()
        if !reported.provinces.isEmpty {
            let scale = result.populationScale > 0 ? 1 / result.populationScale : 1
            var provincial = 0.0
            for point in reported.provinces {
                let lastDay = min(result.dayCount - 1, point.date.days(since: result.startDate))
                let model = Double(result.total(.confirmed, province: point.province, throughDay: lastDay)) * scale
                provincial += square(model.squareRoot() - point.cases.squareRoot())
            }
            total += (provincial / Double(reported.provinces.count)).squareRoot()
        }
        for target in reported.targets { total += target.distance(result, residents: residents) }
        return total
    }

    func square(_ x: Double) -> Double { x * x }
}
