/// A would-be infection found in the read-only contact phase, applied in the merge.
struct TransmissionCandidate {
    var target: UInt32
    var layer: UInt8
    /// Read and drawn in the parallel phase (pure functions of the target and of fixed columns).
    var facts: InfectionFacts
}

extension Simulation {
    /// Infectors per parallel task. Fixed, so the concatenated candidates have the same order
    /// whatever the number of threads.
    static let infectorsPerTask = 2048

    /// Draws today's transmission events from every infectious agent, in parallel over fixed chunks,
    /// then applies them in chunk order: the first candidate to reach a susceptible infects it.
    func transmit(day: Int) {
        var clock = Stopwatch()
        refreshInfectiousAgents()
        phaseSeconds[.infectiousList, default: 0] += clock.lap()
        let infectors = infectiousAgents.count
        guard infectors > 0 else { return }
        let tasks = (infectors + Simulation.infectorsPerTask - 1) / Simulation.infectorsPerTask
        let results = UnsafeMutableBufferPointer<[TransmissionCandidate]>.allocate(capacity: tasks)
        results.initialize(repeating: [])
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let kernel = TransmissionKernel(simulation: self, day: day)
        let output = SharedBuffer(results.baseAddress!)
        let agents = infectiousAgents
        Parallel.forEach(tasks: tasks, threads: threads) { task in
            let start = task * Simulation.infectorsPerTask
            let end = min(agents.count, start + Simulation.infectorsPerTask)
            output.base[task] = agents.withUnsafeBufferPointer { kernel.candidates(from: $0[start..<end]) }
        }
        phaseSeconds[.contacts, default: 0] += clock.lap()
        let susceptible = InfectionState.susceptible.rawValue
        for task in 0..<tasks {
            for candidate in results[task] where population.state[Int(candidate.target)] == susceptible {
                infect(Int(candidate.target), day: day, layer: ContactLayer(rawValue: Int(candidate.layer)),
                       facts: candidate.facts)
            }
        }
    }

    /// Keeps the infectious agents sorted by id: drops those no longer infectious and merges in those who
    /// became infectious. Walking agents in id order turns the day's scattered reads into forward scans.
    func refreshInfectiousAgents() {
        let state = population.state
        RadixSort.sort(&becameInfectious, scratch: &sortScratch)
        var merged = [UInt32]()
        merged.reserveCapacity(infectiousAgents.count + becameInfectious.count)
        var newIndex = 0
        for agent in infectiousAgents where InfectionState(rawValue: state[Int(agent)])!.isInfectious {
            while newIndex < becameInfectious.count && becameInfectious[newIndex] < agent {
                let candidate = becameInfectious[newIndex]
                if InfectionState(rawValue: state[Int(candidate)])!.isInfectious { merged.append(candidate) }
                newIndex += 1
            }
            merged.append(agent)
        }
        while newIndex < becameInfectious.count {
            let candidate = becameInfectious[newIndex]
            if InfectionState(rawValue: state[Int(candidate)])!.isInfectious { merged.append(candidate) }
            newIndex += 1
        }
        becameInfectious.removeAll(keepingCapacity: true)
        infectiousAgents = merged
    }
}
