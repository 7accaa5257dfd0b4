import SarhadModel

/// One compartment of the twin as a run of Erlang sub-stages, each a vector over `width` cells.
///
/// Stored stage-major (`offset + stage · width + cell`) so that every sub-stage is a contiguous vector:
/// the derivative and the Runge–Kutta updates are then straight loops the compiler vectorises.
struct Chain: Sendable {
    let offset: Int
    let stages: Int
    /// Cells per sub-stage: province × age band, or province only for chains where age no longer matters.
    let width: Int
    /// Rate at which each sub-stage is left (0 for pools such as S, R and D).
    let rate: Double
    /// The share of a day's evenly spread inflow that leaves the chain the same day (`DayPassage`).
    let sameDayExit: Double
    /// Where the chain's first sub-stage sits among all chains' first sub-stages, one vector of `width` each:
    /// the day step keeps what leaves and stays in each chain there, not in state-sized vectors.
    let entry: Int

    init(offset: Int, stages: Int, width: Int, rate: Double, entry: Int? = nil) {
        self.offset = offset
        self.stages = stages
        self.width = width
        self.rate = rate
        self.entry = entry ?? offset
        sameDayExit = DayPassage(stages: stages, rate: rate).sameDayExit
    }

    @inline(__always) var first: Int { offset }
    @inline(__always) var last: Int { offset + (stages - 1) * width }
    @inline(__always) var end: Int { offset + stages * width }
    @inline(__always) func stage(_ index: Int) -> Int { offset + index * width }
}

/// Where every compartment lives in the flat state vector.
///
/// Why the compartments are split the way they are: the agent model decides an infected agent's
/// whole course (symptomatic? severe? critical? dies?) when it enters a stage, and so does the twin:
/// each outcome is its own chain with that outcome's duration. Severe and critical cases are further
/// split by the care they got, because care decides who holds a bed, who may reach intensive care, who
/// can infect whom, and how deaths are recorded.
///
/// Isolation (a confirmed case, or a symptomatic arrival caught at the border) only stops transmission.
/// Mild cases are split into disjoint free and isolated chains. Severe and critical cases are kept whole
/// in the main chains — beds, deaths and care do not care about isolation — and the isolated among them
/// are tracked again in *shadow* chains, subsets of the main ones with the same rates, so that the
/// non-isolated (transmitting) count is main − shadow. Shadows of hospitalised cases need no age (their
/// contacts with health workers do not depend on it) and are kept per province.
///
/// A person is confirmed once: after a positive test they never seek a test again (the agent model's
/// rule), so whoever can still reach a later onset — mild cases who will worsen, severe cases who will
/// become critical — is also tracked in *confirmed* shadows (and, for severe cases, confirmed-and-isolated
/// shadows), giving the unconfirmed who may seek a test and the non-isolated unconfirmed who may start
/// isolating.
///
/// The quarantine chains hold infected arrivals who keep to quarantine before symptom onset; they are
/// empty (zero width) when no quarantine can happen in the scenario.
///
/// With individual contact activity (`ContactActivity.swift`) the susceptible and their health workers
/// are kept per activity class, class-major (`susceptibleIndex`), and the free infectious course carries
/// an activity mass beside its people; without it there is one class and no mass chains.
struct StateLayout: Sendable {
    let provinces: Int
    let cells: Int
    /// Activity classes of the susceptible pools: 1 when everyone is alike.
    let activityClasses: Int

    // Pools.
    /// Per (activity class, province, age band): `susceptibleIndex`.
    let susceptible: Chain
    /// The health workers among the susceptible (a subset of `susceptible`, same cells), who also meet patients.
    let healthWorkers: Chain
    let recovered: Chain
    let dead: Chain

    // Free course before severe illness.
    let latent: Chain
    let presymptomatic: Chain
    let asymptomatic: Chain
    let mildRecovering: Chain
    let mildWorsening: Chain
    // Isolated mild cases (confirmed, caught at the border, or fallen ill in quarantine).
    let isolatedMildRecovering: Chain
    let isolatedMildWorsening: Chain
    // Quarantined infected arrivals, not yet symptomatic.
    let quarantinedLatent: Chain
    let quarantinedPresymptomatic: Chain
    let quarantinedAsymptomatic: Chain

    // Severe: care (bed / sought care but no bed / did not seek care) × outcome.
    let severeBedToCritical: Chain
    let severeBedToRecovery: Chain
    let severeSeekerToCritical: Chain
    let severeNonSeekerToCritical: Chain
    let severeUnbedToRecovery: Chain
    let severeUnbedToDeath: Chain
    // Critical: care (intensive care / kept a hospital bed / none) × outcome.
    let criticalCareToDeath: Chain
    let criticalCareToRecovery: Chain
    let criticalBedToDeath: Chain
    let criticalBedToRecovery: Chain
    let criticalNoCareToDeath: Chain
    let criticalNoCareToRecovery: Chain

