/// Everything the engine needs to run one scenario: validated, resolved, no files.
public struct ModelConfiguration: Sendable, Equatable {
    public var name: String
    public var startDate: SimDate
    public var endDate: SimDate
    /// Fraction of the real population simulated (1 = every resident).
    public var populationScale: Double
    public var provinces: [Province]
    public var population: PopulationParameters
    public var settings: SettingParameters
    public var disease: DiseaseParameters
    public var contacts: ContactParameters
    public var mobility: MobilityParameters
    public var importation: ImportationParameters
    public var border: BorderParameters
    public var health: HealthSystemParameters
    public var access: AccessParameters
    public var observation: ObservationParameters
    public var timeline: [TimelineEvent]
    /// How contacts respond to recent deaths (off unless a scenario turns it on).
    public var behaviour: BehaviourParameters
    /// How much people differ in contacts outside the home (off unless a scenario turns it on).
    public var contactActivity: ContactActivityParameters
    /// How a province's urban share sets its contacts outside the home (off unless a scenario turns it on).
    public var urbanRural: UrbanRuralParameters
    /// Districts below the province and how local contacts are (off unless a scenario turns it on).
    public var districts: DistrictParameters
    /// Laboratories that `test_capacity` events may name (none: one national pool of tests).
    public var laboratories: [Laboratory]

    public init(name: String, startDate: SimDate, endDate: SimDate, populationScale: Double, provinces: [Province],
                population: PopulationParameters, settings: SettingParameters, disease: DiseaseParameters,
                contacts: ContactParameters, mobility: MobilityParameters, importation: ImportationParameters,
                border: BorderParameters, health: HealthSystemParameters, access: AccessParameters,
                observation: ObservationParameters, timeline: [TimelineEvent], behaviour: BehaviourParameters = .off,
                contactActivity: ContactActivityParameters = .off, urbanRural: UrbanRuralParameters = .off,
                districts: DistrictParameters = .off, laboratories: [Laboratory] = []) {
        self.name = name
        self.startDate = startDate
        self.endDate = endDate
        self.populationScale = populationScale
        self.provinces = provinces
        self.population = population
        self.settings = settings
        self.disease = disease
        self.contacts = contacts
        self.mobility = mobility
        self.importation = importation
        self.border = border
        self.health = health
        self.access = access
        self.observation = observation
        self.timeline = timeline
        self.behaviour = behaviour
        self.contactActivity = contactActivity
        self.urbanRural = urbanRural
        self.districts = districts
        self.laboratories = laboratories
    }

    /// Tests come from laboratories when the scenario names some and a `test_capacity` event names one;
    /// otherwise from one national pool, exactly as before laboratories existed.
    public var usesLaboratories: Bool {
        !laboratories.isEmpty && timeline.contains { event in
            if case .testCapacity(_, let laboratory) = event.action { laboratory != nil } else { false }
        }
    }

    public var dayCount: Int { endDate.days(since: startDate) + 1 }

    public func date(ofDay day: Int) -> SimDate { startDate.adding(days: day) }

    /// Each province's factor on each layer's contacts before any measure, `[layer.rawValue][province]`.
    public var baselineContactMultipliers: [[Double]] {
        urbanRural.baselineMultipliers(populationWeights: provinces.map(\.populationWeight))
    }

    /// Province shares of the national population.
    public var provinceShares: [Double] {
        let total = provinces.map(\.populationWeight).reduce(0, +)
        return provinces.map { $0.populationWeight / total }
    }
}
