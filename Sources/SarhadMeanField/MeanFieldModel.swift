import SarhadModel

/// The deterministic twin of the agent-based model: the same parameters, compartments, rates and
/// timeline as ordinary differential equations over province × age band, giving the expected value of
/// every series the agent model records, in a fraction of a second and without noise.
///
/// Use it to check the agent model (a single well-mixed province must agree with it), as a fast
/// surrogate in calibration, and to read the expected epidemic behind a noisy replicate. It returns the
/// same `SimulationResult`, so every writer takes either.
///
/// Where it departs from the agent model (see the type that implements each part for why):
/// - stage durations are Erlang with the agent model's means and k = round(1/CV²) ∈ 1…8 stages
///   (`ErlangStages`), not lognormal draws rounded to whole days; the latent period is half a day
///   shorter, where whole days put the agents' infectious events (`DiseaseStages.agentDayOffset`);
/// - household depletion is a pair approximation per province (`HouseholdPairs`), not explicit
///   households; IDP-settlement and prison layers are omitted (`ForceOfInfection.swift`);
/// - time moves in day steps (`DayStep`): the chains exactly, the infection and the tested shares by a
///   predictor–corrector within the day;
/// - admission to beds and intensive care is a share of the day's seekers, limited by the places free and
///   freed (`CareCapacity`) and by what whole places admit at the expected occupancy (`WholePlaces`,
///   Erlang's loss system), not a draw against whole places;
/// - tests are shared among seekers at each instant rather than per day (`MeanFieldObservation.swift`);
/// - infected arrivals are placed in stages by the ratio of mean durations (`ImportedCourse`);
/// - activity classes hold exactly their share of every cell, where the agents draw them (`ContactActivity.swift`);
/// - counts are expected values, rounded only in `SimulationResult` (seed 0).
public struct MeanFieldModel: Sendable {
    public let configuration: ModelConfiguration
    let inputs: MeanFieldInputs
    let layout: StateLayout

    /// How the equations are integrated: day steps, or Runge–Kutta as a reference.
    public let integration: MeanFieldIntegration

    public init(configuration: ModelConfiguration, integration: MeanFieldIntegration = .daySteps) {
        self.configuration = configuration
        self.integration = integration
        inputs = MeanFieldInputs(configuration)
        layout = StateLayout(provinces: inputs.provinceCount, stages: inputs.stages, quarantine: inputs.quarantinePossible,
                             activityClasses: inputs.activityLevels.count)
    }

    /// Per-contact transmission probability, the same β the agent model uses.
    public var transmissionProbability: Double { inputs.beta }

    /// Integration steps per simulated day: one day step, or the Runge–Kutta steps.
    public var stepsPerDay: Int { integration == .daySteps ? 1 : inputs.substepsPerDay }

    /// The Erlang approximation chosen for each duration of the natural history.
    public var durationStages: [(name: String, stages: ErlangStages)] {
        let s = inputs.stages
        return [("latent", s.latent), ("presymptomatic", s.presymptomatic), ("asymptomatic", s.asymptomatic),
                ("mild_to_recovery", s.mildToRecovery), ("onset_to_severe", s.onsetToSevere),
                ("severe_to_critical", s.severeToCritical), ("severe_to_recovery", s.severeToRecovery),
                ("critical_to_recovery", s.criticalToRecovery), ("critical_to_death", s.criticalToDeath)]
    }

    /// Runs every day and returns the rounded series.
    public func run() -> SimulationResult {
        trajectory().simulationResult()
    }

    /// Runs every day and returns the expected values unrounded, with every compartment.
    public func trajectory() -> MeanFieldTrajectory {
        let clock = ContinuousClock()
        let start = clock.now
        let run = MeanFieldRun(configuration: configuration, inputs: inputs, layout: layout, integration: integration)
        run.run()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let crossings = configuration.importation.crossings.map(\.name)
        return MeanFieldTrajectory(
            scenarioName: configuration.name, startDate: configuration.startDate, dayCount: inputs.dayCount,
            provinceNames: configuration.provinces.map(\.name), populationScale: configuration.populationScale,
            population: inputs.residents.reduce(0, +), expected: run.expected, compartments: run.compartments,
            infectionsByLayer: run.infectionsByLayer, infectionsByAge: run.infectionsByAge, deathsByAge: run.deathsByAge,
            arrivalsByCrossing: Dictionary(zip(crossings, run.arrivalsByCrossing), uniquingKeysWith: { first, _ in first }),
            infectedArrivalsByCrossing: Dictionary(zip(crossings, run.infectedArrivalsByCrossing),
                                                   uniquingKeysWith: { first, _ in first }),
            transmissionProbability: inputs.beta, residentsByAgeLastDay: run.residentsByAgeAlive,
            seropositiveByAgeLastDay: run.seropositiveByAge, seconds: seconds)
    }
}

/// How the twin integrates its equations.
public enum MeanFieldIntegration: String, Sendable, CaseIterable {
    /// One step a day (`DayStep`): the chains moved exactly, the infection and shares by predictor–corrector.
    case daySteps = "day"
    /// Classical Runge–Kutta 4 at two or more steps a day (`RungeKutta4`): slower, kept as the reference
    /// the day step is checked against.
    case rungeKutta = "runge-kutta"
}
