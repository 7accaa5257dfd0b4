/// One day of the twin by day steps (`DayStep`): conditions at the start of the day, a predicted day,
/// conditions at its end, and the day again with the two averaged.
///
/// What is averaged: the contact pressures (so the force of infection), the household pair tables and the
/// tested shares. Admission to
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
        let earlier = ConditionsAtStart(work, cells: layout.cells, provinces: layout.provinces,
                                        pairStages: system.pairs.stageCount)

        // The day as predicted, and the conditions at its end.
        system.routeDay(start, step, routedFlows, today, work, shares: startShares)
        system.careDemand(exits, work)
        // The corrector's admission first: the tested shares at the day's end send seekers in hospital to
        // their group by it.
        system.admitToCare(today, work, relaxationDays: CareCapacity.dayStepRelaxationDays)
        step.composePredicted()
        system.contactPressures(UnsafePointer(step.predicted), today, work)
        let endShares = system.testedShares(InstantExits(x: UnsafePointer(step.predicted)), today, work)
        earlier.average(into: work)
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

/// The conditions at the start of the day that are averaged with those at its predicted end: the contact
/// pressures, the health facilities' hazards and the household pair tables (`HouseholdPairs`: the mean
/// field q̄ and its companions per province, and each tracked sub-stage's depletion, mean q, household
/// contact rate and people).
private struct ConditionsAtStart {
    let vectors: [[Double]]

    init(_ workspace: Workspace, cells: Int, provinces: Int, pairStages: Int) {
        vectors = ConditionsAtStart.averaged(workspace, cells: cells, provinces: provinces, pairStages: pairStages)
            .map { Array(UnsafeBufferPointer(start: $0.pointer, count: $0.count)) }
        self.cells = cells
        self.provinces = provinces
        self.pairStages = pairStages
    }

    private let cells: Int, provinces: Int, pairStages: Int

    private static func averaged(_ work: Workspace, cells: Int, provinces: Int,
                                 pairStages: Int) -> [(pointer: UnsafeMutablePointer<Double>, count: Int)] {
        [(work.pressureHousehold, cells), (work.pressureSchool, cells), (work.pressureWork, cells),
         (work.pressureCommunity, cells), (work.healthFacilityHazard, provinces),
         (work.pairMeanField, provinces), (work.pairRemoved, provinces), (work.pairSusceptibleQ, provinces),
         (work.pairSusceptibleLoss, provinces), (work.pairRatio, pairStages * provinces),
         (work.pairMeanQ, pairStages * provinces), (work.pairMeanRate, pairStages * provinces),
         (work.pairPeople, pairStages * provinces)]
    }

    /// The workspace's values become the mean of these and its own.
    func average(into workspace: Workspace) {
        let now = ConditionsAtStart.averaged(workspace, cells: cells, provinces: provinces, pairStages: pairStages)
        for (earlier, current) in zip(vectors, now) {
            for index in earlier.indices { current.pointer[index] = (earlier[index] + current.pointer[index]) / 2 }
        }
    }
}

extension MeanFieldSystem {
    /// Routes a day: infections from the susceptible of `start` under the workspace's pressures, then every
    /// exit of the course and the household pairs' passage, as day totals into `step.inflow`; the day's
    /// counted flows into `rate`.
    func routeDay(_ start: UnsafePointer<Double>, _ step: DayStep, _ rate: UnsafeMutablePointer<Double>,
                  _ today: DayConditions, _ work: Workspace, shares: [TestShares]) {
        routeDay(start, step, rate, today, work, shares: shares,
                 exits: DayExits(departing: UnsafePointer(step.departing), inflow: UnsafePointer(step.inflow)))
    }

    /// `routeDay` reading exits through `exits`, a `DayExits` of `step` (tests wrap it to watch the reads).
    func routeDay<Exits: ChainExits>(_ start: UnsafePointer<Double>, _ step: DayStep, _ rate: UnsafeMutablePointer<Double>,
                                     _ today: DayConditions, _ work: Workspace, shares: [TestShares], exits: Exits) {
        step.clearInflow()
        rate.update(repeating: 0, count: flows.count)
        infect(start, step.inflow, rate, today, work, overTheDay: true)
        advanceCourse(exits, step.inflow, rate, today, work, shares: shares)
        advanceHouseholdPairs(exits, start, step.inflow, today, work, depletion: step.depletion)
    }
}
