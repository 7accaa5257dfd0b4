import SarhadModel

/// The twin's expected values before rounding: every `Measure` per day and province, and every
/// compartment at the end of each day. Inference and likelihoods want these; writers take the
/// rounded `SimulationResult` from `simulationResult()`.
public struct MeanFieldTrajectory: Sendable {
    public let scenarioName: String
    public let startDate: SimDate
    public let dayCount: Int
    public let provinceNames: [String]
    public let populationScale: Double
    /// Residents simulated (the same count the agent model builds).
    public let population: Int
    /// `expected[(day · provinceCount + province) · Measure.allCases.count + measure]`.
    public let expected: [Double]
    /// `compartments[(day · provinceCount + province) · MeanFieldCompartment.allCases.count + compartment]`.
    public let compartments: [Double]
    public let infectionsByLayer: [Double]
    public let infectionsByAge: [Double]
    public let deathsByAge: [Double]
    public let arrivalsByCrossing: [String: [Double]]
    public let infectedArrivalsByCrossing: [String: [Double]]
    public let transmissionProbability: Double
    /// By age band on the last day: residents alive and those an antibody survey would find positive.
    public let residentsByAgeLastDay: [Double]
    public let seropositiveByAgeLastDay: [Double]
    public let seconds: Double

    public var provinceCount: Int { provinceNames.count }

    public func value(day: Int, province: Int, measure: Measure) -> Double {
        expected[(day * provinceCount + province) * Measure.allCases.count + measure.rawValue]
    }

    public func national(day: Int, measure: Measure) -> Double {
        (0..<provinceCount).reduce(0) { $0 + value(day: day, province: $1, measure: measure) }
    }

    public func nationalSeries(_ measure: Measure) -> [Double] {
        (0..<dayCount).map { national(day: $0, measure: measure) }
    }

    public func compartment(_ compartment: MeanFieldCompartment, day: Int, province: Int) -> Double {
        compartments[(day * provinceCount + province) * MeanFieldCompartment.allCases.count + compartment.rawValue]
    }

    public func nationalCompartment(_ compartment: MeanFieldCompartment, day: Int) -> Double {
        (0..<provinceCount).reduce(0) { $0 + self.compartment(compartment, day: day, province: $1) }
    }

    /// Rounded to whole people so every writer of agent-model results takes the twin too.
    ///
    /// Flows are rounded cumulatively — each day gets round(total through today) − round(total
    /// through yesterday) — so the daily counts add up to the rounded run total instead of losing
    /// fractions every day; stocks are rounded day by day.
    public func simulationResult() -> SimulationResult {
        let measures = Measure.allCases.count
        var values = [Int64](repeating: 0, count: expected.count)
        for province in 0..<provinceCount {
            for measure in Measure.allCases {
                let series = (0..<dayCount).map { expected[($0 * provinceCount + province) * measures + measure.rawValue] }
                let rounded = measure.isStock ? series.map { Int64(max(0, $0).rounded()) }
                    : MeanFieldTrajectory.cumulativelyRounded(series)
                for day in 0..<dayCount { values[(day * provinceCount + province) * measures + measure.rawValue] = rounded[day] }
            }
        }
        return SimulationResult(
            scenarioName: scenarioName, seed: 0, startDate: startDate, dayCount: dayCount, provinceNames: provinceNames,
            populationScale: populationScale, simulatedAgents: population, values: values,
            infectionsByLayer: infectionsByLayer.map { Int64(max(0, $0).rounded()) },
            infectionsByAge: infectionsByAge.map { Int64(max(0, $0).rounded()) },
            deathsByAge: deathsByAge.map { Int64(max(0, $0).rounded()) },
            arrivalsByCrossing: arrivalsByCrossing.mapValues(MeanFieldTrajectory.cumulativelyRounded),
            infectedArrivalsByCrossing: infectedArrivalsByCrossing.mapValues(MeanFieldTrajectory.cumulativelyRounded),
            transmissionProbability: transmissionProbability,
            residentsByAgeLastDay: residentsByAgeLastDay.map { Int64(max(0, $0).rounded()) },
            seropositiveByAgeLastDay: seropositiveByAgeLastDay.map { Int64(max(0, $0).rounded()) },
            timings: .init(populationSeconds: 0, simulationSeconds: seconds))
    }

    /// Whole-number daily counts whose running sums are the rounded running sums of `series`.
    /// Negative days (integration noise around zero) are treated as zero so counts never go negative.
    public static func cumulativelyRounded(_ series: [Double]) -> [Int64] {
        var running = 0.0
        var previous: Int64 = 0
        return series.map { value in
            running += max(0, value)
            let rounded = Int64(running.rounded())
            defer { previous = rounded }
            return rounded - previous
        }
    }
}
