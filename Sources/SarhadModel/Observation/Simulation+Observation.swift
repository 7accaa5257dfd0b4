extension Simulation {
    /// Gives out today's tests. Samples come from infected seekers (grouped by `TestingGroup`: in
    /// hospital, health workers, others with symptoms), post-mortem samples of the unconfirmed dead,
    /// and people with other illnesses. Each province's samples join the queue of the laboratory that
    /// serves it today (`TestingCapacity`: one national queue without laboratories); samples sent out
    /// of their province are first lost with the province's loss probability. In each queue, groups are
    /// served in the order of `TestPriority`: a step whose samples fit in what is left is tested in
    /// full, otherwise each of its samples is tested with probability (tests left) / (samples in the
    /// step), and later steps get nothing.
    func performTests(day: Int) {
        defer {
            testSeekers.removeAll(keepingCapacity: true)
            postMortemSamples.removeAll(keepingCapacity: true)
        }
        guard testsPerDay > 0 else { return }
        let observation = configuration.observation
        let queues = testing.queueCapacity.count, groups = TestingGroup.allCases.count
        var background = [Int](repeating: 0, count: provinceCount)
        for province in 0..<provinceCount {
            var random = CounterRandom(seed: seed, purpose: .backgroundTests, day: day, subject: UInt64(province))
            let mean = observation.backgroundTestSeekersPer100k * Double(population.residents(ofProvince: province))
                / 100_000 * access[province]
            background[province] = random.poisson(mean)
            let loss = testing.lossProbability[province]
            if loss > 0, background[province] > 0 {
                var lost = CounterRandom(seed: seed, purpose: .sampleLoss, day: day, subject: 1 << 42 | UInt64(province))
                background[province] -= lost.binomial(background[province], loss)
            }
        }
        var seekersByGroup = [[[UInt32]]](repeating: [[UInt32]](repeating: [], count: groups), count: queues)
        for seeker in testSeekers {
            let province = Int(population.location[Int(seeker)])
            guard arrives(subject: UInt64(seeker), from: province, day: day) else { continue }
            seekersByGroup[testing.queueOfProvince[province]!][testingGroup(of: Int(seeker)).rawValue].append(seeker)
        }
        var samplesByGroup = [[[PostMortemSample]]](repeating: [[PostMortemSample]](repeating: [], count: groups), count: queues)
        for sample in postMortemSamples {
            let province = Int(sample.province)
            guard arrives(subject: 1 << 41 | UInt64(sample.agent), from: province, day: day) else { continue }
            samplesByGroup[testing.queueOfProvince[province]!][(sample.inHospital ? TestingGroup.hospitalised : .symptomatic).rawValue]
                .append(sample)
        }
        var backgroundByQueue = [[Int]](repeating: [Int](repeating: 0, count: provinceCount), count: queues)
        for province in 0..<provinceCount { backgroundByQueue[testing.queueOfProvince[province]!][province] = background[province] }

        for queue in 0..<queues {
            var testsLeft = testing.queueCapacity[queue] * configuration.populationScale
            let seekers = seekersByGroup[queue], samples = samplesByGroup[queue], background = backgroundByQueue[queue]
            for step in observation.testPriority.steps {
                var demand = 0
                for group in step {
                    demand += seekers[group.rawValue].count + samples[group.rawValue].count
                    if group == .others { demand += background.reduce(0, +) }
                }
                guard demand > 0 else { continue }
                let share = max(0, min(1, testsLeft / Double(demand)))
                var tested = 0
                for group in step {
                    if group == .others { tested += testBackground(background, share: share, day: day) }
                    for seeker in seekers[group.rawValue] { tested += test(seeker, share: share, day: day) ? 1 : 0 }
                    for sample in samples[group.rawValue] { tested += test(sample, share: share, day: day) ? 1 : 0 }
                }
                testsLeft -= Double(tested)
            }
        }
    }

    /// Whether a sample from `province` reaches its laboratory; draws only where samples can be lost,
    /// so that a run without loss makes the same draws as before laboratories existed.
    func arrives(subject: UInt64, from province: Int, day: Int) -> Bool {
        let loss = testing.lossProbability[province]
        guard loss > 0 else { return true }
        var random = CounterRandom(seed: seed, purpose: .sampleLoss, day: day, subject: subject)
        return random.uniform() >= loss
    }

    /// The group a living seeker's sample belongs to, from where they are today.
    func testingGroup(of agent: Int) -> TestingGroup {
        let flags = population.flags[agent]
        if flags & (AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare) != 0 { return .hospitalised }
        if flags & AgentFlag.healthWorker != 0 { return .healthWorkers }
        return .symptomatic
    }

    /// People tested for other illnesses: all negative. Returns how many were tested.
    func testBackground(_ background: [Int], share: Double, day: Int) -> Int {
        var tested = 0
        for province in 0..<provinceCount where background[province] > 0 {
            var random = CounterRandom(seed: seed, purpose: .testAllocation, day: day, subject: UInt64(1 << 40 | province))
            let count = random.binomial(background[province], share)
            add(.tests, day: day, province: province, Int64(count))
            tested += count
        }
        return tested
    }

    /// Tests a living seeker with probability `share`; a positive result confirms them (once).
    func test(_ seeker: UInt32, share: Double, day: Int) -> Bool {
        let agent = Int(seeker)
        var random = CounterRandom(seed: seed, purpose: .testAllocation, day: day, subject: UInt64(agent))
        guard random.uniform() < share else { return false }
        let province = Int(population.location[agent])
        add(.tests, day: day, province: province)
        guard random.uniform() < configuration.observation.testSensitivity else { return true }
        add(.positiveTests, day: day, province: province)
        guard confirmedAgents[seeker] == nil else { return true }
        confirmedAgents[seeker] = Int32(province)
        let transport = testing.transportDelayDays[province]
        let reportDay = day + configuration.observation.reportingDelayDays + transport
        if reportDay < dayCount { add(.confirmed, day: reportDay, province: province) }
        if transport > 0 { caseRecordDays[seeker] = Int32(clamping: reportDay) }
        if random.uniform() < configuration.observation.isolationOfConfirmed {
            population.flags[agent] |= AgentFlag.isolated
        }
        return true
    }

    /// Tests a post-mortem sample with probability `share`; a positive result enters the record as a
    /// confirmed case and as a death, the death no earlier than the case.
    func test(_ sample: PostMortemSample, share: Double, day: Int) -> Bool {
        var random = CounterRandom(seed: seed, purpose: .postMortemTest, day: day, subject: UInt64(sample.agent))
        guard random.uniform() < share else { return false }
        let province = Int(sample.province), observation = configuration.observation
        add(.tests, day: day, province: province)
        guard random.uniform() < observation.testSensitivity else { return true }
        add(.positiveTests, day: day, province: province)
        confirmedAgents[sample.agent] = Int32(province)
        let transport = testing.transportDelayDays[province]
        let caseDay = day + observation.reportingDelayDays + transport
        let deathDay = day + observation.recordedDeathDelayDays(transportDays: transport)
        if caseDay < dayCount { add(.confirmed, day: caseDay, province: province) }
        if deathDay < dayCount { add(.recordedDeaths, day: deathDay, province: province) }
        return true
    }
}
