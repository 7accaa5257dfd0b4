import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

/// Every flow leaves one compartment and enters another, and Runge–Kutta preserves linear invariants:
/// the people in all compartments must add up to the residents on every day, including through
/// arrivals, screening, quarantine and its release, and capacity cuts.
@Suite struct ConservationTests {
    @Test func everyDayAddsUpToTheResidents() throws {
        var configuration = try Scenario.builtIn().configuration
        let date = { (text: String) in SimDate(iso: text)! }
        configuration.timeline += [
            TimelineEvent(date: date("2020-03-01"), action: .screening(enabled: true, sensitivity: 0.8)),
            TimelineEvent(date: date("2020-03-10"), action: .quarantine(enabled: true, days: 14, adherence: 0.6)),
            TimelineEvent(date: date("2020-04-20"), action: .healthCapacity(bedMultiplier: 0.5, intensiveCareMultiplier: 0.5,
                                                                            provinces: nil)),
            TimelineEvent(date: date("2020-05-01"), action: .border(open: false)),
            TimelineEvent(date: date("2020-06-01"), action: .border(open: true)),
            TimelineEvent(date: date("2020-06-15"), action: .quarantine(enabled: false, days: nil, adherence: nil)),
        ]
        configuration.endDate = date("2020-09-30")
        let trajectory = MeanFieldModel(configuration: configuration).trajectory()
        let residents = Double(trajectory.population)
        var worst = 0.0
        for day in 0..<trajectory.dayCount {
            let total = MeanFieldCompartment.allCases.reduce(0) { $0 + trajectory.nationalCompartment($1, day: day) }
            worst = max(worst, abs(total - residents) / residents)
        }
        #expect(worst < 1e-6, "largest relative gap \(worst)")
        #expect(trajectory.nationalSeries(.screenedAtBorder).reduce(0, +) > 0)
        #expect(trajectory.nationalCompartment(.quarantined, day: 80) > 0)
    }

    @Test func flowsAreConsistentWithStocks() throws {
        var configuration = try Scenario.builtIn().configuration
        configuration.endDate = SimDate(iso: "2020-08-31")!
        let trajectory = MeanFieldModel(configuration: configuration).trajectory()
        let last = trajectory.dayCount - 1
        let dead = trajectory.nationalCompartment(.dead, day: last)
        let deaths = trajectory.nationalSeries(.deaths).reduce(0, +)
        #expect(abs(dead - deaths) <= 1e-6 * max(1, dead))
        let everInfected = Double(trajectory.population) - trajectory.nationalCompartment(.susceptible, day: last)
            - trajectory.nationalCompartment(.abroad, day: last) - trajectory.nationalCompartment(.quarantined, day: last)
        let infections = trajectory.nationalSeries(.infections).reduce(0, +)
            + trajectory.nationalSeries(.infectedArrivals).reduce(0, +)
        #expect(abs(everInfected - infections) <= 1e-6 * everInfected)
    }
}