    // Isolated shadows, by province and age.
    let isolatedSevereBedToCritical: Chain
    let isolatedSevereSeekerToCritical: Chain
    let isolatedSevereNonSeekerToCritical: Chain
    let isolatedSevereUnbedToRecovery: Chain
    let isolatedSevereUnbedToDeath: Chain
    let isolatedCriticalNoCareToDeath: Chain
    let isolatedCriticalNoCareToRecovery: Chain
    // Confirmed shadows: of the free and of the isolated mild cases who will worsen; of severe cases who
    // will become critical, all and isolated.
    let confirmedMildWorsening: Chain
    let confirmedIsolatedMildWorsening: Chain
    let confirmedSevereBedToCritical: Chain
    let confirmedSevereSeekerToCritical: Chain
    let confirmedSevereNonSeekerToCritical: Chain
    let confirmedIsolatedSevereBedToCritical: Chain
    let confirmedIsolatedSevereSeekerToCritical: Chain
    let confirmedIsolatedSevereNonSeekerToCritical: Chain
    // Isolated shadows of hospitalised cases, by province only.
    let isolatedSevereBedToRecovery: Chain
    let isolatedCriticalCareToDeath: Chain
    let isolatedCriticalCareToRecovery: Chain
    let isolatedCriticalBedToDeath: Chain
    let isolatedCriticalBedToRecovery: Chain

    // Household pair sums (`HouseholdPairs`), by province: not people, so no compartment counts them.
    /// Σ q over the susceptible: how many susceptible mates the susceptible have (their clustering).
    let susceptiblePairs: Chain
    let latentPairs: Chain
    let presymptomaticPairs: Chain
    let asymptomaticPairs: Chain
    let mildRecoveringPairs: Chain
    let mildWorseningPairs: Chain

    // Activity masses (`ContactActivity.swift`): Σ activity over the people of each free chain that
    // leads to transmission outside the home, per sub-stage and cell; no cells without activity classes.
    let latentActivity: Chain
    let presymptomaticActivity: Chain
    let asymptomaticActivity: Chain
    let mildRecoveringActivity: Chain
    let mildWorseningActivity: Chain

    let size: Int

    /// Whether the quarantine chains exist (they have no cells when no quarantine can happen).
    var quarantine: Bool { quarantinedLatent.width > 0 }

    // Groups of chains, stored so the derivative does not rebuild them on every call.
    let severe: [Chain]
    let critical: [Chain]
    /// Severe and critical cases at home: they infect only their household.
    let unhospitalised: [Chain]
    let isolatedUnhospitalised: [Chain]
    /// Severe and critical cases in a bed or in intensive care: they infect only health workers.
    let hospitalised: [Chain]
    let isolatedHospitalisedByProvince: [Chain]
    let occupyingBeds: [Chain]
    let occupyingIntensiveCare: [Chain]
    /// Every chain, each state entry in exactly one.
    let all: [Chain]

