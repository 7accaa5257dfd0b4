/// A would-be infection found in the read-only contact phase, applied in the merge.
struct TransmissionCandidate {
    var target: UInt32
    var layer: UInt8
}

extension Simulation {
    /// Infectors per parallel task. Fixed, so the concatenated candidates have the same order
    /// whatever the number of threads.
    static let infectorsPerTask = 2048

    /// Draws today's transmission events from every infectious agent, in parallel over fixed chunks,
    /// then applies them in chunk order: the first candidate to reach a susceptible infects it.
    func transmit(day: Int) {
        refreshInfectiousAgents()
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
        let susceptible = InfectionState.susceptible.rawValue
        for task in 0..<tasks {
            for candidate in results[task] where population.state[Int(candidate.target)] == susceptible {
                infect(Int(candidate.target), day: day, layer: ContactLayer(rawValue: Int(candidate.layer)))
            }
        }
    }

    /// Drops agents no longer infectious and appends those who became infectious, keeping order.
    func refreshInfectiousAgents() {
        var kept = [UInt32]()
        kept.reserveCapacity(infectiousAgents.count + becameInfectious.count)
        let state = population.state
        for agent in infectiousAgents where InfectionState(rawValue: state[Int(agent)])!.isInfectious {
            kept.append(agent)
        }
        for agent in becameInfectious where InfectionState(rawValue: state[Int(agent)])!.isInfectious {
            kept.append(agent)
        }
        becameInfectious.removeAll(keepingCapacity: true)
        infectiousAgents = kept
    }
}
