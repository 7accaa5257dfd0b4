import Foundation

/// `summary.json` as the report reads it. Every field is optional: the report shows what a run
/// directory has, whichever version of Sarhad (or ensemble merge) wrote it.
public struct SummaryFile: Decodable, Sendable {
    public struct Peak: Decodable, Sendable {
        public var value: Double?
        public var date: String?
    }

    public struct ProvinceRow: Decodable, Sendable {
        public var province: String
        public var trueInfections: Double?
        public var recordedCases: Double?
        public var trueDeaths: Double?
        public var recordedDeaths: Double?
        public var peakBedsNeeded: Double?
        public var peakBedsNeededDate: String?
        public var bedsAvailable: Double?
        public var peakICUNeeded: Double?
        public var icuAvailable: Double?

        /// Today's names first, then those written before the outputs shared one vocabulary.
        enum CodingKeys: String, CodingKey {
            case province, trueInfections = "infections_including_imported", recordedCases = "confirmed", trueDeaths = "deaths"
            case recordedDeaths = "recorded_deaths", peakBedsNeeded = "peak_beds_needed"
            case peakBedsNeededDate = "peak_beds_needed_date", bedsAvailable = "bed_capacity_last_day"
            case peakICUNeeded = "peak_icu_needed", icuAvailable = "icu_capacity_last_day"
            case oldTrueInfections = "true_infections", oldRecordedCases = "recorded_cases", oldTrueDeaths = "true_deaths"
            case oldBedsAvailable = "beds_available", oldICUAvailable = "icu_available"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func field<T: Decodable>(_ key: CodingKeys, _ old: CodingKeys? = nil) -> T? {
                ((try? container.decodeIfPresent(T.self, forKey: key)) ?? nil)
                    ?? old.flatMap { (try? container.decodeIfPresent(T.self, forKey: $0)) ?? nil }
            }
            province = try container.decode(String.self, forKey: .province)
            trueInfections = field(.trueInfections, .oldTrueInfections)
            recordedCases = field(.recordedCases, .oldRecordedCases)
            trueDeaths = field(.trueDeaths, .oldTrueDeaths)
            recordedDeaths = field(.recordedDeaths)
            peakBedsNeeded = field(.peakBedsNeeded)
            peakBedsNeededDate = field(.peakBedsNeededDate)
            bedsAvailable = field(.bedsAvailable, .oldBedsAvailable)
            peakICUNeeded = field(.peakICUNeeded)
            icuAvailable = field(.icuAvailable, .oldICUAvailable)
        }
    }

    struct EnsembleSection: Decodable, Sendable {
        var replicates: Int?
    }

    public struct WeeklyArrivals: Decodable, Sendable {
        public struct Crossing: Decodable, Sendable {
            public var arrivals: [Double]
            public var infectedArrivals: [Double]
            enum CodingKeys: String, CodingKey { case arrivals, infectedArrivals = "infected_arrivals" }
        }
        public var weekStarts: [String]
        public var crossings: [String: Crossing]
        enum CodingKeys: String, CodingKey { case weekStarts = "week_starts", crossings }
    }

    public var scenario: String?
    public var engine: String?
    public var version: String?
    public var seed: UInt64?
    public var replicates: Int?
    public var populationScale: Double?
    public var simulatedAgents: Double?
    public var startDate: String?
    public var endDate: String?
    public var transmissionProbability: Double?
    public var totals: [String: Double]?
    public var trueInfections: Double?
    public var peaks: [String: Peak]?
    public var provinces: [ProvinceRow]?
    public var infectionsByLayer: [String: Double]?
    public var infectionsByAge: [String: Double]?
    public var deathsByAge: [String: Double]?
    public var arrivalsByCrossing: [String: Double]?
    public var infectedArrivalsByCrossing: [String: Double]?
    public var arrivalsByCrossingAndWeek: WeeklyArrivals?

    enum CodingKeys: String, CodingKey {
        case scenario, engine, version, seed, replicates, totals, peaks, provinces
        case populationScale = "population_scale", simulatedAgents = "simulated_agents"
        case startDate = "start_date", endDate = "end_date"
        case transmissionProbability = "transmission_probability_per_contact"
        case trueInfections = "infections_including_imported", oldTrueInfections = "true_infections", ensemble
        case infectionsByLayer = "infections_by_layer", infectionsByAge = "infections_by_age", deathsByAge = "deaths_by_age"
        case arrivalsByCrossing = "arrivals_by_crossing", infectedArrivalsByCrossing = "infected_arrivals_by_crossing"
        case arrivalsByCrossingAndWeek = "arrivals_by_crossing_and_week"
    }

    public init() {}

    /// Decodes leniently: a field of an unexpected type is dropped rather than failing the report.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field<T: Decodable>(_ key: CodingKeys) -> T? { (try? container.decodeIfPresent(T.self, forKey: key)) ?? nil }
        scenario = field(.scenario)
        engine = field(.engine)
        version = field(.version)
        seed = field(.seed)
        replicates = field(.replicates) ?? (field(.ensemble) as EnsembleSection?)?.replicates
        populationScale = field(.populationScale)
        simulatedAgents = field(.simulatedAgents)
        startDate = field(.startDate)
        endDate = field(.endDate)
        transmissionProbability = field(.transmissionProbability)
        totals = field(.totals)
        trueInfections = field(.trueInfections) ?? field(.oldTrueInfections)
        peaks = field(.peaks)
        provinces = field(.provinces)
        infectionsByLayer = field(.infectionsByLayer)
        infectionsByAge = field(.infectionsByAge)
        deathsByAge = field(.deathsByAge)
        arrivalsByCrossing = field(.arrivalsByCrossing)
        infectedArrivalsByCrossing = field(.infectedArrivalsByCrossing)
        arrivalsByCrossingAndWeek = field(.arrivalsByCrossingAndWeek)
    }
}