    init(provinces: Int, stages: DiseaseStages, quarantine: Bool, activityClasses: Int = 1) {
        self.provinces = provinces
        let cells = provinces * AgeBands.count
        self.cells = cells
        self.activityClasses = activityClasses
        var offset = 0, entry = 0
        func chain(_ erlang: ErlangStages?, width: Int = cells) -> Chain {
            let made = Chain(offset: offset, stages: erlang?.count ?? 1, width: width, rate: erlang?.rate ?? 0, entry: entry)
            offset = made.end
            entry += width
            return made
        }
        susceptible = chain(nil, width: cells * activityClasses)
        healthWorkers = chain(nil, width: cells * activityClasses)
        recovered = chain(nil)
        dead = chain(nil)
        latent = chain(stages.latent)
        presymptomatic = chain(stages.presymptomatic)
        asymptomatic = chain(stages.asymptomatic)
        mildRecovering = chain(stages.mildToRecovery)
        mildWorsening = chain(stages.onsetToSevere)
        isolatedMildRecovering = chain(stages.mildToRecovery)
        isolatedMildWorsening = chain(stages.onsetToSevere)
        let quarantineWidth = quarantine ? cells : 0
        quarantinedLatent = chain(stages.latent, width: quarantineWidth)
        quarantinedPresymptomatic = chain(stages.presymptomatic, width: quarantineWidth)
        quarantinedAsymptomatic = chain(stages.asymptomatic, width: quarantineWidth)
        severeBedToCritical = chain(stages.severeToCritical)
        severeBedToRecovery = chain(stages.severeToRecovery)
        severeSeekerToCritical = chain(stages.severeToCritical)
        severeNonSeekerToCritical = chain(stages.severeToCritical)
        severeUnbedToRecovery = chain(stages.severeToRecovery)
        severeUnbedToDeath = chain(stages.criticalToDeath)
        criticalCareToDeath = chain(stages.criticalToDeath)
        criticalCareToRecovery = chain(stages.criticalToRecovery)
        criticalBedToDeath = chain(stages.criticalToDeath)
        criticalBedToRecovery = chain(stages.criticalToRecovery)
        criticalNoCareToDeath = chain(stages.criticalToDeath)
        criticalNoCareToRecovery = chain(stages.criticalToRecovery)
        isolatedSevereBedToCritical = chain(stages.severeToCritical)
        isolatedSevereSeekerToCritical = chain(stages.severeToCritical)
        isolatedSevereNonSeekerToCritical = chain(stages.severeToCritical)
        isolatedSevereUnbedToRecovery = chain(stages.severeToRecovery)
        isolatedSevereUnbedToDeath = chain(stages.criticalToDeath)
        isolatedCriticalNoCareToDeath = chain(stages.criticalToDeath)
        isolatedCriticalNoCareToRecovery = chain(stages.criticalToRecovery)
        confirmedMildWorsening = chain(stages.onsetToSevere)
        confirmedIsolatedMildWorsening = chain(stages.onsetToSevere)
        confirmedSevereBedToCritical = chain(stages.severeToCritical)
        confirmedSevereSeekerToCritical = chain(stages.severeToCritical)
        confirmedSevereNonSeekerToCritical = chain(stages.severeToCritical)
        confirmedIsolatedSevereBedToCritical = chain(stages.severeToCritical)
        confirmedIsolatedSevereSeekerToCritical = chain(stages.severeToCritical)
        confirmedIsolatedSevereNonSeekerToCritical = chain(stages.severeToCritical)
        isolatedSevereBedToRecovery = chain(stages.severeToRecovery, width: provinces)
        isolatedCriticalCareToDeath = chain(stages.criticalToDeath, width: provinces)
        isolatedCriticalCareToRecovery = chain(stages.criticalToRecovery, width: provinces)
        isolatedCriticalBedToDeath = chain(stages.criticalToDeath, width: provinces)
        isolatedCriticalBedToRecovery = chain(stages.criticalToRecovery, width: provinces)
        susceptiblePairs = chain(nil, width: provinces)
        latentPairs = chain(stages.latent, width: provinces)
        presymptomaticPairs = chain(stages.presymptomatic, width: provinces)
        asymptomaticPairs = chain(stages.asymptomatic, width: provinces)
        mildRecoveringPairs = chain(stages.mildToRecovery, width: provinces)
        mildWorseningPairs = chain(stages.onsetToSevere, width: provinces)
        let activityWidth = activityClasses > 1 ? cells : 0
        latentActivity = chain(stages.latent, width: activityWidth)
        presymptomaticActivity = chain(stages.presymptomatic, width: activityWidth)
        asymptomaticActivity = chain(stages.asymptomatic, width: activityWidth)
        mildRecoveringActivity = chain(stages.mildToRecovery, width: activityWidth)
        mildWorseningActivity = chain(stages.onsetToSevere, width: activityWidth)
        size = offset

        severe = [severeBedToCritical, severeBedToRecovery, severeSeekerToCritical, severeNonSeekerToCritical,
                  severeUnbedToRecovery, severeUnbedToDeath]
        critical = [criticalCareToDeath, criticalCareToRecovery, criticalBedToDeath, criticalBedToRecovery,
                    criticalNoCareToDeath, criticalNoCareToRecovery]
        unhospitalised = [severeSeekerToCritical, severeNonSeekerToCritical, severeUnbedToRecovery, severeUnbedToDeath,
                          criticalNoCareToDeath, criticalNoCareToRecovery]
        isolatedUnhospitalised = [isolatedSevereSeekerToCritical, isolatedSevereNonSeekerToCritical,
                                  isolatedSevereUnbedToRecovery, isolatedSevereUnbedToDeath,
                                  isolatedCriticalNoCareToDeath, isolatedCriticalNoCareToRecovery]
        hospitalised = [severeBedToCritical, severeBedToRecovery, criticalCareToDeath, criticalCareToRecovery,
                        criticalBedToDeath, criticalBedToRecovery]
        isolatedHospitalisedByProvince = [isolatedSevereBedToRecovery, isolatedCriticalCareToDeath,
                                          isolatedCriticalCareToRecovery, isolatedCriticalBedToDeath,
                                          isolatedCriticalBedToRecovery]
        occupyingBeds = [severeBedToCritical, severeBedToRecovery, criticalBedToDeath, criticalBedToRecovery]
        occupyingIntensiveCare = [criticalCareToDeath, criticalCareToRecovery]
        all = [susceptible, healthWorkers, recovered, dead, latent, presymptomatic, asymptomatic, mildRecovering,
               mildWorsening, isolatedMildRecovering, isolatedMildWorsening, quarantinedLatent,
               quarantinedPresymptomatic, quarantinedAsymptomatic] + severe + critical + isolatedUnhospitalised
            + [isolatedSevereBedToCritical] + isolatedHospitalisedByProvince
            + [confirmedMildWorsening, confirmedIsolatedMildWorsening, confirmedSevereBedToCritical,
               confirmedSevereSeekerToCritical, confirmedSevereNonSeekerToCritical, confirmedIsolatedSevereBedToCritical,
               confirmedIsolatedSevereSeekerToCritical, confirmedIsolatedSevereNonSeekerToCritical]
            + [susceptiblePairs, latentPairs, presymptomaticPairs, asymptomaticPairs, mildRecoveringPairs, mildWorseningPairs]
            + [latentActivity, presymptomaticActivity, asymptomaticActivity, mildRecoveringActivity, mildWorseningActivity]
    }

