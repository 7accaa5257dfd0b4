extension Simulation {
    /// Today's tests go to infected seekers and to people with other illnesses alike: when demand
    /// exceeds capacity each seeker is tested with probability capacity / demand.
    func performTests(day: Int) {
        defer { testSeekers.removeAll(keepingCapacity: true) }
        guard testsPerDay > 0 else { return }
        let observation = configuration.observation
        var background = [Int](repeating: 0, count: provinceCount)
        for province in 0..<provinceCount {
            var random = CounterRandom(seed: seed, purpose: .backgroundTests, day: day, subject: UInt64(province))
            let mean = observation.backgroundTestSeekersPer100k * Double(population.residents(ofProvince: province))
                / 100_000 * access[province]
            background[province] = random.poisson(mean)
        }
        let demand = Double(testSeekers.count + background.reduce(0, +))
        guard demand > 0 else { return }
        let capacity = testsPerDay * configuration.populationScale
        let share = min(1, capacity / demand)
        for province in 0..<provinceCount {
            var random = CounterRandom(seed: seed, purpose: .testAllocation, day: day, subject: UInt64(1 << 40 | province))
            add(.tests, day: day, province: province, Int64(random.binomial(background[province], share)))
        }
        for seeker in testSeekers {
            let agent = Int(seeker)
            var random = CounterRandom(seed: seed, purpose: .testAllocation, day: day, subject: UInt64(agent))
            guard random.uniform() < share else { continue }
            let province = Int(population.location[agent])
            add(.tests, day: day, province: province)
            guard random.uniform() < observation.testSensitivity, confirmedAgents.insert(seeker).inserted else { continue }
            let reportDay = day + observation.reportingDelayDays
            if reportDay < dayCount { add(.confirmed, day: reportDay, province: province) }
            if random.uniform() < observation.isolationOfConfirmed {
                population.flags[agent] |= AgentFlag.isolated
            }
        }
    }
}
