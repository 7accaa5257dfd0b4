/// What the day's bookkeeping needs to know about a newly infected agent.
struct InfectionFacts {
    var latentDays: UInt16
    var province: UInt8
    var ageBand: UInt8
    var isHealthWorker: Bool

    @inline(__always)
    init(_ agent: Int, population: Population, history: NaturalHistory) {
        latentDays = UInt16(history.latentDays(agent))
        province = population.location[agent]
        ageBand = population.ageBand[agent]
        isHealthWorker = population.flags[agent] & AgentFlag.healthWorker != 0
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
        let province = Int(facts.province)
        add(.infections, day: day, province: province)
        if facts.isHealthWorker { add(.healthWorkerInfections, day: day, province: province) }
        if let layer { infectionsByLayer[layer.rawValue] += 1 }
        infectionsByAge[Int(facts.ageBand)] += 1
        schedule(agent, after: Int(facts.latentDays), from: day)
    }

    var transitionWorker: TransitionWorker {
        TransitionWorker(population: population, ledger: ledger, history: history, seed: seed, access: access,
                         observation: configuration.observation, testingAvailable: testsPerDay > 0,
                         confirmedAgents: confirmedAgents)
    }

    /// Moves every agent whose stage ends today to its next stage. Provinces run in parallel; within a
    /// province agents are taken in id order, then their same-day follow-ups, so scarce beds go to the
    /// same people whatever the thread count.
    func processTransitions(day: Int) {
        let due = transitionsDue[day]
        guard !due.isEmpty else { return }
        var byProvince = [[UInt32]](repeating: [], count: provinceCount)
        var sorted = due
        RadixSort.sort(&sorted, scratch: &sortScratch)
        for agent in sorted { byProvince[Int(population.location[Int(agent)])].append(agent) }
        let outputs = UnsafeMutableBufferPointer<TransitionOutput>.allocate(capacity: provinceCount)
        outputs.initialize(repeating: TransitionOutput())
        defer {
            outputs.deinitialize()
            outputs.deallocate()
        }
        let worker = transitionWorker
        let shared = SharedBuffer(outputs.baseAddress!)
        let lists = byProvince
        Parallel.forEach(tasks: provinceCount, threads: threads) { province in
            worker.process(lists[province][...], day: day, &shared.base[province])
        }
        for output in outputs { absorb(output, day: day) }
    }

    /// Appends a worker's output to the day's shared lists, in province order.
    func absorb(_ output: TransitionOutput, day: Int) {
        for event in output.scheduled where Int(event.day) != day {
            transitionsDue[Int(event.day)].append(event.agent)
        }
        becameInfectious += output.becameInfectious
        testSeekers += output.testSeekers
        for band in 0..<AgeBands.count { deathsByAge[band] += output.deathsByAge[band] }
    }
}
