/// Counter-based random numbers: every stream is a pure function of
/// (seed, purpose, day, subject), so a draw never depends on the order in which
/// threads reach it, and two scenarios that differ in one lever share every other draw.
@frozen
public struct CounterRandom: Sendable {
    @usableFromInline var state: UInt64

    @inlinable
    public init(seed: UInt64, purpose: RandomPurpose, day: Int = 0, subject: UInt64 = 0) {
        self.init(StreamKey(seed: seed, purpose: purpose, day: day), subject: subject)
    }

    /// The stream of `subject` under a key worked out once: one mixing round per stream instead of three,
    /// which matters where hundreds of millions of streams are opened a run (contacts, disease courses).
    @inlinable @inline(__always)
    public init(_ key: StreamKey, subject: UInt64) {
        state = CounterRandom.mix(key.value ^ subject)
    }

    /// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective avalanche on 64 bits.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform on [0, 1) read from the stream's opening state, which is already one mixing round of
    /// (key, subject): half the cost of `uniform()`. For the many streams that draw once (a stage's
    /// duration, a yes-or-no of the disease course) or whose first draw usually ends them (an agent's quiet
    /// day); it does not advance the stream, so take it at most once, before any `uniform()`.
    @inlinable @inline(__always)
    public var openingUniform: Double {
        Double(state >> 11) * 0x1p-53
    }

    /// Uniform on [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform integer in 0..<bound without modulo bias worth measuring (Lemire's multiply-shift).
    @inlinable @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: (next().multipliedFullWidth(by: UInt64(bound))).high)
    }

    @inlinable @inline(__always)
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }
}

/// The (seed, purpose, day) part of a stream's address, hashed. `CounterRandom(key, subject:)` gives
/// exactly the stream `CounterRandom(seed:purpose:day:subject:)` does.
@frozen
public struct StreamKey: Sendable {
    public let value: UInt64

    @inlinable
    public init(seed: UInt64, purpose: RandomPurpose, day: Int = 0) {
        let a = CounterRandom.mix(seed ^ (UInt64(purpose.rawValue) &* 0xD6E8_FEB8_6659_FD93))
        value = CounterRandom.mix(a ^ UInt64(bitPattern: Int64(day)))
    }
}

/// What a stream of draws is for. Keying streams by purpose keeps levers independent:
/// turning screening on does not shift the draws that decide who is infected.
public enum RandomPurpose: UInt16, Sendable {
    case householdSize = 1
    case memberAge
    case settingSelection
    case returneeSelection
    case arrivalCount
    case arrivalDestination
    case arrivalInfection
    case arrivalInfectionAge
    case screening
    case quarantineAdherence
    case transmission
    case symptomatic
    case severe
    case critical
    case death
    case durationLatent
    case durationPresymptomatic
    case durationAsymptomatic
    case durationMild
    case durationSevere
    case durationCritical
    case careSeeking
    case testSeeking
    case testAllocation
    case testResult
    case backgroundTests
    case deathRecording
    case isolation
    case prisonerRelease
    case seeding
    case calibration
    case postMortemTest
    case contactActivity
    /// Samples lost on the way to a laboratory in another province.
    case sampleLoss
    /// Forecasting's particle filter: random-walk steps, resampling and observation draws.
    case forecast
}