    /// Whether the free infectious chains carry activity masses (there are activity classes).
    var tracksActivity: Bool { latentActivity.width > 0 }

    /// Offset of the (activity class, cell) entry of a susceptible pool (`susceptible`, `healthWorkers`)
    /// from the pool's start: each class's cells form one contiguous vector, as the single class did.
    @inline(__always) func susceptibleIndex(_ cell: Int, activity: Int) -> Int { activity * cells + cell }

    /// A susceptible pool's people in one (province, age band) cell, all activity classes together
    /// (negative rounding noise counted as none); `pool` points at the pool's start.
    @inline(__always) func susceptibleInCell(_ pool: UnsafePointer<Double>, _ cell: Int) -> Double {
        var total = 0.0
        for activity in 0..<activityClasses { total += max(0, pool[susceptibleIndex(cell, activity: activity)]) }
        return total
    }

    /// The activity-mass chain that goes with a free chain of people, if it has one (nil without classes).
    func activityMass(of people: Chain) -> Chain? {
        // Offsets alone are ambiguous for chains without cells (they share the next chain's offset).
        // A chain of comparisons, not a table: this runs for every arrival placed, thousands of times a day.
        guard tracksActivity, people.width > 0 else { return nil }
        switch people.offset {
        case latent.offset: return latentActivity
        case presymptomatic.offset: return presymptomaticActivity
        case asymptomatic.offset: return asymptomaticActivity
        case mildRecovering.offset: return mildRecoveringActivity
        case mildWorsening.offset: return mildWorseningActivity
        default: return nil
        }
    }
}

/// The Erlang approximation of each duration distribution of `DiseaseParameters`.
struct DiseaseStages: Sendable {
    let latent: ErlangStages
    let presymptomatic: ErlangStages
    let asymptomatic: ErlangStages
    let mildToRecovery: ErlangStages
    let onsetToSevere: ErlangStages
    let severeToCritical: ErlangStages
    let severeToRecovery: ErlangStages
    let criticalToRecovery: ErlangStages
    let criticalToDeath: ErlangStages

    /// Days by which the agents' infectious events come earlier than a continuous course of the same
    /// durations. An agent infected during day d's contact phase turns infectious in the transitions at
    /// the start of day d + L and transmits at the end of each of its D infectious days, so its events come
    /// L, L + 1, …, L + D − 1 days after its infection: a mean of L + D/2 − ½, half a day shorter than the
    /// twin's L + D/2. The twin's latent period is that much shorter (docs/VALIDATION.md, check 3).
    static let agentDayOffset = 0.5

    init(_ disease: DiseaseParameters) {
        latent = ErlangStages(mean: max(ErlangStages.minimumMean, disease.latent.mean - DiseaseStages.agentDayOffset),
                              standardDeviation: disease.latent.standardDeviation)
        presymptomatic = ErlangStages(disease.presymptomatic)
        asymptomatic = ErlangStages(disease.asymptomaticInfectious)
        mildToRecovery = ErlangStages(disease.mildToRecovery)
        onsetToSevere = ErlangStages(disease.onsetToSevere)
        severeToCritical = ErlangStages(disease.severeToCritical)
        severeToRecovery = ErlangStages(disease.severeToRecovery)
        criticalToRecovery = ErlangStages(disease.criticalToRecovery)
        criticalToDeath = ErlangStages(disease.criticalToDeath)
    }

    var all: [ErlangStages] {
        [latent, presymptomatic, asymptomatic, mildToRecovery, onsetToSevere, severeToCritical, severeToRecovery,
         criticalToRecovery, criticalToDeath]
    }
}
