/// What the day's bookkeeping needs to know about a newly infected agent.
struct InfectionFacts {
    var latentDays: UInt16
    var province: RegionIndex
    /// Where the agent lives, which differs from `province` only for prisoners; it names the agent's
    /// cell of the (province, age) index.
    var homeProvince: RegionIndex
    var ageBand: UInt8
    var isHealthWorker: Bool
    /// The agent's cell of the (district, age band, activity class) index.
    var homeCell: Int32

    @inline(__always)
    init(_ agent: Int, population: Population, history: NaturalHistory) {
        self.init(agent, location: population.location[agent], ageBand: population.ageBand[agent],
                  flags: population.flags[agent], population: population, history: history)
    }

    /// From the agent's columns already read.
    @inline(__always)
    init(_ agent: Int, location: RegionIndex, ageBand: UInt8, flags agentFlags: UInt8, population: Population, history: NaturalHistory) {
        latentDays = UInt16(history.latentDays(agent))
        province = location
        self.ageBand = ageBand
        isHealthWorker = agentFlags & AgentFlag.healthWorker != 0
        homeProvince = agentFlags & AgentFlag.imprisoned != 0 ? RegionIndex(population.homeProvince(of: agent)) : location
        // Read only when there are classes: one random load less per infection when there are not.
        let activity = population.activityClasses > 1 ? Int(population.activityClass[agent]) : 0
        // The district only when there are several: a binary search less per infection when there are not.
        let district = population.isSubdivided ? population.homeDistrict(of: agent) : Int(homeProvince)
        homeCell = Int32(population.cell(district: district, band: Int(ageBand), activity: activity))
    }
}

extension Simulation {
    /// A susceptible agent is infected today by a contact in `layer` (nil for seeded infections).
    func infect(_ agent: Int, day: Int, layer: ContactLayer?) {
        infect(agent, day: day, layer: layer, facts: InfectionFacts(agent, population: population, history: history))
    }

    /// `facts` are gathered in the parallel contact phase, so this sequential step touches only `state`.
    func infect(_ agent: Int, day: Int, layer: ContactLayer?, facts: InfectionFacts) {
        population.state[agent] = InfectionState.exposed.rawValue
        susceptibleIndex.leftSusceptible(cell: Int(facts.homeCell))
        let province = Int(facts.province)
        add(.infections, day: day, province: province)
        if facts.isHealthWorker { add(.healthWorkerInfections, day: day, province: province) }
        if let layer { infectionsByLayer[layer.rawValue] += 1 }
        districtSeries.infections[day * districtSeries.count + Int(facts.homeCell) / population.cellsPerDistrict] += 1
        infectionsByAge[Int(facts.ageBand)] += 1
        schedule(agent, after: Int(facts.latentDays), from: day)
    }

    func transitionWorker(day: Int) -> TransitionWorker {
        TransitionWorker(population: population, ledger: ledger, history: history, access: access,
                         observation: configuration.observation, testingAvailable: testsPerDay > 0,
                         confirmedAgents: confirmedAgents, caseRecordDays: caseRecordDays,
                         careSeekingStreams: StreamKey(seed: seed, purpose: .careSeeking),
                         deathRecordingStreams: StreamKey(seed: seed, purpose: .deathRecording),
                         testSeekingStreams: StreamKey(seed: seed, purpose: .testSeeking, day: day))
    }

    /// Moves every agent whose stage ends today to its next stage. Provinces run in parallel; within a
    /// province agents are taken in the order their stage ends were queued (itself fixed: queues are
    /// filled province by province), then their same-day follow-ups, so scarce beds go to the same
    /// people whatever the thread count.
    func processTransitions(day: Int) {
        let worker = transitionWorker(day: day)
        let queues = stageEnds
        let outputs = Parallel.map(count: provinceCount, threads: threads) { province in
            var output = TransitionOutput()
            let events = queues[province].take(day: day)
            guard !events.isEmpty else { return output }
            worker.process(events, day: day, &output)
            queues[province].append(output.scheduled, except: day)
            output.scheduled = []
            return output
        }
        for output in outputs { absorb(output) }
    }

    /// Appends a worker's output to the day's shared lists, in province order.
    func absorb(_ output: TransitionOutput) {
        becameInfectious += output.becameInfectious
        testSeekers += output.testSeekers
        postMortemSamples += output.postMortemSamples
        for band in 0..<AgeBands.count { deathsByAge[band] += output.deathsByAge[band] }
        for agent in output.died {
            districtSeries.deaths[currentDay * districtSeries.count + population.homeDistrict(of: Int(agent))] += 1
        }
    }

    /// A released prisoner's queued stage end (today's or later) moves with them to their home province.
    func relocateQueuedStageEnds(of agents: [Int: RegionIndex], from day: Int) {
        guard !agents.isEmpty else { return }
        for queue in stageEnds {
            for (future, event) in queue.removeMoving(agents, from: day) {
                var moved = event
                moved.province = agents[Int(event.agent)]!
                stageEnds[Int(moved.province)].append(moved, day: future)
            }
        }
    }
}
