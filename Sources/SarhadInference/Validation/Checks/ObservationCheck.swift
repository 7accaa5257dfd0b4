import SarhadModel

/// The record against the truth. Two bounds that must hold exactly in any run (here the given
/// scenario at small scale): cases confirmed on day d were tested on day d − delay, so confirmed(d)
/// ≤ tests(d − delay) in every province (with laboratories, a province's samples may also have
/// travelled its transport delay T, so confirmed(d) ≤ tests(d − delay) + tests(d − delay − T)); and recorded deaths never outrun deaths, cumulatively,
/// once shifted by the reporting delay; and a death is recorded only as the death of a confirmed case, so
/// cumulative recorded deaths never exceed cumulative confirmed cases, in any province on any day. Then, with unlimited tests, the recorded share of
/// symptomatic cases equals its closed form (`ValidationScenarios.expectedConfirmedShare`), within
/// 3.29 binomial SD (false alarm 0.1 %).
struct ObservationCheck {
    let base: ModelConfiguration
    let scale: Double
    let probeResidents: Double
    let threads: Int

    func run() -> [ValidationCheck] {
        var configuration = base
        configuration.populationScale = scale
        let result = Simulation(configuration: configuration, seed: 404, threads: threads).run()
        let caseDelay = configuration.observation.reportingDelayDays
        let deathDelay = configuration.observation.recordedDeathDelayDays
        let transport = TestingCapacity(configuration: configuration).remoteDelayDays
        var caseViolations = 0, deathViolations = 0, recordViolations = 0
        for province in 0..<result.provinceCount {
            let confirmed = result.provinceSeries(province, .confirmed), tests = result.provinceSeries(province, .tests)
            let recorded = result.provinceSeries(province, .recordedDeaths), deaths = result.provinceSeries(province, .deaths)
            var recordedSoFar: Int64 = 0, deathsSoFar: Int64 = 0, confirmedSoFar: Int64 = 0
            for day in 0..<result.dayCount {
                confirmedSoFar += confirmed[day]
                let testDay = day - caseDelay, remoteTestDay = testDay - transport[province]
                let testedThen = (testDay >= 0 ? tests[testDay] : 0)
                    + (transport[province] > 0 && remoteTestDay >= 0 ? tests[remoteTestDay] : 0)
                if confirmed[day] > testedThen { caseViolations += 1 }
                recordedSoFar += recorded[day]
                if day - deathDelay >= 0 { deathsSoFar += deaths[day - deathDelay] }
                if recordedSoFar > deathsSoFar { deathViolations += 1 }
                if recordedSoFar > confirmedSoFar { recordViolations += 1 }
            }
        }
        let probe = ValidationScenarios.unlimitedTesting(base, residents: probeResidents, days: 365)
        let probeResult = Simulation(configuration: probe, seed: 405, threads: threads).run()
        let onsets = Double(probeResult.total(.symptomaticOnsets))
        let share = ValidationScenarios.expectedConfirmedShare(probe)
        let sd = (share * (1 - share) / max(onsets, 1)).squareRoot()
        return [
            ValidationCheck(group: "5 Observation", compared: "province-days with confirmed > tests \(caseDelay) d earlier",
                            expected: 0, observed: Double(caseViolations), tolerance: 0, toleranceBasis: "exact"),
            ValidationCheck(group: "5 Observation", compared: "province-days with recorded deaths > deaths (cumulative)",
                            expected: 0, observed: Double(deathViolations), tolerance: 0, toleranceBasis: "exact"),
            ValidationCheck(group: "5 Observation", compared: "province-days with recorded deaths > confirmed cases (cumulative)",
                            expected: 0, observed: Double(recordViolations), tolerance: 0, toleranceBasis: "exact"),
            ValidationCheck(group: "5 Observation",
                            compared: "unlimited tests: confirmed / symptomatic (\(Int(onsets)) cases)",
                            expected: share, observed: Double(probeResult.total(.confirmed)) / max(onsets, 1),
                            tolerance: 3.29 * sd, toleranceBasis: "3.29 binomial SD (false alarm 0.1 %)"),
        ]
    }
}
