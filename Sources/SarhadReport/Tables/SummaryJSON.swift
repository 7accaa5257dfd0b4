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
        let lastDay = result.dayCount - 1
        let provinces: [[String: Any]] = summary.provinces.map { row in
            let index = result.provinceNames.firstIndex(of: row.name)
            return ["province": row.name,
             Key.attackRate: shareValue(Double(row.trueInfections), Double(index.map { result.value(day: 0, province: $0, measure: .residents) } ?? 0)),
             Key.seroprevalenceLastDay: shareValue(DerivedMeasure.seroprevalence.value(in: result, day: lastDay, province: index)),
             Key.testPositivity: shareValue(Double(result.total(.positiveTests, province: index)), Double(result.total(.tests, province: index))), Key.infectionsIncludingImported: row.trueInfections, Measure.confirmed.name: row.recordedCases,
             Measure.deaths.name: row.trueDeaths, Measure.recordedDeaths.name: row.recordedDeaths,
             Key.peakBedsNeeded: row.peakBedsNeeded, Key.peakBedsNeededDate: row.peakBedsNeededDate.description,
             Key.bedCapacityLastDay: row.bedsAvailable, Key.peakICUNeeded: row.peakIntensiveCareNeeded,
             Key.icuCapacityLastDay: row.intensiveCareAvailable]
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
            Key.infectionsIncludingImported: summary.national.trueInfections,
            Key.infectionsIncludingImported + "_scaled_to_population": summary.scaled(summary.national.trueInfections),
            "peaks": peaks,
            Key.attackRate: shareValue(Double(summary.national.trueInfections), Double(result.national(day: 0, measure: .residents))),
            Key.seroprevalenceLastDay: shareValue(DerivedMeasure.seroprevalence.value(in: result, day: lastDay, province: nil)),
            Key.testPositivity: shareValue(Double(result.total(.positiveTests)), Double(result.total(.tests))),
            "provinces": provinces,
            "infections_by_layer": layers,
            "infections_by_age": byAge(result.infectionsByAge),
            "deaths_by_age": byAge(result.deathsByAge),
            Key.seroprevalenceByAgeLastDay: seroprevalenceByAge(result),
            "arrivals_by_crossing": result.arrivalsByCrossing.mapValues { $0.reduce(0, +) },
            "infected_arrivals_by_crossing": result.infectedArrivalsByCrossing.mapValues { $0.reduce(0, +) },
            "arrivals_by_crossing_and_week": weeklyArrivals(result),
        ]
        if let districts = DistrictTables.summaryRows(result) { document["districts"] = districts }
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

    /// The names summary.json gives quantities that are not one engine measure's total (those keep the
    /// measure's name); docs/OUTPUTS.md defines each.
    public enum Key {
        public static let infectionsIncludingImported = ScenarioComparison.Headline.infectionsIncludingImported.name
        public static let peakBedsNeeded = ScenarioComparison.Headline.peakBedsNeeded.name
        public static let peakBedsNeededDate = "peak_beds_needed_date"
        public static let bedCapacityLastDay = "bed_capacity_last_day"
        public static let peakICUNeeded = "peak_icu_needed"
        public static let icuCapacityLastDay = "icu_capacity_last_day"
        public static let headlinesScaled = "headlines_scaled_to_population"
        /// Infections (local and imported) over the run / residents on the first day.
        public static let attackRate = "attack_rate"
        /// What an antibody survey would find on the last day (`seropositive / residents`).
        public static let seroprevalenceLastDay = "seroprevalence_last_day"
        /// The same by five-year age band (`seropositive / residents` of the band), null from an engine
        /// that does not count them.
        public static let seroprevalenceByAgeLastDay = "seroprevalence_by_age_last_day"
        /// Positive tests / tests over the whole run.
        public static let testPositivity = "test_positivity_over_run"
    }

    static func seroprevalenceByAge(_ result: SimulationResult) -> Any {
        guard result.residentsByAgeLastDay.count == AgeBands.count, result.seropositiveByAgeLastDay.count == AgeBands.count else {
            return NSNull()
        }
        return Dictionary(uniqueKeysWithValues: AgeBands.labels.indices.map { band in
            (AgeBands.labels[band], shareValue(Double(result.seropositiveByAgeLastDay[band]), Double(result.residentsByAgeLastDay[band])))
        })
    }

    /// A share rounded to six decimals (the same bytes on every platform), or null without a denominator.
    static func shareValue(_ numerator: Double, _ denominator: Double) -> Any {
        denominator > 0 ? shareValue(numerator / denominator) : NSNull()
    }

    static func shareValue(_ share: Double?) -> Any {
        guard let share else { return NSNull() }
        return (share * 1_000_000).rounded() / 1_000_000
    }

    /// Medians and 95 % intervals over replicates. Quantiles of counts are rounded to the nearest
    /// whole number (halves away from zero), as in quantiles.csv and comparison.csv.
    static func ensembleSection(_ results: [SimulationResult]) -> [String: Any] {
        func rounded(_ i: Interval) -> [String: Int64] {
            ["median": CountText.integer(i.median), "lower_95": CountText.integer(i.lower), "upper_95": CountText.integer(i.upper)]
        }
        func interval(_ values: [Double]) -> [String: Int64] { rounded(Interval(sample: values, coverage: 0.95)) }
        var totals = [String: Any]()
        for measure in Measure.allCases where !measure.isStock {
            totals[measure.name] = interval(results.map { Double($0.total(measure)) })
        }
        var peaks = [String: Any]()
        for measure in Measure.allCases where measure.isStock {
            peaks[measure.name] = interval(results.map { Double($0.total(measure)) })
        }
        let trueInfections = results.map(ScenarioComparison.Headline.infectionsIncludingImported.value)
        // The headlines of comparison.csv, scaled by the same arithmetic, so the report, this file and
        // comparison.csv give the same digits.
        let scale = results[0].populationScale
        var headlines = [String: Any]()
        for headline in ScenarioComparison.Headline.allCases {
            headlines[headline.name] = rounded(ScenarioComparison.scaledInterval(results.map(headline.value), populationScale: scale))
        }
        return ["replicates": results.count, "seeds": results.map(\.seed), "totals": totals, "peaks": peaks,
                Key.infectionsIncludingImported: interval(trueInfections), Key.headlinesScaled: headlines]
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
