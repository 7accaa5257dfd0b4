import SarhadModel

/// What the ministry sees, in expectation.
///
/// Tests: infected people seek a test at onset of mild, severe and critical illness with the
/// `testSeeking*` probability times their province's access; people with other illnesses seek tests
/// at `backgroundTestSeekersPer100k` × residents × access a day; arrivals caught by border screening
/// seek one on arrival. Each laboratory's queue (`TestingCapacity`: one national queue without
/// laboratories) gets the samples of the provinces it serves, less those lost on the way, and its
/// capacity (tests per day × population scale) goes to the groups of `TestPriority` in order, as in
/// the agent model, applied to the demand at each instant rather than over the whole day. A seeker at
/// severe or critical onset joins the hospitalised group if in a bed or intensive care (the shares of
/// the day's admission), the symptomatic group otherwise, as the agents' `testingGroup`. A sample
/// that travelled is recorded its transport delay later; the death of such a case is recorded with
/// today's delay of its province, `recordedDeathDelayDays(transportDays:)` (the agents use the day
/// the case itself was recorded: the same unless the province's laboratory opened in between). The twin's groups approximate the agents': health workers outside a hospital
/// are not told apart from other seekers (the agents give them their own group); post-mortem samples take part in the shares but not in the demand (they
/// are a small part of it). A tested infected person is confirmed with `testSensitivity`, recorded
/// `reportingDelayDays` later; no tests at all are done (and nobody seeks one) while capacity is zero.
///
/// Deaths: a death is recorded only as the death of a confirmed case, `recordedDeathDelayDays`
/// later. The dying were confirmed with the chance of a positive test at each onset they passed, at
/// the current shares (`DiseaseCourseFlows`), and are then recorded with `deathRecordingOfConfirmed`;
/// the unconfirmed dead give post-mortem samples with `postMortemTesting*`, and a positive one is both
/// a confirmed case and a recorded death. A person is confirmed once: the confirmed never seek a test
/// again, while those missed by a full laboratory or a false negative may seek one at their next
/// onset, as in the agent model.
extension MeanFieldSystem {
    /// Probability that a sample of each group is tested at this instant.
    struct TestShares {
        var hospitalised = 0.0
        var symptomatic = 0.0
        var others = 0.0

        subscript(group: TestingGroup) -> Double {
            get {
                switch group {
                case .hospitalised: hospitalised
                case .healthWorkers, .symptomatic: symptomatic
                case .others: others
                }
            }
            set {
                switch group {
                case .hospitalised: hospitalised = newValue
                case .healthWorkers: break
                case .symptomatic: symptomatic = newValue
                case .others: others = newValue
                }
            }
        }
    }

    /// The tested share of each group for each province's samples (lost samples count as untested);
    /// leaves the infected seekers per province in `work.symptomaticTestSeekers` and
    /// `work.hospitalisedTestSeekers`.
    func testedShares<Exits: ChainExits>(_ exits: Exits, _ today: DayConditions, _ work: Workspace) -> [TestShares] {
        countInfectedTestSeekers(exits, work)
        let provinces = layout.provinces, testing = today.testing
        guard today.testsPerDay > 0 else { return [TestShares](repeating: TestShares(), count: provinces) }
        let groups = TestingGroup.allCases.count
        var demand = [Double](repeating: 0, count: testing.queueCapacity.count * groups)
        for province in 0..<provinces {
            guard let queue = testing.queueOfProvince[province] else { continue }
            let arriving = 1 - testing.lossProbability[province], base = queue * groups
            demand[base + TestingGroup.hospitalised.rawValue] += arriving * work.hospitalisedTestSeekers[province]
            demand[base + TestingGroup.symptomatic.rawValue] += arriving
                * (work.symptomaticTestSeekers[province] + today.screenedTestSeekers[province])
            demand[base + TestingGroup.others.rawValue] += arriving * inputs.backgroundTestSeekers[province]
        }
        var queueShares = [TestShares](repeating: TestShares(), count: testing.queueCapacity.count)
        for queue in queueShares.indices {
            var left = testing.queueCapacity[queue] * inputs.scale
            for step in observation.testPriority.steps {
                let stepDemand = step.reduce(0) { $0 + demand[queue * groups + $1.rawValue] }
                let share = stepDemand > 0 ? max(0, min(1, left / stepDemand)) : (left > 0 ? 1 : 0)
                for group in step { queueShares[queue][group] = share }
                left -= share * stepDemand
            }
        }
        return (0..<provinces).map { province in
            guard let queue = testing.queueOfProvince[province] else { return TestShares() }
            let arriving = 1 - testing.lossProbability[province]
            var shares = queueShares[queue]
            shares.hospitalised *= arriving
            shares.symptomatic *= arriving
            shares.others *= arriving
            return shares
        }
    }
}

extension MeanFieldRun {
    /// Moves a day's positive tests and recordable deaths to the day they are reported; what would be
    /// reported after the last day is dropped, as in the agent model.
    func recordObservations(day: Int) {
        let observation = configuration.observation, transport = conditions.testing.transportDelayDays
        for province in 0..<inputs.provinceCount {
            let postMortemPositives = dayFlows[flows.index(.postMortemPositives, province)]
            addExpected(.tests, day: day, province: province, dayFlows[flows.index(.postMortemTests, province)])
            addExpected(.positiveTests, day: day, province: province,
                        dayFlows[flows.index(.positiveTests, province)] + postMortemPositives)
            let confirmedDay = day + observation.reportingDelayDays + transport[province]
            if confirmedDay < inputs.dayCount {
                addExpected(.confirmed, day: confirmedDay, province: province,
                            dayFlows[flows.index(.positiveTests, province)] + postMortemPositives)
            }
            let deathDay = day + observation.recordedDeathDelayDays(transportDays: transport[province])
            if deathDay < inputs.dayCount {
                addExpected(.recordedDeaths, day: deathDay, province: province,
                            dayFlows[flows.index(.recordableDeaths, province)] + postMortemPositives)
            }
        }
    }
}
