/// What a task of the transition phase leaves for the sequential merge, beyond the in-place updates
/// of the agents and provinces it owns.
struct TransitionOutput: Sendable {
    var scheduled: [ScheduledStageEnd] = []
    var becameInfectious: [UInt32] = []
    var testSeekers: [UInt32] = []
    var postMortemSamples: [PostMortemSample] = []
    var deathsByAge = [Int64](repeating: 0, count: AgeBands.count)
    /// Agents who died, for the deaths by district.
    var died: [UInt32] = []
}

/// A sample taken from someone who died unconfirmed, waiting for today's tests.
struct PostMortemSample: Sendable {
    var agent: UInt32
    var province: Int32
    var inHospital: Bool
}

/// The natural history applied to agents whose stage ends today. One worker serves every task: it
/// writes only to the agents it is given and to the ledger cells of their province, so tasks that own
/// different provinces run at once, and within a province agents are taken in a fixed order.
struct TransitionWorker: @unchecked Sendable {
    let population: Population
    let ledger: Ledger
    let history: NaturalHistory
    let access: [Double]
    let observation: ObservationParameters
    let testingAvailable: Bool
    /// Confirmed agents and the province whose record holds their case.
    let confirmedAgents: [UInt32: Int32]
    /// When a confirmed case whose sample travelled reaches the record (`Simulation.caseRecordDays`).
    let caseRecordDays: [UInt32: Int32]
    let careSeekingStreams: StreamKey
    let deathRecordingStreams: StreamKey
    /// Today's: a worker serves one day.
    let testSeekingStreams: StreamKey

    /// Queues the end of the stage `event` has just entered, `days` from `day`.
    @inline(__always)
    func schedule(_ event: StageEnd, _ state: InfectionState, after days: Int, from day: Int, _ output: inout TransitionOutput) {
        let due = day + days
        var next = event
        next.state = state
        if due <= ledger.dayCount { output.scheduled.append(ScheduledStageEnd(day: Int32(due), event: next)) }
    }

    /// Processes `events` (all in one province, in order) and any same-day follow-ups they schedule.
    func process(_ events: [StageEnd], day: Int, _ output: inout TransitionOutput) {
        // Each stage end queues at most one more and makes at most one agent infectious: growing these
        // from empty every day cost more than the transitions' own arithmetic.
        output.scheduled.reserveCapacity(events.count + events.count / 8)
        output.becameInfectious.reserveCapacity(events.count)
        for event in events { advance(event, day: day, &output) }
        var next = 0
        while next < output.scheduled.count {
            let scheduled = output.scheduled[next]
            next += 1
            if Int(scheduled.day) == day { advance(scheduled.event, day: day, &output) }
        }
    }

    @inline(__always)
    func advance(_ event: StageEnd, day: Int, _ output: inout TransitionOutput) {
        let agent = Int(event.agent)
        let band = Int(event.ageBand)
        let province = Int(event.province)
        assert(population.state[agent] == event.state.rawValue && population.location[agent] == event.province,
               "a queued stage end no longer matches its agent")
        switch event.state {
        case .exposed:
            ledger.infectious[province] += 1
            output.becameInfectious.append(UInt32(agent))
            if history.isSymptomatic(agent, ageBand: band) {
                population.state[agent] = InfectionState.presymptomatic.rawValue
                schedule(event, .presymptomatic, after: history.presymptomaticDays(agent), from: day, &output)
            } else {
                population.state[agent] = InfectionState.asymptomatic.rawValue
                schedule(event, .asymptomatic, after: history.asymptomaticDays(agent), from: day, &output)
            }
        case .presymptomatic:
            population.state[agent] = InfectionState.mild.rawValue
            ledger.add(.symptomaticOnsets, day: day, province: province)
            seekTest(agent, probability: observation.testSeekingMild, province: province, &output)
            let severe = history.becomesSevere(agent, ageBand: band)
            schedule(event, .mild, after: history.mildDays(agent, severe: severe), from: day, &output)
        case .mild:
            if history.becomesSevere(agent, ageBand: band) {
                becomeSevere(event, day: day, &output)
            } else {
                recoverOutsideCare(agent, province: province)
            }
        case .asymptomatic:
            recoverOutsideCare(agent, province: province)
        case .severe:
            ledger.severe[province] -= 1
            if history.becomesCritical(agent, ageBand: band) {
                becomeCritical(event, day: day, &output)
            } else if history.severeDies(agent, hasBed: population.flags[agent] & AgentFlag.inHospitalBed != 0) {
                die(agent, band: band, province: province, day: day, &output)
            } else {
                recover(agent, province: province)
            }
        case .critical:
            ledger.critical[province] -= 1
            let inCare = population.flags[agent] & AgentFlag.inIntensiveCare != 0
            if history.criticalDies(agent, ageBand: band, inIntensiveCare: inCare) {
                die(agent, band: band, province: province, day: day, &output)
            } else {
                recover(agent, province: province)
            }
        case .susceptible, .recovered, .dead:
            break
        }
    }

