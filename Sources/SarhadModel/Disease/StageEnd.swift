/// The end of an infected agent's current stage, as queued for its day. It carries what the transition
/// needs to know about the agent — the stage, age band and province, none of which change while the
/// stage lasts — so the common transitions write the agent's state without first reading four columns
/// scattered over 38 million agents (each read a likely cache miss).
struct StageEnd: Sendable, Equatable {
    var agent: UInt32
    var state: InfectionState
    var ageBand: UInt8
    /// Where the agent is (`Population.location`); kept right when a prisoner is released.
    var province: RegionIndex
}

/// A stage end and its day, as a worker schedules it.
struct ScheduledStageEnd: Sendable {
    var day: Int32
    var event: StageEnd
}
