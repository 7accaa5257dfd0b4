import SarhadModel

/// The mutable side of one run of the twin: the state vector, the day loop, and what gets recorded.
///
/// Each day mirrors `Simulation.step`: timeline events, seeded infections, arrivals, quarantine
/// releases — all instantaneous at the start of the day — then the day's continuous dynamics (one day
/// step, `DayStep`, or `substepsPerDay` Runge–Kutta steps), then the end-of-day stocks.
final class MeanFieldRun {
    let configuration: ModelConfiguration
    let inputs: MeanFieldInputs
    let layout: StateLayout
    let flows: FlowLayout
    let system: MeanFieldSystem
    let work: Workspace
    let integration: MeanFieldIntegration
    /// The integrator of `integration`: one of the two.
    let integrator: ChainRungeKutta4?
    let dayStep: DayStep?
    /// One routing's flows (day steps): the predictor's are dropped, the corrector's added to `dayFlows`.
    let routedFlows: UnsafeMutablePointer<Double>
    let state: UnsafeMutablePointer<Double>
    /// This day's integrated flows, laid out by `FlowLayout`.
    let dayFlows: UnsafeMutablePointer<Double>
    var conditions: DayConditions

    /// Returnees not yet back, per cell: susceptible but unreachable.
    var abroad: [Double]
    /// Uninfected arrivals in quarantine, per cell, and when each batch is released.
    var quarantinedSusceptible: [Double]
    var susceptibleReleases: [Int: [Double]] = [:]
    var infectedReleases: [Int: [QuarantineCohort]] = [:]
    let quarantine: QuarantinePropagator?

    // Recording.
    var expected: [Double]
    var compartments: [Double]
    var infectionsByLayer = [Double](repeating: 0, count: ContactLayer.allCases.count)
    var infectionsByAge = [Double](repeating: 0, count: AgeBands.count)
    var deathsByAge = [Double](repeating: 0, count: AgeBands.count)
    var arrivalsByCrossing: [[Double]]
    var infectedArrivalsByCrossing: [[Double]]
    /// Residents alive and those an antibody test could detect, per province (`SerosurveyState`'s rule).
    var residentsAlive: [Double]
    var detectable: [Double]
    /// The contact multipliers before any measure (`ModelConfiguration.baselineContactMultipliers`).
    let baselineMultipliers: [[Double]]
    /// The same by age band, from the infections by age counted so far each day.
    var residentsByAgeAlive: [Double]
    var detectableByAge = [Double](repeating: 0, count: AgeBands.count)
    var infectionsByAgeSoFar: [[Double]] = []
    var deathsByAgeBefore = [Double](repeating: 0, count: AgeBands.count)

    init(configuration: ModelConfiguration, inputs: MeanFieldInputs, layout: StateLayout,
         integration: MeanFieldIntegration = .daySteps) {
        self.configuration = configuration
        self.integration = integration
        self.inputs = inputs
        self.layout = layout
        system = MeanFieldSystem(inputs: inputs, layout: layout, observation: configuration.observation)
        flows = system.flows
        work = Workspace(inputs: inputs, stateSize: layout.size)
        switch integration {
        case .daySteps:
            let step = DayStep(chains: layout.all, readWhole: system.pairs.tracked.map(\.people), depleted: system.wholeChains,
                               totals: work.chainTotals)
            precondition(step.size == layout.size, "the chains do not cover the state")
            dayStep = step
            integrator = nil
        case .rungeKutta:
            let rungeKutta = ChainRungeKutta4(chains: layout.all, evaluated: system.wholeChains, summed: system.summedChains,
                                              rateCount: flows.count, totals: work.chainTotals)
            precondition(rungeKutta.size == layout.size, "the chains do not cover the state")
            integrator = rungeKutta
            dayStep = nil
        }
        routedFlows = UnsafeMutablePointer<Double>.allocate(capacity: flows.count)
        routedFlows.initialize(repeating: 0, count: flows.count)
        state = UnsafeMutablePointer<Double>.allocate(capacity: layout.size)
        state.initialize(repeating: 0, count: layout.size)
        dayFlows = UnsafeMutablePointer<Double>.allocate(capacity: flows.count)
        dayFlows.initialize(repeating: 0, count: flows.count)
        conditions = inputs.conditionsAtStart
        abroad = inputs.abroadAtStart
        quarantinedSusceptible = [Double](repeating: 0, count: inputs.cellCount)
        quarantine = layout.quarantine ? QuarantinePropagator(inputs: inputs, integration: integration) : nil
        expected = [Double](repeating: 0, count: inputs.dayCount * inputs.provinceCount * Measure.allCases.count)
        compartments = [Double](repeating: 0,
                                count: inputs.dayCount * inputs.provinceCount * MeanFieldCompartment.allCases.count)
        arrivalsByCrossing = [[Double]](repeating: [Double](repeating: 0, count: inputs.dayCount),
                                        count: configuration.importation.crossings.count)
        infectedArrivalsByCrossing = arrivalsByCrossing
        residentsAlive = inputs.residents.map(Double.init)
        detectable = [Double](repeating: 0, count: inputs.provinceCount)
        baselineMultipliers = configuration.baselineContactMultipliers
        residentsByAgeAlive = (0..<AgeBands.count).map { band in
            (0..<inputs.provinceCount).reduce(0) { $0 + inputs.cellPopulation[$1 * AgeBands.count + band] }
        }
        for cell in 0..<inputs.cellCount {
            addSusceptible(inputs.cellPopulation[cell] - abroad[cell], to: layout.susceptible, cell)
            addSusceptible(inputs.healthWorkersByCell[cell], to: layout.healthWorkers, cell)
        }
        initialiseHouseholdPairs()
    }

