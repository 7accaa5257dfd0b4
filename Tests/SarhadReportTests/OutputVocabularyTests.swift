import Foundation
import SarhadInference
import SarhadModel
import Testing
@testable import SarhadReport

/// One vocabulary across outputs, every count a whole number, and a data dictionary that names them all.
@Suite("Output vocabulary")
struct OutputVocabularyTests {
    /// Names used for quantities that are not one engine measure's total.
    static let derivedNames: Set<String> = ["infections_including_imported", "peak_beds_needed", "peak_beds_needed_date",
                                            "bed_capacity_last_day", "peak_icu_needed", "icu_capacity_last_day",
                                            "attack_rate", "seroprevalence_last_day", "test_positivity_over_run"]
    static let retiredNames = ["true_infections", "recorded_cases", "true_deaths", "beds_available", "icu_available"]

    static func ensemble() -> [SimulationResult] {
        (0..<4).map { ReportFixture.result(strength: 1 + 0.13 * Double($0), scale: 0.3) }
    }

    @Test("comparison.csv and summary.json use the engine's measure names, or an explicit name for another quantity")
    func names() throws {
        let measureNames = Set(Measure.allCases.map(\.name))
        let csv = ComparisonTables.csv(ScenarioComparison(names: ["a", "b"], results: [Self.ensemble(), Self.ensemble()]))
        let measures = Set(csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        #expect(measures == ["infections_including_imported", "confirmed", "deaths", "recorded_deaths", "peak_beds_needed"])
        #expect(measures.isSubset(of: measureNames.union(Self.derivedNames)))
        let summary = String(decoding: try SummaryJSON.render(Self.ensemble()[0], engine: "agent", ensemble: Self.ensemble()), as: UTF8.self)
        for retired in Self.retiredNames {
            #expect(!summary.contains("\"\(retired)\""), "summary.json still says \(retired)")
        }
        let document = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as! [String: Any]
        let province = (document["provinces"] as! [[String: Any]])[0]
        #expect(Set(province.keys).subtracting(["province"]).isSubset(of: measureNames.union(Self.derivedNames)))
    }

    @Test("hidden-epidemic.csv names its counts as the other outputs do, in whole numbers")
    func hiddenEpidemic() {
        let ensemble = Self.ensemble()
        let csv = CalibrationTables.hiddenCSV(HiddenEpidemic(ensemble, through: ensemble[0].startDate.adding(days: 40)))
        let lines = csv.split(separator: "\n")
        #expect(lines[0].hasPrefix("area,through,infections_including_imported_median,"))
        #expect(lines[0].contains(",confirmed_median,"))
        for retired in Self.retiredNames { #expect(!lines[0].contains(retired)) }
        let national = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(national.dropFirst(2).prefix(6).allSatisfy { Int($0) != nil }, "\(lines[1])")
    }

    @Test("quantiles and comparisons of counts are written as whole numbers, halves away from zero")
    func integers() throws {
        // Two replicates of 1 and 2 on every day: the median 1.5 is written 2, the 2.5 % quantile 1.025 is written 1.
        func constant(_ value: Int64) -> SimulationResult {
            let result = ReportFixture.result()
            return SimulationResult(
                scenarioName: "c", seed: 1, startDate: result.startDate, dayCount: 2, provinceNames: ["Kabul"],
                populationScale: 0.3, simulatedAgents: 10, values: [Int64](repeating: value, count: 2 * Measure.allCases.count),
                infectionsByLayer: result.infectionsByLayer, infectionsByAge: result.infectionsByAge, deathsByAge: result.deathsByAge,
                arrivalsByCrossing: [:], infectedArrivalsByCrossing: [:], transmissionProbability: 0.02,
                timings: .init(populationSeconds: 0, simulationSeconds: 0))
        }
        let pair = [constant(1), constant(2)]
        let quantiles = EnsembleCSV.quantiles(EnsembleQuantiles(pair), startDate: pair[0].startDate)
        let lines = quantiles.split(separator: "\n")
        #expect(lines[0] == "date,province,measure,quantile,value,population_scale")
        #expect(lines.contains("2020-03-01,national,infections,0.5,2,0.3"))
        #expect(lines.contains("2020-03-01,national,infections,0.025,1,0.3"))
        for line in lines.dropFirst() {
            #expect(Int(line.split(separator: ",")[4]) != nil, "\(line)")
        }
        let comparison = ComparisonTables.csv(ScenarioComparison(names: ["a", "b"], results: [Self.ensemble(), Array(Self.ensemble().reversed())]))
        for line in comparison.split(separator: "\n").dropFirst() {
            #expect(line.split(separator: ",").dropFirst(2).allSatisfy { Int($0) != nil }, "\(line)")
        }
        #expect(CountText.text(3160.0000000000027) == "3160")
        #expect(CountText.text(-2.5) == "-3")
    }

    @Test("every replicate row of an ensemble's timeseries.csv carries the population scale")
    func replicateScale() {
        let text = EnsembleCSV.replicates(Self.ensemble(), indices: [0, 1, 2, 3])
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "date,province,measure,replicate,value,population_scale")
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",0.3") })
    }

    @Test("docs/OUTPUTS.md defines every measure and every other name the outputs use")
    func dataDictionary() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dictionary = try String(contentsOf: repository.appendingPathComponent("docs/OUTPUTS.md"), encoding: .utf8)
        for name in Measure.allCases.map(\.name) + DerivedMeasure.allCases.map(\.name) + Self.derivedNames.sorted() + ["population_scale"] {
            #expect(dictionary.contains("`\(name)`"), "docs/OUTPUTS.md does not define \(name)")
        }
    }
}
