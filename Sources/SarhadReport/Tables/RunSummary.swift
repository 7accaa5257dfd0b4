import SarhadModel

/// The headline numbers of a run, nationally and per province: what the planner asks first.
public struct RunSummary: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var trueInfections: Int64
        public var recordedCases: Int64
        public var trueDeaths: Int64
        public var recordedDeaths: Int64
        public var peakBedsNeeded: Int64
        public var peakBedsNeededDate: SimDate
        public var bedsAvailable: Int64
        public var peakIntensiveCareNeeded: Int64
        public var intensiveCareAvailable: Int64
    }

    public let national: Row
    public let provinces: [Row]
    public let populationScale: Double

    /// `nationalName` labels the whole country's row (the country pack's name for its country).
    public init(_ result: SimulationResult, nationalName: String = "National") {
        populationScale = result.populationScale
        func row(_ name: String, _ province: Int?) -> Row {
            let infections = result.total(.infections, province: province) + result.total(.infectedArrivals, province: province)
            let lastDay = max(0, result.dayCount - 1)
            let capacity = { (measure: Measure) -> Int64 in
                province.map { result.value(day: lastDay, province: $0, measure: measure) }
                    ?? result.national(day: lastDay, measure: measure)
            }
            return Row(
                name: name, trueInfections: infections, recordedCases: result.total(.confirmed, province: province),
                trueDeaths: result.total(.deaths, province: province),
                recordedDeaths: result.total(.recordedDeaths, province: province),
                peakBedsNeeded: result.total(.bedsNeeded, province: province),
                peakBedsNeededDate: result.date(ofDay: result.peakDay(.bedsNeeded, province: province)),
                bedsAvailable: capacity(.bedCapacity),
                peakIntensiveCareNeeded: result.total(.intensiveCareNeeded, province: province),
                intensiveCareAvailable: capacity(.intensiveCareCapacity))
        }
        national = row(nationalName, nil)
        provinces = (0..<result.provinceCount).map { row(result.provinceNames[$0], $0) }
    }

    /// Provinces with the most true infections per resident-independent count, largest first.
    public func hardestHit(_ count: Int) -> [Row] {
        Array(provinces.sorted { ($0.trueInfections, $1.name) > ($1.trueInfections, $0.name) }.prefix(count))
    }

    /// A value scaled to the real population.
    public func scaled(_ value: Int64) -> Int64 {
        populationScale > 0 ? Int64((Double(value) / populationScale).rounded()) : value
    }
}
