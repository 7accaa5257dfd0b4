import Foundation
import Testing
import SarhadModel
@testable import SarhadReport

@Suite("Tables and summaries")
struct ReportTablesTests {
    /// Two days, two provinces, every measure set to a known value.
    func fixture() -> SimulationResult {
        let measures = Measure.allCases.count
        var values = [Int64](repeating: 0, count: 2 * 2 * measures)
        func set(_ day: Int, _ province: Int, _ measure: Measure, _ value: Int64) {
            values[(day * 2 + province) * measures + measure.rawValue] = value
        }
        set(0, 0, .infections, 10); set(1, 0, .infections, 5); set(1, 1, .infections, 20)
        set(0, 1, .bedsNeeded, 3); set(1, 1, .bedsNeeded, 7); set(1, 1, .bedCapacity, 4)
        set(1, 0, .confirmed, 2)
        return SimulationResult(
            scenarioName: "fixture", seed: 1, startDate: SimDate(iso: "2020-03-01")!, dayCount: 2,
            provinceNames: ["Herat", "Sar-e Pul, North"], populationScale: 0.5, simulatedAgents: 100, values: values,
            infectionsByLayer: [Int64](repeating: 0, count: ContactLayer.allCases.count),
            infectionsByAge: [Int64](repeating: 0, count: 16), deathsByAge: [Int64](repeating: 0, count: 16),
            arrivalsByCrossing: [:], infectedArrivalsByCrossing: [:], transmissionProbability: 0.02,
            timings: .init(populationSeconds: 0, simulationSeconds: 0))
    }

    @Test("the CSV is tidy: one row per date, province and measure, national rows first, each with the population scale")
    func csv() {
        let text = TimeseriesCSV.render(fixture())
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + 2 * 3 * Measure.allCases.count)
        #expect(lines[0] == "date,province,measure,value,population_scale")
        #expect(lines[1] == "2020-03-01,national,infections,10,0.5")
        #expect(text.contains("2020-03-02,national,infections,25,0.5\n"))
        #expect(text.contains("2020-03-02,\"Sar-e Pul, North\",beds_needed,7,0.5\n"))
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",0.5") })
    }

    @Test("totals sum flows and take the peak of stocks")
    func totals() {
        let summary = RunSummary(fixture())
        #expect(summary.national.trueInfections == 35)
        #expect(summary.national.peakBedsNeeded == 7)
        #expect(summary.national.peakBedsNeededDate.description == "2020-03-02")
        #expect(summary.scaled(35) == 70)
        #expect(summary.hardestHit(1).first?.name == "Sar-e Pul, North")
    }

    @Test("numbers are grouped by thousands")
    func grouping() {
        #expect(SummaryTableText.grouped(1_234_567) == "1,234,567")
        #expect(SummaryTableText.grouped(-1000) == "-1,000")
        #expect(SummaryTableText.grouped(999) == "999")
    }

    @Test("summary.json states the scale and both totals")
    func json() throws {
        let data = try SummaryJSON.render(fixture(), engine: "agent")
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(document?["population_scale"] as? Double == 0.5)
        #expect((document?["totals"] as? [String: Any])?["infections"] as? Int == 35)
        #expect((document?["totals_scaled_to_population"] as? [String: Any])?["infections"] as? Int == 70)
    }
}
