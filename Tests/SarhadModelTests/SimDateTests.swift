import Testing
@testable import SarhadModel

@Suite("Calendar dates")
struct SimDateTests {
    @Test("ISO dates round-trip", arguments: ["2020-01-01", "2020-02-29", "2020-12-31", "1999-03-01", "2100-02-28"])
    func roundTrip(text: String) {
        #expect(SimDate(iso: text)?.description == text)
    }

    @Test("impossible or malformed dates are refused", arguments: ["2021-02-29", "2020-13-01", "2020-1-1", "yesterday", ""])
    func refused(text: String) {
        #expect(SimDate(iso: text) == nil)
    }

    @Test("day arithmetic crosses leap days")
    func arithmetic() {
        let start = SimDate(iso: "2020-02-28")!
        #expect(start.adding(days: 2).description == "2020-03-01")
        #expect(SimDate(iso: "2021-01-01")!.days(since: SimDate(iso: "2020-01-01")!) == 366)
    }
}
