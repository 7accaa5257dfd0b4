import SarhadModel

/// What the ministry sees, in expectation.
///
/// Tests: infected people seek a test at onset of mild, severe and critical illness with the
/// `testSeeking*` probability times their province's access; people with other illnesses seek tests
/// at `backgroundTestSeekersPer100k` × residents × access a day; arrivals caught by border screening
/// seek one on arrival. When seekers outnumber the national capacity (tests per day × population
/// scale), everyone is tested with the same probability capacity / demand — the agent model's rule,
/// applied here to the demand at each instant rather than over the whole day. A tested infected person
/// is confirmed with `testSensitivity`, recorded `reportingDelayDays` later; no tests at all are done
/// (and nobody seeks one) while capacity is zero, as in the agent model.
///
/// Deaths are recorded with `deathRecordingInHospital` for deaths in a bed or intensive care and with
/// `deathRecordingElsewhere` × access otherwise, `deathReportingDelayDays` later. A person is confirmed
/// once: the confirmed never seek a test again, while those missed by a full laboratory or a false
/// negative may seek one at their next onset, as in the agent model.
extension MeanFieldSystem {
    /// Probability that a seeker is tested at this instant; leaves the infected seekers per province in
    /// `work.infectedTestSeekers`.
    func testedShare(_ x: UnsafePointer<Double>, _ today: DayConditions, _ work: Workspace) -> Double {
        countInfectedTestSeekers(x, work)
        let infectedSeekers = work.infectedTestSeekers
        guard today.testsPerDay > 0 else { return 0 }
        var demand = 0.0
        for province in 0..<layout.provinces {
            demand += infectedSeekers[province] + inputs.backgroundTestSeekers[province]
                + today.screenedTestSeekers[province]
        }
        guard demand > 0 else { return 1 }
        return min(1, today.testsPerDay * inputs.scale / demand)
    }
}

extension MeanFieldRun {
    /// Moves a day's positive tests and recordable deaths to the day they are reported; what would be
    /// reported after the last day is dropped, as in the agent model.
    func recordObservations(day: Int) {
        let observation = configuration.observation
        for province in 0..<inputs.provinceCount {
            let confirmedDay = day + observation.reportingDelayDays
            if confirmedDay < inputs.dayCount {
                addExpected(.confirmed, day: confirmedDay, province: province, dayFlows[flows.index(.positiveTests, province)])
            }
            let deathDay = day + observation.deathReportingDelayDays
            if deathDay < inputs.dayCount {
                addExpected(.recordedDeaths, day: deathDay, province: province,
                            dayFlows[flows.index(.recordableDeaths, province)])
            }
        }
    }
}
