import Testing
@testable import SarhadModel

/// The record as the ministry kept it: tests by priority, deaths only of confirmed cases.
@Suite("Observation: test priority and the death record")
struct ObservationTests {
    /// A simulation whose tests we hand out ourselves: no background seekers, a perfect test, and the
    /// given priority.
    static func simulation(priority: TestPriority) -> Simulation {
        var configuration = TestConfigurations.twoProvinces()
        configuration.observation.backgroundTestSeekersPer100k = 0
        configuration.observation.testSensitivity = 1
        configuration.observation.testPriority = priority
        return Simulation(configuration: configuration, seed: 11, threads: 1)
    }

    /// Seekers in three groups, in agent order: `hospitalised` in a bed, then `healthWorkers`, then
    /// `symptomatic` others. Returns the agents of each group.
    static func queueSeekers(_ simulation: Simulation, hospitalised: Int, healthWorkers: Int, symptomatic: Int)
        -> [TestingGroup: [UInt32]] {
        var groups: [TestingGroup: [UInt32]] = [:]
        var agent = 0
        for (group, count) in [(TestingGroup.hospitalised, hospitalised), (.healthWorkers, healthWorkers), (.symptomatic, symptomatic)] {
            for _ in 0..<count {
                simulation.population.flags[agent] &= ~(AgentFlag.healthWorker | AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare)
                if group == .hospitalised { simulation.population.flags[agent] |= AgentFlag.inHospitalBed }
                if group == .healthWorkers { simulation.population.flags[agent] |= AgentFlag.healthWorker }
                simulation.testSeekers.append(UInt32(agent))
                groups[group, default: []].append(UInt32(agent))
                agent += 1
            }
        }
        return groups
    }

    /// Capacity 400 for 300 hospitalised, 300 health workers and 1,000 others: every hospitalised
    /// patient is tested (exact); health workers share the 100 left, a binomial(300, 1/3) whose SD is
    /// 8.2, checked within 4 SD (false alarm 6e-5); nobody else is tested (exact).
    @Test("with capacity below demand, hospitalised patients are all tested first, then health workers")
    func priorityOrder() {
        let simulation = Self.simulation(priority: .standard)
        let groups = Self.queueSeekers(simulation, hospitalised: 300, healthWorkers: 300, symptomatic: 1000)
        simulation.testsPerDay = 400 / simulation.configuration.populationScale
        simulation.performTests(day: 25)
        let confirmed = { (group: TestingGroup) in groups[group]!.filter { simulation.confirmedAgents[$0] != nil }.count }
        #expect(confirmed(.hospitalised) == 300)
        #expect(abs(confirmed(.healthWorkers) - 100) <= 33, "health workers tested: \(confirmed(.healthWorkers))")
        #expect(confirmed(.symptomatic) == 0)
        #expect(simulation.testSeekers.isEmpty)
    }

    /// The same demand with one rank for all is today's single lottery: each sample is tested with
    /// probability 400 / 1,600; the hospitalised count is binomial(300, 0.25), SD 7.5, within 4 SD.
    @Test("with every group at one rank, all samples share one lottery")
    func singleLottery() {
        let simulation = Self.simulation(priority: .none)
        let groups = Self.queueSeekers(simulation, hospitalised: 300, healthWorkers: 300, symptomatic: 1000)
        simulation.testsPerDay = 400 / simulation.configuration.populationScale
        simulation.performTests(day: 25)
        let hospitalised = groups[.hospitalised]!.filter { simulation.confirmedAgents[$0] != nil }.count
        let all = simulation.confirmedAgents.count
        #expect(abs(hospitalised - 75) <= 30, "hospitalised tested: \(hospitalised)")
        #expect(abs(all - 400) <= 4 * 17, "all tested: \(all)")
    }

