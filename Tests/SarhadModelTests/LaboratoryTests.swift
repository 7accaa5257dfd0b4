import Testing
@testable import SarhadModel

/// Tests come from laboratories: routing to the nearest open one, samples that travel late and get
/// lost, each laboratory's capacity, and the old national pool unchanged.
@Suite("Laboratories: routing, transport, capacity")
struct LaboratoryTests {
    /// Three provinces west to east; laboratories in the western and eastern ones.
    static func threeProvinces() -> ModelConfiguration {
        var configuration = TestConfigurations.twoProvinces()
        configuration.provinces = [
            Province(code: "W", name: "West", latitude: 34.3, longitude: 62.2, populationWeight: 1),
            Province(code: "M", name: "Middle", latitude: 34.4, longitude: 67.5, populationWeight: 1),
            Province(code: "E", name: "East", latitude: 34.5, longitude: 69.2, populationWeight: 1),
        ]
        configuration.access = AccessParameters(access: [1, 0.5, 0.9])
        configuration.health = HealthSystemParameters(beds: [40, 30, 60], intensiveCare: [4, 3, 6])
        configuration.importation.destinationWeights = [3, 1, 1]
        configuration.settings.healthWorkersPerThousand = [2, 2, 2]
        configuration.settings.idpProvinceWeights = [1, 1, 1]
        configuration.laboratories = [Laboratory(name: "West lab", province: 0), Laboratory(name: "East lab", province: 2)]
        configuration.observation.initialTestsPerDay = 0
        configuration.observation.sampleTransport = SampleTransportParameters(baseDelayDays: 1, extraDelayDays: 4, maximumLoss: 0.3)
        configuration.timeline = [TimelineEvent(date: TestConfigurations.start, action: .testCapacity(perDay: 10, laboratory: "East lab"))]
        return configuration
    }

    /// Middle is 450 km from West and 155 km from East: it goes east while East is open, west when only
    /// West is; each laboratory's own province sends without delay or loss (exact).
    @Test("a province without a laboratory sends its samples to the nearest open one")
    func routing() {
        var capacity = TestingCapacity(configuration: Self.threeProvinces())
        #expect(capacity.usesLaboratories)
        #expect(capacity.queueOfProvince == [nil, nil, nil])
        capacity.apply(perDay: 10, laboratory: "East lab")
        // Only East open: everyone goes east.
        #expect(capacity.queueCapacity == [10])
        #expect(capacity.queueOfProvince == [0, 0, 0])
        capacity.apply(perDay: 20, laboratory: "West lab")
        #expect(capacity.queueCapacity == [20, 10])
        #expect(capacity.queueOfProvince == [0, 1, 1])
        #expect(capacity.transportDelayDays == [0, 3, 0])  // round(1 + 4 × 0.5)
        #expect(capacity.lossProbability == [0, 0.15, 0])   // 0.3 × 0.5
        capacity.apply(perDay: 0, laboratory: "East lab")
        #expect(capacity.queueOfProvince == [0, 0, 0])
        #expect(capacity.transportDelayDays == [0, 3, 1])  // East: round(1 + 4 × 0.1)
        capacity.apply(perDay: 0, laboratory: "West lab")
        #expect(capacity.queueOfProvince == [nil, nil, nil])
        #expect(capacity.national == 0)
    }

