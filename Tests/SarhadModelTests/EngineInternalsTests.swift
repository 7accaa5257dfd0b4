import Testing
@testable import SarhadModel

@Suite("Engine internals")
struct EngineInternalsTests {
    @Test("a stream key gives exactly the stream its seed, purpose and day give")
    func streamKeys() {
        for (purpose, day) in [(RandomPurpose.transmission, 17), (.durationMild, 0), (.testSeeking, 300)] {
            let key = StreamKey(seed: 42, purpose: purpose, day: day)
            for subject: UInt64 in [0, 1, 123_456_789, UInt64.max] {
                var keyed = CounterRandom(key, subject: subject)
                var direct = CounterRandom(seed: 42, purpose: purpose, day: day, subject: subject)
                #expect((0..<4).map { _ in keyed.next() } == (0..<4).map { _ in direct.next() })
            }
        }
    }

    /// Days of a list: arrivals merged into segments, some agents dropped, segments rebalanced. The walk
    /// the tasks describe must be the sorted union, and segments must stay near their size.
    @Test("the infectious list's tasks walk the sorted union of the listed and the arrivals, in segments near their size",
          arguments: [(0, 300_000), (300_000, 0), (250_000, 90_000), (10, 200_000), (1000, 500), (20_000, 5_000)])
    func infectiousListSegments(firstCount: Int, secondCount: Int) {
        var random = CounterRandom(seed: 3, purpose: .seeding, subject: UInt64(firstCount))
        var ids = Set<UInt32>()
        while ids.count < firstCount + secondCount { ids.insert(UInt32(truncatingIfNeeded: random.next() >> 40)) }
        let shuffled = Array(ids)
        var list = InfectiousList(segmentSize: 16384)
        list.replace(with: [shuffled.prefix(firstCount).sorted()])
        let arrivals = shuffled.suffix(secondCount).sorted()
        let tasks = list.tasks(arrivals: arrivals)
        var walked = [UInt32]()
        var kept = [[UInt32]]()
        for task in tasks {
            let listed = task.segment.map { list.segments[$0] } ?? []
            let merged = (listed + arrivals[task.arrivals]).sorted()
            walked += merged
            kept.append(merged.filter { $0 % 3 != 0 })
        }
        #expect(walked == shuffled.sorted())
        list.replace(with: kept)
        #expect(list.segments.flatMap { $0 } == shuffled.sorted().filter { $0 % 3 != 0 })
        let size = list.size(forListOf: list.count)
        #expect(list.segments.allSatisfy { $0.count <= 2 * size })
        #expect(list.segments.count <= 2 * (list.count / size + 1))
        // A short list is still cut for both threads.
        if list.count >= InfectiousList.smallListTasks * InfectiousList.minimumSegment {
            #expect(list.segments.count >= InfectiousList.smallListTasks / 2)
        }
    }

    @Test("segments grow with the population from 4,096 to 16,384 agents, by powers of two")
    func segmentSizeFollowsPopulation() {
        #expect(InfectiousList(population: 10_000).segmentSize == 4096)
        #expect(InfectiousList(population: 1_000_000).segmentSize == 4096)
        #expect(InfectiousList(population: 2_000_000).segmentSize == 8192)
        #expect(InfectiousList(population: 4_000_000).segmentSize == 16384)
        #expect(InfectiousList(population: 38_400_000).segmentSize == 16384)
    }

    /// Prisoners are held in another province (half of them centrally) and 100 are released on day 40,
    /// in mid-epidemic: their queued stage ends must move home with them, or a transition would be
    /// booked in the prison's province (and the debug build's consistency check would stop the run).
    @Test("per-province stocks match the agents after prisoners are released mid-epidemic")
    func stocksAfterRelease() {
        let simulation = Simulation(configuration: TestConfigurations.twoProvinces(), seed: 5, threads: 2)
        let result = simulation.run()
        #expect(result.total(.prisonersReleased) == 100)
        let population = simulation.population
        var infectious = [Int](repeating: 0, count: population.provinceCount)
        var severe = infectious, critical = infectious
        for agent in 0..<population.count {
            let state = InfectionState(rawValue: population.state[agent])!
            let province = Int(population.location[agent])
            if state.isInfectious { infectious[province] += 1 }
            if state == .severe { severe[province] += 1 }
            if state == .critical { critical[province] += 1 }
        }
        #expect(infectious == Array(simulation.ledger.infectious))
        #expect(severe == Array(simulation.ledger.severe))
        #expect(critical == Array(simulation.ledger.critical))
        #expect(result.total(.infections) > 1000)
    }
}
