import Testing
import SarhadModel
@testable import SarhadScenario

@Suite("Bundled country data")
struct BundledDataTests {
    @Test("CSV fields with commas and quotes are read whole")
    func csvQuoting() throws {
        let table = try CSVTable(text: "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n1,2\n", name: "t.csv")
        #expect(table.rows[0] == ["x, y", "say \"hi\""])
        #expect(table.rows.count == 2)
    }

    @Test("contact matrices are 16 × 16 and match Prem et al.'s means")
    func contactMatrices() throws {
        let home = try BundledData.contactMatrix("contact_matrix_afghanistan_home.csv")
        #expect(home.count == 16 && home.allSatisfy { $0.count == 16 })
        #expect(abs(home[0][0] - 0.78988) < 1e-9)
    }

    @Test("returnee periods cover 1 January to 11 April 2020 with 242,997 arrivals")
    func returnees() throws {
        let periods = try AfghanistanDefaults.loadArrivalPeriods()
        #expect(periods.first?.start.description == "2020-01-01")
        #expect(periods.last?.end.description == "2020-04-11")
        #expect(periods.map(\.arrivals).reduce(0, +) == 242_997)
    }

    @Test("Iran's prevalence back-calculation shifts deaths back by the delay")
    func iranPrevalence() throws {
        let source = SourceFromDeaths.iranDefault
        let prevalence = try AfghanistanDefaults.iranPrevalence(source)
        #expect(prevalence.firstDate.description == "2020-01-27")
        let doubled = try AfghanistanDefaults.iranPrevalence(SourceFromDeaths(
            population: source.population, infectionFatalityRatio: source.infectionFatalityRatio,
            infectionToDeathDays: source.infectionToDeathDays, deathUndercount: 2 * source.deathUndercount,
            infectedDays: source.infectedDays))
        let date = SimDate(iso: "2020-03-10")!
        #expect(abs(doubled.prevalence(on: date) - 2 * prevalence.prevalence(on: date)) < 1e-12)
    }
}