    func becomeSevere(_ event: StageEnd, day: Int, _ output: inout TransitionOutput) {
        let agent = Int(event.agent), band = Int(event.ageBand), province = Int(event.province)
        population.state[agent] = InfectionState.severe.rawValue
        ledger.severe[province] += 1
        if seeksCare(agent), ledger.bedsOccupied[province] < ledger.bedCapacity[province] {
            ledger.bedsOccupied[province] += 1
            population.flags[agent] |= AgentFlag.inHospitalBed
            ledger.add(.hospitalAdmissions, day: day, province: province)
        }
        seekTest(agent, probability: observation.testSeekingSevere, province: province, &output)
        let critical = history.becomesCritical(agent, ageBand: band)
        let dies = !critical && history.severeDies(agent, hasBed: population.flags[agent] & AgentFlag.inHospitalBed != 0)
        schedule(event, .severe, after: history.severeDays(agent, critical: critical, dies: dies), from: day, &output)
    }

    func becomeCritical(_ event: StageEnd, day: Int, _ output: inout TransitionOutput) {
        let agent = Int(event.agent), band = Int(event.ageBand), province = Int(event.province)
        population.state[agent] = InfectionState.critical.rawValue
        ledger.critical[province] += 1
        let hadBed = population.flags[agent] & AgentFlag.inHospitalBed != 0
        if hadBed || seeksCare(agent), ledger.intensiveCareOccupied[province] < ledger.intensiveCareCapacity[province] {
            if hadBed {
                ledger.bedsOccupied[province] -= 1
                population.flags[agent] &= ~AgentFlag.inHospitalBed
            }
            ledger.intensiveCareOccupied[province] += 1
            population.flags[agent] |= AgentFlag.inIntensiveCare
            ledger.add(.intensiveCareAdmissions, day: day, province: province)
        }
        seekTest(agent, probability: observation.testSeekingCritical, province: province, &output)
        let inCare = population.flags[agent] & AgentFlag.inIntensiveCare != 0
        let dies = history.criticalDies(agent, ageBand: band, inIntensiveCare: inCare)
        schedule(event, .critical, after: history.criticalDays(agent, dies: dies), from: day, &output)
    }

    /// Whether a severely ill agent reaches a hospital at all: conflict and distance decide.
    func seeksCare(_ agent: Int) -> Bool {
        CounterRandom(careSeekingStreams, subject: UInt64(agent)).openingUniform < access[population.homeProvince(of: agent)]
    }

    /// A case decides at onset whether to seek a test; access scales the decision. A person already
    /// confirmed does not seek another.
    func seekTest(_ agent: Int, probability: Double, province: Int, _ output: inout TransitionOutput) {
        guard testingAvailable else { return }
        // The draw first: it is cheap and usually says no, and the set lookup hashes.
        let draw = CounterRandom(testSeekingStreams, subject: UInt64(agent)).openingUniform
        if draw < probability * access[province], confirmedAgents[UInt32(agent)] == nil {
            output.testSeekers.append(UInt32(agent))
        }
    }

    func leaveCare(_ agent: Int, province: Int) {
        let flags = population.flags[agent]
        if flags & AgentFlag.inHospitalBed != 0 { ledger.bedsOccupied[province] -= 1 }
        if flags & AgentFlag.inIntensiveCare != 0 { ledger.intensiveCareOccupied[province] -= 1 }
        population.flags[agent] &= ~(AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare)
    }

    func recover(_ agent: Int, province: Int) {
        leaveCare(agent, province: province)
        recoverOutsideCare(agent, province: province)
    }

    /// Mild and asymptomatic cases are never in a hospital bed: no flags to read.
    func recoverOutsideCare(_ agent: Int, province: Int) {
        population.state[agent] = InfectionState.recovered.rawValue
        ledger.infectious[province] -= 1
    }

    func die(_ agent: Int, band: Int, province: Int, day: Int, _ output: inout TransitionOutput) {
        let inCare = population.flags[agent] & (AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare) != 0
        leaveCare(agent, province: province)
        population.state[agent] = InfectionState.dead.rawValue
        ledger.infectious[province] -= 1
        ledger.add(.deaths, day: day, province: province)
        if !inCare { ledger.add(.deathsWithoutCare, day: day, province: province) }
        output.deathsByAge[band] += 1
        output.died.append(UInt32(agent))
        recordDeath(agent, inHospital: inCare, province: province, day: day, &output)
    }

    /// A death enters the record only as the death of a confirmed case, as the ministry counted them:
    /// a confirmed case's death is recorded (with follow-up's probability) in the province that holds
    /// the case; an unconfirmed one may get a post-mortem sample, tested with today's capacity.
    func recordDeath(_ agent: Int, inHospital: Bool, province: Int, day: Int, _ output: inout TransitionOutput) {
        let draw = CounterRandom(deathRecordingStreams, subject: UInt64(agent)).openingUniform
        if let caseProvince = confirmedAgents[UInt32(agent)] {
            // Never before the case itself, which waits for a travelling sample's result.
            let reportDay = max(day + observation.recordedDeathDelayDays, Int(caseRecordDays[UInt32(agent)] ?? 0))
            if draw < observation.deathRecordingOfConfirmed, reportDay < ledger.dayCount {
                ledger.add(.recordedDeaths, day: reportDay, province: Int(caseProvince))
            }
            return
        }
        guard testingAvailable else { return }
        let probability = inHospital ? observation.postMortemTestingInHospital
            : observation.postMortemTestingElsewhere * access[province]
        if draw < probability {
            output.postMortemSamples.append(PostMortemSample(agent: UInt32(agent), province: Int32(province),
                                                             inHospital: inHospital))
        }
    }
}
