/// What applying one province's infections leaves for the sequential merge.
struct InfectionOutput: Sendable {
    var byLayer = [Int64](repeating: 0, count: ContactLayer.allCases.count)
    var byAge = [Int64](repeating: 0, count: AgeBands.count)
    /// Each infection's (home district, age, activity) cell, in order: a list rather than a count per cell,
    /// since there are tens of thousands of cells with districts and a province infects few of them a day.
    var homeCells: [Int32] = []
}

/// What one chunk of the contact phase leaves: its candidates, and which of its listed agents are
/// still infectious (in id order), for tomorrow's list.
struct KernelChunk {
    var candidates: [TransmissionCandidate] = []
    var stillInfectious: [UInt32] = []
}

/// A would-be infection found in the read-only contact phase, applied in the merge.
struct TransmissionCandidate {
    var target: UInt32
    var layer: UInt8
    /// Read and drawn in the parallel phase (pure functions of the target and of fixed columns).
    var facts: InfectionFacts
}

extension Simulation {
    /// Draws today's transmission events from every infectious agent, in parallel over the infectious
    /// list's segments, then applies them in segment order: the first candidate to reach a susceptible infects it.
    func transmit(day: Int) {
        var clock = Stopwatch()
        RadixSort.sort(&becameInfectious, scratch: &sortScratch)
        let arrivals = becameInfectious
        let tasks = infectiousAgents.tasks(arrivals: arrivals)
        becameInfectious.removeAll(keepingCapacity: true)
        phaseSeconds[.infectiousList, default: 0] += clock.lap()
        guard !tasks.isEmpty else { return }
        let results = UnsafeMutableBufferPointer<KernelChunk>.allocate(capacity: tasks.count)
        results.initialize(repeating: KernelChunk())
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let kernel = TransmissionKernel(simulation: self, day: day, rates: currentRates())
        let output = SharedBuffer(results.baseAddress!)
        let segments = infectiousAgents.segments
        let workSpaces = kernelWorkSpaces
        Parallel.forEach(tasks: tasks.count, threads: threads) { worker, index in
            let task = tasks[index]
            let listed = task.segment.map { segments[$0] } ?? []
            output.base[index] = listed.withUnsafeBufferPointer { listed in
                arrivals.withUnsafeBufferPointer {
                    kernel.chunk(listed: listed, arrivals: $0[task.arrivals], workSpace: workSpaces[worker])
                }
            }
        }
        phaseSeconds[.contacts, default: 0] += clock.lap()
        infectiousAgents.replace(with: results.map(\.stillInfectious))
        phaseSeconds[.infectiousList, default: 0] += clock.lap()
        applyInfections(results, day: day)
    }

