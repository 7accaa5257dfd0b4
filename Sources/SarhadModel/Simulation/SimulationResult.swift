/// Daily series by province and measure, with the run's identity. Values are counts of simulated
/// agents; multiply by `1 / populationScale` for the real population.
public struct SimulationResult: Sendable, Codable, Equatable {
    public let scenarioName: String
    public let seed: UInt64
    public let startDate: SimDate
    public let dayCount: Int
    public let provinceNames: [String]
    public let populationScale: Double
    public let simulatedAgents: Int
    /// `values[(day * provinceCount + province) * measureCount + measure]`.
    public let values: [Int64]
    public let infectionsByLayer: [Int64]
    public let infectionsByAge: [Int64]
    public let deathsByAge: [Int64]
    public let arrivalsByCrossing: [String: [Int64]]
    public let infectedArrivalsByCrossing: [String: [Int64]]
    public let transmissionProbability: Double
    /// By age band on the last day: residents alive, and those an antibody survey would find positive
    /// (`SerosurveyState`); empty from an engine that does not count them.
    public let residentsByAgeLastDay: [Int64]
    public let seropositiveByAgeLastDay: [Int64]
    /// Infections and deaths by district and day, when the run had districts (nil otherwise, and in
    /// results written before districts existed).
    public let districts: DistrictSeries?
    public let timings: Timings

    public struct Timings: Sendable, Codable, Equatable {
        public var populationSeconds: Double
        public var simulationSeconds: Double
        /// Wall seconds per part of the day (see `SimulationPhase`).
        public var phases: [String: Double]
        public init(populationSeconds: Double, simulationSeconds: Double, phases: [String: Double] = [:]) {
            self.populationSeconds = populationSeconds
            self.simulationSeconds = simulationSeconds
            self.phases = phases
        }
    }

    public init(scenarioName: String, seed: UInt64, startDate: SimDate, dayCount: Int, provinceNames: [String],
                populationScale: Double, simulatedAgents: Int, values: [Int64], infectionsByLayer: [Int64],
                infectionsByAge: [Int64], deathsByAge: [Int64], arrivalsByCrossing: [String: [Int64]],
                infectedArrivalsByCrossing: [String: [Int64]], transmissionProbability: Double,
                residentsByAgeLastDay: [Int64] = [], seropositiveByAgeLastDay: [Int64] = [],
                districts: DistrictSeries? = nil, timings: Timings) {
        self.scenarioName = scenarioName
        self.seed = seed
        self.startDate = startDate
        self.dayCount = dayCount
        self.provinceNames = provinceNames
        self.populationScale = populationScale
        self.simulatedAgents = simulatedAgents
        self.values = values
        self.infectionsByLayer = infectionsByLayer
        self.infectionsByAge = infectionsByAge
        self.deathsByAge = deathsByAge
        self.arrivalsByCrossing = arrivalsByCrossing
        self.infectedArrivalsByCrossing = infectedArrivalsByCrossing
        self.transmissionProbability = transmissionProbability
        self.residentsByAgeLastDay = residentsByAgeLastDay
        self.seropositiveByAgeLastDay = seropositiveByAgeLastDay
        self.districts = districts
        self.timings = timings
    }

    public var provinceCount: Int { provinceNames.count }

    public func value(day: Int, province: Int, measure: Measure) -> Int64 {
        values[(day * provinceCount + province) * Measure.allCases.count + measure.rawValue]
    }

    public func national(day: Int, measure: Measure) -> Int64 {
        (0..<provinceCount).reduce(0) { $0 + value(day: day, province: $1, measure: measure) }
    }

    public func nationalSeries(_ measure: Measure) -> [Int64] {
        (0..<dayCount).map { national(day: $0, measure: measure) }
    }

    public func provinceSeries(_ province: Int, _ measure: Measure) -> [Int64] {
        (0..<dayCount).map { value(day: $0, province: province, measure: measure) }
    }

    /// Sum of a flow over the run (or through `lastDay`), or the peak of a stock.
    public func total(_ measure: Measure, province: Int? = nil, throughDay lastDay: Int? = nil) -> Int64 {
        let end = min(dayCount - 1, lastDay ?? dayCount - 1)
        guard end >= 0 else { return 0 }
        let series = (0...end).map { day in province.map { value(day: day, province: $0, measure: measure) }
            ?? national(day: day, measure: measure) }
        return measure.isStock ? (series.max() ?? 0) : series.reduce(0, +)
    }

    /// Day index of a stock's peak (first day it reaches its maximum).
    public func peakDay(_ measure: Measure, province: Int? = nil) -> Int {
        let series = province.map { provinceSeries($0, measure) } ?? nationalSeries(measure)
        guard let peak = series.max() else { return 0 }
        return series.firstIndex(of: peak) ?? 0
    }

    public func date(ofDay day: Int) -> SimDate { startDate.adding(days: day) }
}
