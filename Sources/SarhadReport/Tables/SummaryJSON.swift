import Foundation
import SarhadInference
import SarhadModel

/// `summary.json`: totals (simulated and scaled to the real population), peaks, breakdowns and identity.
/// Wall-clock timings go to `timings.json`, so that the same seed gives the same summary bytes.
public enum SummaryJSON {
    public static let version = "0.1.0"

    /// `ensemble`, when given, holds every replicate (the first is `result`): totals and peaks then also
    /// get their median and 95 % interval over replicates.
    public static func render(_ result: SimulationResult, engine: String, ensemble: [SimulationResult] = []) throws -> Data {
        let summary = RunSummary(result)
        var totals = [String: Int64]()
        var scaledTotals = [String: Int64]()
        for measure in Measure.allCases where !measure.isStock {
            totals[measure.name] = result.total(measure)
            scaledTotals[measure.name] = summary.scaled(result.total(measure))
        }
        var peaks = [String: Any]()
        for measure in Measure.allCases where measure.isStock {
            peaks[measure.name] = ["value": result.total(measure), "date": result.date(ofDay: result.peakDay(measure)).description]
        }
        let provinces: [[String: Any]] = summary.provinces.map { row in
            ["province": row.name, "true_infections": row.trueInfections, "recorded_cases": row.recordedCases,
             "true_deaths": row.trueDeaths, "recorded_deaths": row.recordedDeaths,
             "peak_beds_needed": row.peakBedsNeeded, "peak_beds_needed_date": row.peakBedsNeededDate.description,
             "beds_available": row.bedsAvailable, "peak_icu_needed": row.peakIntensiveCareNeeded,
             "icu_available": row.intensiveCareAvailable]
        }
        let layers = Dictionary(uniqueKeysWithValues: ContactLayer.allCases.map { ($0.name, result.infectionsByLayer[$0.rawValue]) })
        let byAge = { (values: [Int64]) in Dictionary(uniqueKeysWithValues: zip(AgeBands.labels, values)) }
        var document: [String: Any] = [
            "scenario": result.scenarioName,
            "engine": engine,
            "version": version,
            "seed": result.seed,
            "population_scale": result.populationScale,
            "simulated_agents": result.simulatedAgents,
            "start_date": result.startDate.description,
            "end_date": result.date(ofDay: result.dayCount - 1).description,
            "transmission_probability_per_contact": result.transmissionProbability,
            "totals": totals,
            "totals_scaled_to_population": scaledTotals,
            "true_infections": summary.national.trueInfections,
            "true_infections_scaled_to_population": summary.scaled(summary.national.trueInfections),
            "peaks": peaks,
            "provinces": provinces,
            "infections_by_layer": layers,
            "infections_by_age": byAge(result.infectionsByAge),
            "deaths_by_age": byAge(result.deathsByAge),
            "arrivals_by_crossing": result.arrivalsByCrossing.mapValues { $0.reduce(0, +) },
            "infected_arrivals_by_crossing": result.infectedArrivalsByCrossing.mapValues { $0.reduce(0, +) },
            "arrivals_by_crossing_and_week": weeklyArrivals(result),
        ]
        if ensemble.count > 1 { document["ensemble"] = ensembleSection(ensemble) }
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }

    /// `timings.json`: where the wall time of each run went (differs from run to run).
    public static func timings(_ results: [SimulationResult]) throws -> Data {
        let runs: [[String: Any]] = results.map { result in
            ["seed": result.seed, "population_seconds": result.timings.populationSeconds,
             "simulation_seconds": result.timings.simulationSeconds, "phase_seconds": result.timings.phases]
        }
        return try JSONSerialization.data(withJSONObject: ["runs": runs], options: [.prettyPrinted, .sortedKeys])
    }

    static func ensembleSection(_ results: [SimulationResult]) -> [String: Any] {
        func interval(_ values: [Double]) -> [String: Double] {
            let i = Interval(sample: values, coverage: 0.95)
            return ["median": i.median, "lower_95": i.lower, "upper_95": i.upper]
        }
        var totals = [String: Any]()
        for measure in Measure.allCases where !measure.isStock {
            totals[measure.name] = interval(results.map { Double($0.total(measure)) })
        }
        var peaks = [String: Any]()
        for measure in Measure.allCases where measure.isStock {
            peaks[measure.name] = interval(results.map { Double($0.total(measure)) })
        }
        let trueInfections = results.map { Double($0.total(.infections) + $0.total(.infectedArrivals)) }
        return ["replicates": results.count, "seeds": results.map(\.seed), "totals": totals, "peaks": peaks,
                "true_infections": interval(trueInfections)]
    }

    /// Arrivals and infected arrivals per crossing in weeks counted from the start date (the last
    /// week may be short): the report's importation chart, which the per-province table cannot give.
    static func weeklyArrivals(_ result: SimulationResult) -> [String: Any] {
        let weeks = (result.dayCount + 6) / 7
        func weekly(_ daily: [Int64]) -> [Int64] {
            (0..<weeks).map { week in daily[(week * 7)..<min(daily.count, week * 7 + 7)].reduce(0, +) }
        }
        var crossings = [String: Any]()
        for (name, daily) in result.arrivalsByCrossing where daily.count >= result.dayCount {
            let infected = result.infectedArrivalsByCrossing[name] ?? []
            crossings[name] = ["arrivals": weekly(daily),
                               "infected_arrivals": infected.count >= result.dayCount ? weekly(infected) : []]
        }
        return ["week_starts": (0..<weeks).map { result.date(ofDay: $0 * 7).description }, "crossings": crossings]
    }
}
