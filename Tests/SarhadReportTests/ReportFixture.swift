import Foundation
import SarhadModel
@testable import SarhadReport

/// A small synthetic run (three provinces, 90 days, known curves) written as `sarhad run` writes one.
enum ReportFixture {
    static let provinces = ["Kabul", "Herat", "Sar-e Pul"]
    static let start = SimDate(iso: "2020-03-01")!
    static let days = 90

    /// `strength` scales the epidemic, so that a second scenario can avert part of it.
    static func result(strength: Double = 1, scale: Double = 0.5, name: String = "fixture") -> SimulationResult {
        let measures = Measure.allCases.count
        var values = [Int64](repeating: 0, count: days * provinces.count * measures)
        for day in 0..<days {
            for province in provinces.indices {
                let weight = Double(3 - province)
                let wave = exp(-pow(Double(day - 50) / 12, 2))
                func set(_ measure: Measure, _ value: Double) {
                    values[(day * provinces.count + province) * measures + measure.rawValue] = Int64(value.rounded())
                }
                set(.infections, 400 * weight * strength * wave)
                set(.confirmed, 4 * weight * strength * wave)
                set(.deaths, 6 * weight * strength * exp(-pow(Double(day - 62) / 12, 2)))
                set(.recordedDeaths, 2 * weight * strength * exp(-pow(Double(day - 66) / 12, 2)))
                set(.bedsNeeded, 50 * weight * strength * exp(-pow(Double(day - 58) / 14, 2)))
                set(.bedCapacity, 20 * weight)
                set(.intensiveCareNeeded, 8 * weight * strength * exp(-pow(Double(day - 58) / 14, 2)))
                set(.intensiveCareCapacity, 2 * weight)
                set(.arrivals, province == 1 ? 100 : 0)
                set(.infectedArrivals, province == 1 && day % 10 == 0 ? 1 : 0)
            }
        }
        let crossingDaily = (0..<days).map { _ in Int64(60) }
        let otherDaily = (0..<days).map { _ in Int64(40) }
        let infected = (0..<days).map { Int64($0 % 10 == 0 ? 1 : 0) }
        return SimulationResult(
            scenarioName: name, seed: 7, startDate: start, dayCount: days, provinceNames: provinces,
            populationScale: scale, simulatedAgents: 200_000, values: values,
            infectionsByLayer: [Int64](repeating: 10, count: ContactLayer.allCases.count),
            infectionsByAge: (0..<16).map { Int64((16 - $0) * 100) }, deathsByAge: (0..<16).map { Int64($0 * $0) },
            arrivalsByCrossing: ["Islam Qala": crossingDaily, "Milak": otherDaily],
            infectedArrivalsByCrossing: ["Islam Qala": infected, "Milak": (0..<days).map { _ in 0 }],
            transmissionProbability: 0.02, timings: .init(populationSeconds: 0, simulationSeconds: 0))
    }

    /// Writes timeseries.csv and summary.json (and quantiles.csv for an ensemble) into a new temporary directory.
    static func runDirectory(_ result: SimulationResult, named name: String = "run", quantiles: Bool = false) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-report-\(UUID().uuidString)")
        let directory = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(TimeseriesCSV.render(result).utf8).write(to: directory.appendingPathComponent("timeseries.csv"))
        try SummaryJSON.render(result, engine: "agent").write(to: directory.appendingPathComponent("summary.json"))
        if quantiles {
            var lines = ["date,province,measure,quantile,value"]
            for day in 0..<result.dayCount {
                for measure in Measure.allCases {
                    let value = Double(result.national(day: day, measure: measure))
                    for (quantile, factor) in [("0.025", 0.5), ("0.25", 0.8), ("0.5", 1.0), ("0.75", 1.25), ("0.975", 2.0)] {
                        lines.append("\(result.date(ofDay: day)),national,\(measure.name),\(quantile),\(value * factor)")
                    }
                }
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("quantiles.csv"))
        }
        return directory
    }
}