    deinit {
        state.deinitialize(count: layout.size)
        state.deallocate()
        dayFlows.deinitialize(count: flows.count)
        dayFlows.deallocate()
        routedFlows.deinitialize(count: flows.count)
        routedFlows.deallocate()
    }

    /// A factor on every layer's contacts from the next day on (1: the scenario as written). Forecasting
    /// fits it as a random walk over time: the changes in behaviour and measures no scenario lists.
    var transmissionFactor = 1.0
    /// The next day to simulate.
    private(set) var nextDay = 0

    func run() {
        advance(to: inputs.dayCount)
    }

    /// Simulates the days from `nextDay` up to, not including, `end` (at most the scenario's day count).
    func advance(to end: Int) {
        while nextDay < min(end, inputs.dayCount) {
            simulate(day: nextDay)
            nextDay += 1
        }
    }

    /// Takes over the state of `other`, a run of the same model, as of its `nextDay`: continuing either
    /// then gives the same bytes. Particle filters copy the runs that survive resampling this way.
    func adopt(_ other: MeanFieldRun) {
        precondition(layout.size == other.layout.size && flows.count == other.flows.count
                     && integration == other.integration, "runs of different models")
        state.update(from: other.state, count: layout.size)
        dayFlows.update(from: other.dayFlows, count: flows.count)
        work.copy(from: other.work)
        conditions = other.conditions
        abroad = other.abroad
        quarantinedSusceptible = other.quarantinedSusceptible
        susceptibleReleases = other.susceptibleReleases
        infectedReleases = other.infectedReleases
        expected = other.expected
        compartments = other.compartments
        infectionsByLayer = other.infectionsByLayer
        infectionsByAge = other.infectionsByAge
        deathsByAge = other.deathsByAge
        arrivalsByCrossing = other.arrivalsByCrossing
        infectedArrivalsByCrossing = other.infectedArrivalsByCrossing
        residentsAlive = other.residentsAlive
        detectable = other.detectable
        residentsByAgeAlive = other.residentsByAgeAlive
        detectableByAge = other.detectableByAge
        infectionsByAgeSoFar = other.infectionsByAgeSoFar
        deathsByAgeBefore = other.deathsByAgeBefore
        transmissionFactor = other.transmissionFactor
        nextDay = other.nextDay
    }

    private func simulate(day: Int) {
        dayFlows.update(repeating: 0, count: flows.count)
        let peopleBefore = householdPairPeople(), susceptibleBefore = susceptiblePerProvince()
        applyTimeline(day: day)
        seedInfections(day: day)
        processArrivals(day: day)
        releaseFromQuarantine(day: day)
        addArrivingHouseholdPairs(before: peopleBefore, susceptibleBefore: susceptibleBefore)
        let today = conditions
        let system = self.system, work = self.work
        if let dayStep {
            simulateDay(dayStep, today)
        } else if let integrator {
            integrator.prepare(state)
            let dt = 1 / Double(inputs.substepsPerDay)
            for _ in 0..<inputs.substepsPerDay {
                integrator.step(state, dt: dt, flows: dayFlows) { x, dx, rates in
                    system.evaluate(x, dx, rates, today, work)
                }
            }
        }
        recordFlows(day: day)
        recordObservations(day: day)
        recordStocks(day: day)
        recordSerosurvey(day: day)
    }

    func expectedValue(_ measure: Measure, day: Int, province: Int) -> Double {
        expected[(day * inputs.provinceCount + province) * Measure.allCases.count + measure.rawValue]
    }

    /// What an antibody survey would find at the end of the day, by the agent model's rule.
    func recordSerosurvey(day: Int) {
        let serology = configuration.observation.serology
        let conversionDay = day - serology.conversionDays
        for province in 0..<inputs.provinceCount {
            let converted = conversionDay >= 0
                ? expectedValue(.infections, day: conversionDay, province: province)
                    + expectedValue(.infectedArrivals, day: conversionDay, province: province)
                : 0
            residentsAlive[province] -= expectedValue(.deaths, day: day, province: province)
            detectable[province] = detectable[province] * serology.dailyRetention + converted
            addExpected(.residents, day: day, province: province, residentsAlive[province])
            addExpected(.seropositive, day: day, province: province,
                        serology.apparentPositives(detectable: detectable[province], residents: residentsAlive[province]))
        }
        infectionsByAgeSoFar.append(infectionsByAge)
        for band in 0..<AgeBands.count {
            var converted = 0.0
            if conversionDay >= 0 {
                converted = infectionsByAgeSoFar[conversionDay][band]
                    - (conversionDay > 0 ? infectionsByAgeSoFar[conversionDay - 1][band] : 0)
            }
            residentsByAgeAlive[band] -= deathsByAge[band] - deathsByAgeBefore[band]
            detectableByAge[band] = detectableByAge[band] * serology.dailyRetention + converted
        }
        deathsByAgeBefore = deathsByAge
    }

    /// What an antibody survey would find by age band at the end of the last recorded day.
    var seropositiveByAge: [Double] {
        let serology = configuration.observation.serology
        return (0..<AgeBands.count).map {
            serology.apparentPositives(detectable: detectableByAge[$0], residents: residentsByAgeAlive[$0])
        }
    }

    @inline(__always)
    func addExpected(_ measure: Measure, day: Int, province: Int, _ amount: Double) {
        expected[(day * inputs.provinceCount + province) * Measure.allCases.count + measure.rawValue] += amount
    }
}
