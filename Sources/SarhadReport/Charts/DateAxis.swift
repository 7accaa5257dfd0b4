import SarhadModel

/// Ticks for a time axis of daily data: the first of each month (every second or third month on long
/// runs), or weeks on short ones, labelled the way people write dates ("Apr", "Jan 2021", "13 Apr").
public struct DateAxis: Sendable {
    public struct Tick: Sendable, Equatable {
        /// Days after the axis's first date.
        public let day: Int
        public let date: SimDate
        public let label: String
    }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public let start: SimDate
    public let dayCount: Int

    public init(start: SimDate, dayCount: Int) {
        self.start = start
        self.dayCount = max(1, dayCount)
    }

    public var end: SimDate { start.adding(days: dayCount - 1) }

    public var ticks: [Tick] {
        dayCount < 60 ? weeklyTicks : monthlyTicks
    }

    /// Month starts within the range; the year is named on the first tick and on every January.
    private var monthlyTicks: [Tick] {
        let months = dayCount / 30
        let stride = months > 48 ? 6 : months > 24 ? 3 : months > 14 ? 2 : 1
        var ticks = [Tick]()
        var (year, month, _) = start.components
        if start.components.day != 1 { month += 1; if month > 12 { month = 1; year += 1 } }
        while let date = SimDate(year: year, month: month, day: 1), date <= end {
            if (month - 1) % stride == 0 {
                let named = ticks.isEmpty || month == 1
                ticks.append(Tick(day: date.days(since: start), date: date,
                                  label: Self.monthNames[month - 1] + (named ? " \(year)" : "")))
            }
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return ticks
    }

    /// Every seventh day from the start, labelled with day and month.
    private var weeklyTicks: [Tick] {
        Swift.stride(from: 0, to: dayCount, by: 7).map { day in
            let date = start.adding(days: day)
            let (_, month, dayOfMonth) = date.components
            return Tick(day: day, date: date, label: "\(dayOfMonth) \(Self.monthNames[month - 1])")
        }
    }

    /// "12 Apr 2020".
    public static func longLabel(_ date: SimDate) -> String {
        let (year, month, day) = date.components
        return "\(day) \(monthNames[month - 1]) \(year)"
    }
}
