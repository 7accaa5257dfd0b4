import SarhadModel

/// What was recorded, to fit against: national cumulative cases and deaths by date, and optionally
/// provincial cumulative cases on some dates.
public struct ReportedSeries: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var date: SimDate
        public var cases: Double
        public var deaths: Double
        public init(date: SimDate, cases: Double, deaths: Double) {
            self.date = date
            self.cases = cases
            self.deaths = deaths
        }
    }

    public struct ProvincePoint: Sendable, Equatable {
        public var date: SimDate
        public var province: Int
        public var cases: Double
        public init(date: SimDate, province: Int, cases: Double) {
            self.date = date
            self.province = province
            self.cases = cases
        }
    }

    public var national: [Point]
    public var provinces: [ProvincePoint]
    /// Serosurveys and test positivity, when the scenario gives them.
    public var targets: [CalibrationTarget]

    public init(national: [Point], provinces: [ProvincePoint] = [], targets: [CalibrationTarget] = []) {
        self.national = national.sorted { $0.date < $1.date }
        self.provinces = provinces
        self.targets = targets
    }

    /// The points on or before `date` (targets are kept: they are fitted by the run they fall in).
    public func through(_ date: SimDate) -> ReportedSeries {
        ReportedSeries(national: national.filter { $0.date <= date }, provinces: provinces.filter { $0.date <= date },
                       targets: targets)
    }

    /// Recorded series of a simulated run in the same form, scaled to the real population.
    public static func recorded(by result: SimulationResult, on dates: [SimDate]) -> [Point] {
        let scale = result.populationScale > 0 ? 1 / result.populationScale : 1
        var cases = 0.0, deaths = 0.0
        var cumulative = [(Double, Double)]()
        for day in 0..<result.dayCount {
            cases += Double(result.national(day: day, measure: .confirmed))
            deaths += Double(result.national(day: day, measure: .recordedDeaths))
            cumulative.append((cases * scale, deaths * scale))
        }
        return dates.map { date in
            let day = min(max(0, date.days(since: result.startDate)), result.dayCount - 1)
            return Point(date: date, cases: cumulative[day].0, deaths: cumulative[day].1)
        }
    }
}
