/// The course of one infection as pure functions of (seed, agent): whether it becomes symptomatic,
/// severe or critical, and how long each stage lasts. Drawing them from the agent alone means an
/// agent infected in two scenarios has the same course in both (common random numbers), and the
/// engine can ask again later instead of storing the answer.
public struct NaturalHistory: Sendable {
    public let disease: DiseaseParameters
    public let seed: UInt64

    let latent, presymptomatic, asymptomatic, mildToRecovery, onsetToSevere: LognormalDays
    let severeToCritical, severeToRecovery, criticalToRecovery, criticalToDeath: LognormalDays
    /// Every infection opens several of these streams; keyed once, held inline (an array here would be
    /// retained and released by both threads on every draw).
    let symptomaticStreams, severeStreams, criticalStreams, deathStreams: StreamKey
    let latentDuration, presymptomaticDuration, asymptomaticDuration: StreamKey
    let mildDuration, severeDuration, criticalDuration: StreamKey

    public init(disease: DiseaseParameters, seed: UInt64) {
        self.disease = disease
        self.seed = seed
        latent = LognormalDays(disease.latent)
        presymptomatic = LognormalDays(disease.presymptomatic)
        asymptomatic = LognormalDays(disease.asymptomaticInfectious)
        mildToRecovery = LognormalDays(disease.mildToRecovery)
        onsetToSevere = LognormalDays(disease.onsetToSevere)
        severeToCritical = LognormalDays(disease.severeToCritical)
        severeToRecovery = LognormalDays(disease.severeToRecovery)
        criticalToRecovery = LognormalDays(disease.criticalToRecovery)
        criticalToDeath = LognormalDays(disease.criticalToDeath)
        symptomaticStreams = StreamKey(seed: seed, purpose: .symptomatic)
        severeStreams = StreamKey(seed: seed, purpose: .severe)
        criticalStreams = StreamKey(seed: seed, purpose: .critical)
        deathStreams = StreamKey(seed: seed, purpose: .death)
        latentDuration = StreamKey(seed: seed, purpose: .durationLatent)
        presymptomaticDuration = StreamKey(seed: seed, purpose: .durationPresymptomatic)
        asymptomaticDuration = StreamKey(seed: seed, purpose: .durationAsymptomatic)
        mildDuration = StreamKey(seed: seed, purpose: .durationMild)
        severeDuration = StreamKey(seed: seed, purpose: .durationSevere)
        criticalDuration = StreamKey(seed: seed, purpose: .durationCritical)
    }

    /// Each of these streams draws once, so it takes the stream's opening draw (one mixing round).
    @inline(__always)
    func uniform(_ streams: StreamKey, _ agent: Int) -> Double {
        CounterRandom(streams, subject: UInt64(agent)).openingUniform
    }

    @inline(__always)
    func days(_ distribution: LognormalDays, _ streams: StreamKey, _ agent: Int, minimum: Int) -> Int {
        distribution.sample(CounterRandom(streams, subject: UInt64(agent)).openingUniform, minimum: minimum)
    }

    @inline(__always)
    public func isSymptomatic(_ agent: Int, ageBand: Int) -> Bool {
        uniform(symptomaticStreams, agent) < disease.symptomaticProbability[ageBand]
    }

    @inline(__always)
    public func becomesSevere(_ agent: Int, ageBand: Int) -> Bool {
        uniform(severeStreams, agent) < disease.severeGivenSymptomatic[ageBand]
    }

    @inline(__always)
    public func becomesCritical(_ agent: Int, ageBand: Int) -> Bool {
        uniform(criticalStreams, agent) < disease.criticalGivenSevere[ageBand]
    }

    /// Whether a severe (not critical) case dies: only without a bed.
    @inline(__always)
    public func severeDies(_ agent: Int, hasBed: Bool) -> Bool {
        !hasBed && uniform(deathStreams, agent) < disease.deathSevereWithoutBed
    }

    @inline(__always)
    public func criticalDies(_ agent: Int, ageBand: Int, inIntensiveCare: Bool) -> Bool {
        let probability = inIntensiveCare ? disease.deathGivenCriticalWithCare[ageBand]
            : disease.deathCriticalWithoutIntensiveCare
        return uniform(deathStreams, agent) < probability
    }

    @inline(__always)
    public func latentDays(_ agent: Int) -> Int { days(latent, latentDuration, agent, minimum: 1) }

    @inline(__always)
    public func presymptomaticDays(_ agent: Int) -> Int {
        days(presymptomatic, presymptomaticDuration, agent, minimum: 0)
    }

    @inline(__always)
    public func asymptomaticDays(_ agent: Int) -> Int {
        days(asymptomatic, asymptomaticDuration, agent, minimum: 1)
    }

    /// Days from symptom onset to the next event: severe onset or recovery.
    @inline(__always)
    public func mildDays(_ agent: Int, severe: Bool) -> Int {
        days(severe ? onsetToSevere : mildToRecovery, mildDuration, agent, minimum: 1)
    }

    /// Days from severe onset to the next event: critical onset, recovery, or death without a bed.
    @inline(__always)
    public func severeDays(_ agent: Int, critical: Bool, dies: Bool) -> Int {
        let distribution = critical ? severeToCritical : (dies ? criticalToDeath : severeToRecovery)
        return days(distribution, severeDuration, agent, minimum: 1)
    }

    @inline(__always)
    public func criticalDays(_ agent: Int, dies: Bool) -> Int {
        days(dies ? criticalToDeath : criticalToRecovery, criticalDuration, agent, minimum: 1)
    }
}