    /// 2,000 seekers in Middle (loss 0.15, delay 3) with capacity to spare and a perfect test: the
    /// tested count is binomial(2,000, 0.85), SD 16.0, checked within 4 SD (false alarm 6e-5); each is
    /// recorded exactly reporting delay + 3 days later, none earlier (exact), in Middle.
    @Test("samples from a province without a laboratory arrive late and some are lost")
    func delayAndLoss() {
        var configuration = Self.threeProvinces()
        configuration.observation.backgroundTestSeekersPer100k = 0
        configuration.observation.testSensitivity = 1
        let simulation = Simulation(configuration: configuration, seed: 5, threads: 1)
        simulation.applyTimeline(day: 0)
        simulation.testing.apply(perDay: 1e7, laboratory: "East lab")
        let middle = (0..<simulation.population.count).filter { simulation.population.location[$0] == 1 }.prefix(2000)
        #expect(middle.count == 2000)
        for agent in middle {
            simulation.population.flags[agent] &= ~(AgentFlag.healthWorker | AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare)
            simulation.testSeekers.append(UInt32(agent))
        }
        let day = 10, delay = configuration.observation.reportingDelayDays
        simulation.performTests(day: day)
        let tested = simulation.ledger.value(.tests, day: day, province: 1)
        #expect(abs(Double(tested) - 1700) <= 4 * 15.97, "tested: \(tested)")
        #expect(simulation.ledger.value(.confirmed, day: day + delay + 3, province: 1) == tested)
        for earlier in day..<(day + delay + 3) { #expect(simulation.ledger.value(.confirmed, day: earlier, province: 1) == 0) }
        #expect(simulation.caseRecordDays.count == Int(tested))
    }

    /// Post-mortem samples and their deaths: the death of a case whose sample travelled is recorded no
    /// earlier than the case (exact).
    @Test("a travelling post-mortem sample records the death no earlier than the case")
    func postMortemDelay() {
        var configuration = Self.threeProvinces()
        configuration.observation.sampleTransport = SampleTransportParameters(baseDelayDays: 5, extraDelayDays: 0, maximumLoss: 0)
        configuration.observation.testSensitivity = 1
        configuration.observation.backgroundTestSeekersPer100k = 0
        let simulation = Simulation(configuration: configuration, seed: 5, threads: 1)
        simulation.applyTimeline(day: 0)
        simulation.postMortemSamples = [PostMortemSample(agent: 3, province: 1, inHospital: false)]
        simulation.performTests(day: 20)
        let observation = configuration.observation
        #expect(simulation.ledger.value(.confirmed, day: 20 + observation.reportingDelayDays + 5, province: 1) == 1)
        #expect(simulation.ledger.value(.recordedDeaths, day: 20 + max(observation.deathReportingDelayDays,
                                                                        observation.reportingDelayDays + 5), province: 1) == 1)
    }

    /// A whole run with West opening on day 15: each day, the tests of the provinces a laboratory serves
    /// stay within its capacity. Within a step the lottery meets capacity in expectation, so a day's
    /// count is at most binomial with mean ≤ capacity: checked against capacity + 5 √capacity + 1 per
    /// laboratory-day (false alarm below 3e-7 each, below 1e-4 over the run). And demand exceeds
    /// capacity: over the run the tests reach at least half the capacity (exact on this seed).
    @Test("each laboratory's daily capacity is respected")
    func capacityEveryDay() {
        var configuration = Self.threeProvinces()
        configuration.populationScale = 1
        configuration.observation.backgroundTestSeekersPer100k = 200
        configuration.timeline.append(TimelineEvent(date: TestConfigurations.start.adding(days: 15),
                                                    action: .testCapacity(perDay: 6, laboratory: "West lab")))
        let result = Simulation(configuration: configuration, seed: 21, threads: 2).run()
        var totalTests: Int64 = 0, totalCapacity = 0.0
        for day in 0..<result.dayCount {
            let tests = (0..<3).map { result.value(day: day, province: $0, measure: .tests) }
            let queues: [(provinces: [Int], capacity: Double)] = day < 15 ? [([0, 1, 2], 10)] : [([0], 6), ([1, 2], 10)]
            for queue in queues {
                let served = queue.provinces.reduce(Int64(0)) { $0 + tests[$1] }
                #expect(Double(served) <= queue.capacity + 5 * queue.capacity.squareRoot() + 1, "day \(day): \(served) tests")
                totalTests += served
                totalCapacity += queue.capacity
            }
        }
        #expect(Double(totalTests) >= 0.5 * totalCapacity)
    }

    /// Laboratories listed but no event naming one: the national pool, the same results to the last
    /// count. And one laboratory with instant, lossless transport is the national pool too (exact).
    @Test("a scenario without laboratory events, or with one lossless laboratory, gives the national pool's results")
    func nationalPoolUnchanged() {
        var national = TestConfigurations.twoProvinces()
        national.observation.sampleTransport = .standard
        let reference = Simulation(configuration: national, seed: 9, threads: 2).run()

        var listed = national
        listed.laboratories = [Laboratory(name: "Capital lab", province: 1)]
        #expect(!listed.usesLaboratories)
        #expect(Simulation(configuration: listed, seed: 9, threads: 2).run().values == reference.values)

        var oneLaboratory = listed
        oneLaboratory.observation.sampleTransport = .none
        oneLaboratory.timeline = oneLaboratory.timeline.map { event in
            guard case .testCapacity(let perDay, nil) = event.action else { return event }
            var named = event
            named.action = .testCapacity(perDay: perDay, laboratory: "Capital lab")
            return named
        }
        #expect(oneLaboratory.usesLaboratories)
        let viaLaboratory = Simulation(configuration: oneLaboratory, seed: 9, threads: 2).run()
        #expect(viaLaboratory.values == reference.values)
        #expect(reference.total(.tests) > 0)
    }

    /// The age bands' survey adds back to the provinces': residents exactly; positives within the
    /// rounding of 2 provinces and 16 bands (each ±0.5).
    /// With and without activity classes: a band's residents span all its classes' cells of the index.
    @Test("seroprevalence by age band, weighted by residents, sums back to the national figure", arguments: [1, 4])
    func seroprevalenceByAge(activityClasses: Int) {
        var configuration = TestConfigurations.twoProvinces()
        configuration.contactActivity = ContactActivityParameters(enabled: activityClasses > 1, gammaShape: 2,
                                                                  classes: activityClasses)
        let result = Simulation(configuration: configuration, seed: 4, threads: 2).run()
        let last = result.dayCount - 1
        #expect(result.residentsByAgeLastDay.count == AgeBands.count)
        #expect(result.residentsByAgeLastDay.reduce(0, +) == result.national(day: last, measure: .residents))
        let byAge = result.seropositiveByAgeLastDay.reduce(0, +), national = result.national(day: last, measure: .seropositive)
        #expect(abs(byAge - national) <= 9, "by age \(byAge), national \(national)")
        #expect(national > 1000)
        for band in 0..<AgeBands.count {
            #expect(result.seropositiveByAgeLastDay[band] <= result.residentsByAgeLastDay[band], "band \(band)")
        }
    }
}
