/// What the ministry sees: who gets tested, how many tests there are, what gets recorded and when.
public struct ObservationParameters: Sendable, Equatable {
    /// Probability that a new case seeks a test at onset of each severity (before access and capacity).
    public var testSeekingMild: Double
    public var testSeekingSevere: Double
    public var testSeekingCritical: Double
    /// People without COVID-19 seeking a test, per 100,000 residents per day, while testing exists.
    public var backgroundTestSeekersPer100k: Double
    /// Tests per day nationally (population scale 1) before the first capacity event on the timeline.
    public var initialTestsPerDay: Double
    public var testSensitivity: Double
    /// Days from test to the confirmed case appearing in the record.
    public var reportingDelayDays: Int
    /// Probability that a person who dies without having been confirmed has a post-mortem sample
    /// taken, for deaths in hospital and (times access) elsewhere. The sample competes for the day's
    /// tests like any other; only a positive result puts the death (and the case) in the record.
    public var postMortemTestingInHospital: Double
    public var postMortemTestingElsewhere: Double
    /// Probability that the death of a confirmed case reaches the record (follow-up of cases).
    public var deathRecordingOfConfirmed: Double
    public var deathReportingDelayDays: Int
    /// Share of confirmed cases who isolate until recovery.
    public var isolationOfConfirmed: Double
    /// Who is tested first when samples outnumber tests.
    public var testPriority: TestPriority
    /// What an antibody survey would measure.
    public var serology: SerologyParameters
    /// How samples reach a laboratory outside their province (only with laboratories).
    public var sampleTransport: SampleTransportParameters

    public init(testSeekingMild: Double, testSeekingSevere: Double, testSeekingCritical: Double,
                backgroundTestSeekersPer100k: Double, initialTestsPerDay: Double, testSensitivity: Double,
                reportingDelayDays: Int, postMortemTestingInHospital: Double, postMortemTestingElsewhere: Double,
                deathRecordingOfConfirmed: Double, deathReportingDelayDays: Int, isolationOfConfirmed: Double,
                testPriority: TestPriority, serology: SerologyParameters,
                sampleTransport: SampleTransportParameters = .none) {
        self.testSeekingMild = testSeekingMild
        self.testSeekingSevere = testSeekingSevere
        self.testSeekingCritical = testSeekingCritical
        self.backgroundTestSeekersPer100k = backgroundTestSeekersPer100k
        self.initialTestsPerDay = initialTestsPerDay
        self.testSensitivity = testSensitivity
        self.reportingDelayDays = reportingDelayDays
        self.postMortemTestingInHospital = postMortemTestingInHospital
        self.postMortemTestingElsewhere = postMortemTestingElsewhere
        self.deathRecordingOfConfirmed = deathRecordingOfConfirmed
        self.deathReportingDelayDays = deathReportingDelayDays
        self.isolationOfConfirmed = isolationOfConfirmed
        self.testPriority = testPriority
        self.serology = serology
        self.sampleTransport = sampleTransport
    }

    /// Days from a death to its place in the record. A death enters the record only as the death of a
    /// confirmed case, so it is never recorded before the case: the later of the two delays.
    public var recordedDeathDelayDays: Int { max(deathReportingDelayDays, reportingDelayDays) }

    /// The same for a case whose sample spent `transportDays` on the way to the laboratory.
    public func recordedDeathDelayDays(transportDays: Int) -> Int {
        max(deathReportingDelayDays, reportingDelayDays + transportDays)
    }
}

/// Border measures: symptom screening and quarantine of arrivals.
public struct BorderParameters: Sendable, Equatable {
    public var screeningEnabled: Bool
    /// Share of symptomatic infected arrivals that symptom screening catches.
    public var screeningSensitivity: Double
    public var quarantineEnabled: Bool
    public var quarantineDays: Int
    /// Share of quarantined arrivals who keep to it.
    public var quarantineAdherence: Double
    public var open: Bool

    public init(screeningEnabled: Bool, screeningSensitivity: Double, quarantineEnabled: Bool,
                quarantineDays: Int, quarantineAdherence: Double, open: Bool) {
        self.screeningEnabled = screeningEnabled
        self.screeningSensitivity = screeningSensitivity
        self.quarantineEnabled = quarantineEnabled
        self.quarantineDays = quarantineDays
        self.quarantineAdherence = quarantineAdherence
        self.open = open
    }
}