    /// Applies the candidates province by province in parallel. A target belongs to one province, and
    /// each province takes its candidates in chunk order, so the first to reach a susceptible infects it
    /// whatever the number of threads.
    func applyInfections(_ results: UnsafeMutableBufferPointer<KernelChunk>, day: Int) {
        let grouped = CandidatesByProvince(results, provinceCount: provinceCount, threads: threads)
        defer { grouped.deallocate() }
        let state = SharedBuffer(population.state.baseAddress!)
        let ledger = ledger
        let lastDay = dayCount
        let queues = stageEnds
        let outputs = Parallel.map(count: provinceCount, threads: threads) { province in
            var output = InfectionOutput()
            var scheduled = [ScheduledStageEnd]()
            let candidates = grouped.candidates(inProvince: province)
            scheduled.reserveCapacity(candidates.count)
            output.homeCells.reserveCapacity(candidates.count)
            for candidate in candidates where state.base[Int(candidate.target)] == InfectionState.susceptible.rawValue {
                state.base[Int(candidate.target)] = InfectionState.exposed.rawValue
                ledger.add(.infections, day: day, province: province)
                if candidate.facts.isHealthWorker { ledger.add(.healthWorkerInfections, day: day, province: province) }
                output.byLayer[Int(candidate.layer)] += 1
                output.byAge[Int(candidate.facts.ageBand)] += 1
                output.homeCells.append(candidate.facts.homeCell)
                let due = day + Int(candidate.facts.latentDays)
                if due <= lastDay {
                    scheduled.append(ScheduledStageEnd(
                        day: Int32(due), event: StageEnd(agent: candidate.target, state: .exposed, ageBand: candidate.facts.ageBand,
                                                         province: candidate.facts.province)))
                }
            }
            queues[province].append(scheduled, except: -1)
            return output
        }
        for output in outputs {
            for layer in 0..<infectionsByLayer.count { infectionsByLayer[layer] += output.byLayer[layer] }
            for band in 0..<AgeBands.count { infectionsByAge[band] += output.byAge[band] }
            // One call each per province's list: an access to a stored property per infection is checked
            // for exclusivity each time.
            susceptibleIndex.leftSusceptible(cells: output.homeCells)
            districtSeries.addInfections(day: day, cells: output.homeCells, cellsPerDistrict: population.cellsPerDistrict)
        }
        var clock = Stopwatch()
        if susceptibleIndex.compact(population: population, threads: threads) {
            contactTargets.update(listed: susceptibleIndex.listed, bandResidents: susceptibleIndex.bandResidents,
                                  threads: threads)
        }
        phaseSeconds[.susceptibleIndex, default: 0] += clock.lap()
    }
}

/// The day's candidates in one buffer, province by province, each province's in chunk order: a counting
/// sort over the chunks' lists, without a list per province to grow. Chunks are counted and scattered in
/// parallel (each chunk writes its own stretch of every province's run); only the offsets are serial.
struct CandidatesByProvince: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<TransmissionCandidate>
    private let start: [Int]

    init(_ chunks: UnsafeMutableBufferPointer<KernelChunk>, provinceCount: Int, threads: Int = 1) {
        let chunkCount = chunks.count
        // `[chunk * provinceCount + province]`: first each chunk's count, then where its candidates go.
        let positions = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, chunkCount * provinceCount))
        positions.initialize(repeating: 0)
        defer { positions.deallocate() }
        let shared = SharedBuffer(positions.baseAddress!), source = SharedBuffer(chunks.baseAddress!)
        Parallel.forEach(tasks: chunkCount, threads: threads) { chunk in
            let counts = shared.base + chunk * provinceCount
            source.base[chunk].candidates.withUnsafeBufferPointer {
                for candidate in $0 { counts[Int(candidate.facts.province)] += 1 }
            }
        }
        var offsets = [Int](repeating: 0, count: provinceCount + 1)
        for chunk in 0..<chunkCount {
            for province in 0..<provinceCount { offsets[province + 1] += positions[chunk * provinceCount + province] }
        }
        for province in 0..<provinceCount { offsets[province + 1] += offsets[province] }
        var next = Array(offsets.dropLast())
        for chunk in 0..<chunkCount {
            for province in 0..<provinceCount {
                let count = positions[chunk * provinceCount + province]
                positions[chunk * provinceCount + province] = next[province]
                next[province] += count
            }
        }
        let buffer = UnsafeMutableBufferPointer<TransmissionCandidate>.allocate(capacity: max(1, offsets[provinceCount]))
        let target = SharedBuffer(buffer.baseAddress!)
        Parallel.forEach(tasks: chunkCount, threads: threads) { chunk in
            let next = shared.base + chunk * provinceCount
            source.base[chunk].candidates.withUnsafeBufferPointer { candidates in
                for candidate in candidates {
                    let province = Int(candidate.facts.province)
                    (target.base + next[province]).initialize(to: candidate)
                    next[province] += 1
                }
            }
        }
        self.buffer = buffer
        start = offsets
    }

    func candidates(inProvince province: Int) -> UnsafeBufferPointer<TransmissionCandidate> {
        UnsafeBufferPointer(rebasing: buffer[start[province]..<start[province + 1]])
    }

    /// The candidates are plain values: nothing to deinitialise.
    func deallocate() { buffer.deallocate() }
}
