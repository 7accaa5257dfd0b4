/// Natural history and infectiousness. Probabilities are by age band; durations are lognormal in days.
public struct DiseaseParameters: Sendable, Equatable {
    /// Basic reproduction number of the household, school, work and community layers together,
    /// fixed through the next-generation matrix (see `TransmissionCalibration`).
    public var r0: Double

    public var latent: DurationDistribution                 // exposed → infectious
    public var presymptomatic: DurationDistribution         // infectious → symptom onset
    public var asymptomaticInfectious: DurationDistribution // asymptomatic → recovered
    public var mildToRecovery: DurationDistribution         // mild → recovered
    public var onsetToSevere: DurationDistribution          // symptom onset → severe
    public var severeToCritical: DurationDistribution
    public var severeToRecovery: DurationDistribution
    public var criticalToRecovery: DurationDistribution
    public var criticalToDeath: DurationDistribution

    public var symptomaticProbability: AgeVector
    public var severeGivenSymptomatic: AgeVector
    public var criticalGivenSevere: AgeVector
    /// Death given critical illness treated in intensive care.
    public var deathGivenCriticalWithCare: AgeVector
    /// Death of a severe case (needing oxygen) who finds no hospital bed.
    public var deathSevereWithoutBed: Double
    /// Death of a critical case who finds no intensive-care place.
    public var deathCriticalWithoutIntensiveCare: Double

    public var relativeSusceptibility: AgeVector
    public var relativeInfectiousnessAsymptomatic: Double
    public var relativeInfectiousnessPresymptomatic: Double

    public init(r0: Double, latent: DurationDistribution, presymptomatic: DurationDistribution,
                asymptomaticInfectious: DurationDistribution, mildToRecovery: DurationDistribution,
                onsetToSevere: DurationDistribution, severeToCritical: DurationDistribution,
                severeToRecovery: DurationDistribution, criticalToRecovery: DurationDistribution,
                criticalToDeath: DurationDistribution, symptomaticProbability: AgeVector,
                severeGivenSymptomatic: AgeVector, criticalGivenSevere: AgeVector,
                deathGivenCriticalWithCare: AgeVector, deathSevereWithoutBed: Double,
                deathCriticalWithoutIntensiveCare: Double, relativeSusceptibility: AgeVector,
                relativeInfectiousnessAsymptomatic: Double, relativeInfectiousnessPresymptomatic: Double) {
        self.r0 = r0
        self.latent = latent
        self.presymptomatic = presymptomatic
        self.asymptomaticInfectious = asymptomaticInfectious
        self.mildToRecovery = mildToRecovery
        self.onsetToSevere = onsetToSevere
        self.severeToCritical = severeToCritical
        self.severeToRecovery = severeToRecovery
        self.criticalToRecovery = criticalToRecovery
        self.criticalToDeath = criticalToDeath
        self.symptomaticProbability = symptomaticProbability
        self.severeGivenSymptomatic = severeGivenSymptomatic
        self.criticalGivenSevere = criticalGivenSevere
        self.deathGivenCriticalWithCare = deathGivenCriticalWithCare
        self.deathSevereWithoutBed = deathSevereWithoutBed
        self.deathCriticalWithoutIntensiveCare = deathCriticalWithoutIntensiveCare
        self.relativeSusceptibility = relativeSusceptibility
        self.relativeInfectiousnessAsymptomatic = relativeInfectiousnessAsymptomatic
        self.relativeInfectiousnessPresymptomatic = relativeInfectiousnessPresymptomatic
    }

    /// Expected infectiousness-weighted days in the community of one infection at age `band`:
    /// the D in R0 = β · ρ(C · D). Infectiousness is counted until severe onset: R0 describes an
    /// epidemic whose severe cases reach care. Those who find no bed keep infecting their household,
    /// so bed shortages raise the effective reproduction number above R0 (docs/MODEL.md).
    public func infectiousDays(ageBand band: Int) -> Double {
        let pSymptomatic = symptomaticProbability[band]
        let pSevere = severeGivenSymptomatic[band]
        let symptomaticDays = (1 - pSevere) * mildToRecovery.mean + pSevere * onsetToSevere.mean
        return (1 - pSymptomatic) * relativeInfectiousnessAsymptomatic * asymptomaticInfectious.mean
            + pSymptomatic * (relativeInfectiousnessPresymptomatic * presymptomatic.mean + symptomaticDays)
    }
}