    /// A post-mortem sample that tests positive is a confirmed case (after the case delay) and a recorded
    /// death (after the later of the two delays), in the province of death; with no capacity left for its
    /// group it is not tested at all.
    @Test("a positive post-mortem test records the case and the death, the death no earlier than the case")
    func postMortemPath() {
        let simulation = Self.simulation(priority: .standard)
        let observation = simulation.configuration.observation
        simulation.postMortemSamples = [PostMortemSample(agent: 7, province: 1, inHospital: false)]
        simulation.testsPerDay = 10 / simulation.configuration.populationScale
        simulation.performTests(day: 30)
        #expect(simulation.confirmedAgents[7] == 1)
        #expect(simulation.ledger.value(.tests, day: 30, province: 1) == 1)
        #expect(simulation.ledger.value(.positiveTests, day: 30, province: 1) == 1)
        #expect(simulation.ledger.value(.confirmed, day: 30 + observation.reportingDelayDays, province: 1) == 1)
        #expect(simulation.ledger.value(.recordedDeaths, day: 30 + observation.recordedDeathDelayDays, province: 1) == 1)
        #expect(observation.recordedDeathDelayDays >= observation.reportingDelayDays)

        // The hospitalised take all of today's capacity: the sample from outside hospital waits in vain.
        let crowded = Self.simulation(priority: .standard)
        _ = Self.queueSeekers(crowded, hospitalised: 20, healthWorkers: 0, symptomatic: 0)
        crowded.postMortemSamples = [PostMortemSample(agent: 5_000, province: 0, inHospital: false)]
        crowded.testsPerDay = 20 / crowded.configuration.populationScale
        crowded.performTests(day: 30)
        #expect(crowded.confirmedAgents[5_000] == nil)
    }

    /// Over whole runs: cumulative recorded deaths never exceed cumulative confirmed cases in any
    /// province on any day (exact), whatever the capacity.
    @Test("recorded deaths never outnumber confirmed cases, cumulatively, in any province", arguments: [0.0, 50, 1e9])
    func recordedDeathsAreConfirmedCases(testsPerDay: Double) {
        var configuration = TestConfigurations.twoProvinces()
        configuration.timeline.removeAll { if case .testCapacity = $0.action { true } else { false } }
        configuration.observation.initialTestsPerDay = testsPerDay
        let result = Simulation(configuration: configuration, seed: 3, threads: 2).run()
        for province in 0..<result.provinceCount {
            var confirmed: Int64 = 0, recorded: Int64 = 0
            for day in 0..<result.dayCount {
                confirmed += result.value(day: day, province: province, measure: .confirmed)
                recorded += result.value(day: day, province: province, measure: .recordedDeaths)
                #expect(recorded <= confirmed, "province \(province), day \(day): \(recorded) recorded deaths, \(confirmed) cases")
            }
        }
        if testsPerDay == 0 { #expect(result.total(.recordedDeaths) == 0 && result.total(.confirmed) == 0) }
        if testsPerDay > 1e6 { #expect(result.total(.recordedDeaths) > 0) }
    }

    /// With unlimited tests, a perfect test, every death of a confirmed case recorded and every other
    /// death sampled, every death is recorded: cumulative recorded deaths through day d equal the
    /// deaths through d − delay (exact).
    @Test("with unlimited perfect tests and every death sampled, every death is recorded")
    func everyDeathRecordedWhenSampled() {
        var configuration = TestConfigurations.twoProvinces()
        configuration.timeline.removeAll { if case .testCapacity = $0.action { true } else { false } }
        configuration.observation.initialTestsPerDay = 1e9
        configuration.observation.testSensitivity = 1
        configuration.observation.postMortemTestingInHospital = 1
        configuration.observation.postMortemTestingElsewhere = 1
        configuration.access = AccessParameters(access: [1, 1])
        configuration.observation.deathRecordingOfConfirmed = 1
        let result = Simulation(configuration: configuration, seed: 8, threads: 2).run()
        let delay = configuration.observation.recordedDeathDelayDays
        let deaths = result.nationalSeries(.deaths), recorded = result.nationalSeries(.recordedDeaths)
        #expect(deaths.reduce(0, +) > 20)
        #expect(recorded.reduce(0, +) == deaths.prefix(result.dayCount - delay).reduce(0, +))
    }

    /// Seroprevalence is an expectation over the infection series: with no waning, a perfect assay and
    /// no deaths, the seropositive on day d are exactly the infections (local and imported) up to
    /// d − conversion days.
    @Test("the seropositive are the infected of conversion days ago, with a perfect assay and no waning")
    func serosurveyCountsTheInfected() {
        var configuration = TestConfigurations.twoProvinces()
        configuration.observation.serology = SerologyParameters(conversionDays: 10, detectableMeanDays: 1e12,
                                                                sensitivity: 1, specificity: 1)
        let result = Simulation(configuration: configuration, seed: 4, threads: 2).run()
        for province in 0..<result.provinceCount {
            var infected: Int64 = 0
            for day in 0..<result.dayCount {
                if day >= 10 {
                    infected += result.value(day: day - 10, province: province, measure: .infections)
                        + result.value(day: day - 10, province: province, measure: .infectedArrivals)
                }
                let seropositive = result.value(day: day, province: province, measure: .seropositive)
                #expect(abs(seropositive - infected) <= 1, "province \(province), day \(day)")
            }
        }
        #expect(result.value(day: 0, province: 0, measure: .residents) > 0)
    }
}
