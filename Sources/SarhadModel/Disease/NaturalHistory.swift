/// The course of one infection as pure functions of (seed, agent): whether it becomes symptomatic,
/// severe or critical, and how long each stage lasts. Drawing them from the agent alone means an
/// agent infected in two scenarios has the same course in both (common random numbers), and the
/// engine can ask again later instead of storing the answer.
public struct NaturalHistory: Sendable {
    public let disease: DiseaseParameters
    public let seed: UInt64

    public init(disease: DiseaseParameters, seed: UInt64) {
        self.disease = disease
        self.seed = seed
    }

    @inline(__always)
    func uniform(_ purpose: RandomPurpose, _ agent: Int) -> Double {
        var random = CounterRandom(seed: seed, purpose: purpose, subject: UInt64(agent))
        return random.uniform()
    }

    @inline(__always)
    func days(_ distribution: DurationDistribution, _ purpose: RandomPurpose, _ agent: Int, minimum: Int) -> Int {
        var random = CounterRandom(seed: seed, purpose: purpose, subject: UInt64(agent))
        return distribution.sampleDays(&random, minimum: minimum)
    }

    public func isSymptomatic(_ agent: Int, ageBand: Int) -> Bool {
        uniform(.symptomatic, agent) < disease.symptomaticProbability[ageBand]
    }

    public func becomesSevere(_ agent: Int, ageBand: Int) -> Bool {
        uniform(.severe, agent) < disease.severeGivenSymptomatic[ageBand]
    }

    public func becomesCritical(_ agent: Int, ageBand: Int) -> Bool {
        uniform(.critical, agent) < disease.criticalGivenSevere[ageBand]
    }

    /// Whether a severe (not critical) case dies: only without a bed.
    public func severeDies(_ agent: Int, hasBed: Bool) -> Bool {
        !hasBed && uniform(.death, agent) < disease.deathSevereWithoutBed
    }

    public func criticalDies(_ agent: Int, ageBand: Int, inIntensiveCare: Bool) -> Bool {
        let probability = inIntensiveCare ? disease.deathGivenCriticalWithCare[ageBand]
            : disease.deathCriticalWithoutIntensiveCare
        return uniform(.death, agent) < probability
    }

    public func latentDays(_ agent: Int) -> Int { days(disease.latent, .durationLatent, agent, minimum: 1) }

    public func presymptomaticDays(_ agent: Int) -> Int {
        days(disease.presymptomatic, .durationPresymptomatic, agent, minimum: 0)
    }

    public func asymptomaticDays(_ agent: Int) -> Int {
        days(disease.asymptomaticInfectious, .durationAsymptomatic, agent, minimum: 1)
    }

    /// Days from symptom onset to the next event: severe onset or recovery.
    public func mildDays(_ agent: Int, severe: Bool) -> Int {
        days(severe ? disease.onsetToSevere : disease.mildToRecovery, .durationMild, agent, minimum: 1)
    }

    /// Days from severe onset to the next event: critical onset, recovery, or death without a bed.
    public func severeDays(_ agent: Int, critical: Bool, dies: Bool) -> Int {
        let distribution = critical ? disease.severeToCritical : (dies ? disease.criticalToDeath : disease.severeToRecovery)
        return days(distribution, .durationSevere, agent, minimum: 1)
    }

    public func criticalDays(_ agent: Int, dies: Bool) -> Int {
        days(dies ? disease.criticalToDeath : disease.criticalToRecovery, .durationCritical, agent, minimum: 1)
    }
}
