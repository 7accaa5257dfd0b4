/// One day of the twin by day steps (`DayStep`): conditions at the start of the day, a predicted day,
/// conditions at its end, and the day again with the two averaged.
///
/// What is averaged: the contact pressures (so the force of infection) and the tested shares. Admission to
/// care is not: the predictor admits at the start of the day's spare places plus what the day frees, and the
/// corrector at the predicted day's demand and freeing against the places free at the start — the agents'
/// rule over a day (a place free now or freed today is taken), with no relaxation time to resolve.
extension MeanFieldRun {
    func simulateDay(_ step: DayStep, _ today: DayConditions) {
        let system = self.system, work = self.work
        let start = UnsafePointer(state)
        let exits = DayExits(departing: UnsafePointer(step.departing), inflow: UnsafePointer(step.inflow))

        // The start of the day.
        step.drain(start)
        system.contactPressures(start, today, work)
        system.careOccupancy(work)
        system.careDemand(InstantExits(x: start), work)
        system.admitToCare(today, work, relaxationDays: CareCapacity.dayStepRelaxationDays)
        let startShares = system.testedShares(InstantExits(x: start), today, work)
        let earlier = ConditionsAtStart(work, cells: layout.cells, provinces: layout.provinces)

        // The day as predicted, and the conditions at its end.
        system.routeDay(start, step, routedFlows, today, work, shares: startShares)
        system.careDemand(exits, work)
        step.composePredicted()
        system.contactPressures(UnsafePointer(step.predicted), today, work)
        let endShares = system.testedShares(InstantExits(x: UnsafePointer(step.predicted)), today, work)
        earlier.average(into: work)
        system.admitToCare(today, work, relaxationDays: CareCapacity.dayStepRelaxationDays)
        let shares = zip(startShares, endShares).map { first, second in
            MeanFieldSystem.TestShares(hospitalised: (first.hospitalised + second.hospitalised) / 2,
                                       symptomatic: (first.symptomatic + second.symptomatic) / 2,
                                       others: (first.others + second.others) / 2)
        }

        // The day.
        system.routeDay(start, step, routedFlows, today, work, shares: shares)
        step.compose(into: state)
        for index in 0..<flows.count { dayFlows[index] += routedFlows[index] }
    }
}

/// The contact pressures and health-facility hazards at the start of the day, kept while the predicted
/// end's are computed.
private struct ConditionsAtStart {
    let household: [Double], school: [Double], work: [Double], community: [Double], facility: [Double]

    init(_ workspace: Workspace, cells: Int, provinces: Int) {
        household = Array(UnsafeBufferPointer(start: workspace.pressureHousehold, count: cells))
        school = Array(UnsafeBufferPointer(start: workspace.pressureSchool, count: cells))
        work = Array(UnsafeBufferPointer(start: workspace.pressureWork, count: cells))
        community = Array(UnsafeBufferPointer(start: workspace.pressureCommunity, count: cells))
        facility = Array(UnsafeBufferPointer(start: workspace.healthFacilityHazard, count: provinces))
    }

    /// The workspace's pressures and hazards become the mean of these and its own.
    func average(into workspace: Workspace) {
        for (earlier, now) in [(household, workspace.pressureHousehold), (school, workspace.pressureSchool),
                               (work, workspace.pressureWork), (community, workspace.pressureCommunity),
                               (facility, workspace.healthFacilityHazard)] {
            for index in earlier.indices { now[index] = (earlier[index] + now[index]) / 2 }
        }
    }
}

extension MeanFieldSystem {
    /// Routes a day: infections from the susceptible of `start` under the workspace's pressures, then every
    /// exit of the course and the household pairs' passage, as day totals into `step.inflow`; the day's
    /// counted flows into `rate`.
    func routeDay(_ start: UnsafePointer<Double>, _ step: DayStep, _ rate: UnsafeMutablePointer<Double>,
                  _ today: DayConditions, _ work: Workspace, shares: [TestShares]) {
        step.clearInflow()
        rate.update(repeating: 0, count: flows.count)
        let exits = DayExits(departing: UnsafePointer(step.departing), inflow: UnsafePointer(step.inflow))
        infect(start, step.inflow, rate, today, work, overTheDay: true)
        advanceCourse(exits, step.inflow, rate, today, work, shares: shares)
        advanceHouseholdPairs(exits, start, step.inflow, today, work, depletion: step.depletion)
    }
}
