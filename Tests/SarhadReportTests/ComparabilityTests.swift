import Foundation
import SarhadModel
import Testing
@testable import SarhadReport

@Suite("Runs that cannot be compared")
struct ComparabilityTests {
    /// `result` with its last `shortenedBy` days cut off.
    static func shortened(_ result: SimulationResult, by days: Int) -> SimulationResult {
        let kept = result.dayCount - days
        let perDay = result.provinceCount * Measure.allCases.count
        return SimulationResult(
            scenarioName: result.scenarioName, seed: result.seed, startDate: result.startDate, dayCount: kept,
            provinceNames: result.provinceNames, populationScale: result.populationScale, simulatedAgents: result.simulatedAgents,
            values: Array(result.values[0..<(kept * perDay)]), infectionsByLayer: result.infectionsByLayer,
            infectionsByAge: result.infectionsByAge, deathsByAge: result.deathsByAge, arrivalsByCrossing: [:],
            infectedArrivalsByCrossing: [:], transmissionProbability: result.transmissionProbability,
            timings: .init(populationSeconds: 0, simulationSeconds: 0))
    }

    @Test("runs ending on different days: the report refuses, naming both end dates; nothing is written")
    func differentEnds() throws {
        let base = try ReportFixture.runDirectory(ReportFixture.result(name: "baseline"), named: "long")
        let short = try ReportFixture.runDirectory(Self.shortened(ReportFixture.result(name: "short"), by: 30), named: "short")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-refused-\(UUID().uuidString)")
        #expect {
            try ReportWriter.write(runDirectories: [base, short], to: output)
        } throws: { error in
            let text = (error as? ReportRun.LoadError)?.description ?? ""
            return text.contains("\"short\" ends on 2020-04-29") && text.contains("\"long\" on 2020-05-29") && text.contains("--end")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // Drawn anyway (the dashboard draws what it is given), the comparison says why and shows no averted numbers.
        let html = HTMLReport.render([try ReportRun.load(directory: base), try ReportRun.load(directory: short)],
                                     geometry: nil)
        #expect(html.components(separatedBy: "These runs are not compared: cannot compare").count - 1 == 2) // at the top and in place of the comparison
        #expect(!html.contains("Infections averted"))
    }

    @Test("runs at different population scales: refused, naming both scales")
    func differentScales() throws {
        let half = try ReportFixture.runDirectory(ReportFixture.result(scale: 0.5), named: "half")
        let tenth = try ReportFixture.runDirectory(ReportFixture.result(scale: 0.1), named: "tenth")
        #expect {
            try ReportWriter.write(runDirectories: [half, tenth], to: half)
        } throws: { error in
            let text = (error as? ReportRun.LoadError)?.description ?? ""
            return text.contains("\"tenth\" was simulated at population scale 0.1 and \"half\" at 0.5")
                && text.contains("--population-scale")
        }
        #expect(!FileManager.default.fileExists(atPath: half.appendingPathComponent("report.html").path))
    }

    @Test("runs of the same days and scale are compared")
    func comparable() throws {
        let runs = [RunPeriod(name: "a", startDate: ReportFixture.start, endDate: ReportFixture.start.adding(days: 9), populationScale: 0.01),
                    RunPeriod(name: "b", startDate: ReportFixture.start, endDate: ReportFixture.start.adding(days: 9), populationScale: 0.01)]
        #expect(Comparability.problem(runs) == nil)
        var later = runs
        later[1].startDate = ReportFixture.start.adding(days: 1)
        #expect(Comparability.problem(later)?.description.contains("\"b\" starts on 2020-03-02 and \"a\" on 2020-03-01") == true)
    }
}
