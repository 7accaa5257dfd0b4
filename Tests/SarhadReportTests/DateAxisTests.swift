import SarhadModel
import Testing
@testable import SarhadReport

@Suite("Date axis")
struct DateAxisTests {
    @Test("a year from 1 January has twelve month ticks, the year named on the first")
    func wholeYear() {
        let axis = DateAxis(start: SimDate(iso: "2020-01-01")!, dayCount: 366)
        let ticks = axis.ticks
        #expect(ticks.count == 12)
        #expect(ticks.map(\.label) == ["Jan 2020", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
        #expect(ticks[1].day == 31)
        #expect(ticks[2].day == 60) // 2020 is a leap year
        #expect(ticks.allSatisfy { $0.date.components.day == 1 })
    }

    @Test("a start mid-month ticks from the next first; January names its new year")
    func midMonthAcrossYears() {
        let axis = DateAxis(start: SimDate(iso: "2020-10-15")!, dayCount: 140)
        #expect(axis.ticks.map(\.label) == ["Nov 2020", "Dec", "Jan 2021", "Feb", "Mar"])
        #expect(axis.ticks[0].day == 17)
    }

    @Test("long runs label every second or third month")
    func longRun() {
        let ticks = DateAxis(start: SimDate(iso: "2020-01-01")!, dayCount: 900).ticks
        #expect(ticks.count < 16)
        #expect(ticks.allSatisfy { ($0.date.components.month - 1) % 3 == 0 })
    }

    @Test("short runs get weekly ticks with day and month")
    func shortRun() {
        let ticks = DateAxis(start: SimDate(iso: "2020-04-06")!, dayCount: 30).ticks
        #expect(ticks.map(\.label) == ["6 Apr", "13 Apr", "20 Apr", "27 Apr", "4 May"])
        #expect(ticks.map(\.day) == [0, 7, 14, 21, 28])
    }

    @Test("long date labels")
    func longLabel() {
        #expect(DateAxis.longLabel(SimDate(iso: "2020-08-10")!) == "10 Aug 2020")
    }
}
