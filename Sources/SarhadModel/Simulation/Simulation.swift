#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of the agent-based model. Each day: timeline events, arrivals, due transitions,
/// testing, then transmission from every infectious agent; then the day's series are recorded.
public final class Simulation {
    public let configuration: ModelConfiguration
    public let seed: UInt64
    public let threads: Int
    public let population: Population
    /// Per-contact transmission probability fixed by R0.
    public let beta: Double
    let history: NaturalHistory

    let provinceCount: Int
    let dayCount: Int
    let access: [Double]
    let susceptibility: [Double]
    let maximumSusceptibility: Double
    /// s(a) / max s: the chance a contact with age band a is accepted (susceptibility thinning).
    let acceptance: [Double]
    /// Activity of each contact-activity class (`ContactActivityParameters`), `[1]` when all are alike.
    let activityLevels: [Double]
    /// Row-normalised contact matrices and row totals for the matrix layers (index by `ContactLayer.rawValue`).
    let contactRates: [[Double]]
    /// Where matrix contacts land, rebuilt whenever `susceptibleIndex` drops agents.
    var contactTargets: ContactTargets
    /// The contact phase's rate tables, kept from day to day while their inputs stay the same.
    var transmissionRates: TransmissionRates?
    var susceptibleIndex: SusceptibleIndex
    let arrivals: ArrivalSchedule
    let populationSeconds: Double

    // Dynamic state.
    /// Queued stage ends, by province.
    let stageEnds: [StageEndQueue]
    var quarantineEnds: [[UInt32]]
    var infectiousAgents: InfectiousList
    var becameInfectious: [UInt32] = []
    var testSeekers: [UInt32] = []
    var postMortemSamples: [PostMortemSample] = []
    var sortScratch: [UInt32] = []
    /// One per worker thread of the contact phase.
    let kernelWorkSpaces: [KernelWorkSpace]
    /// Agents already confirmed, with the province whose record holds the case: a person enters the
    /// record once, however often they are tested, and their death is recorded where their case is.
    var confirmedAgents = [UInt32: Int32]()
    /// The day a confirmed agent's case reaches the record, kept only when their sample travelled to a
    /// laboratory in another province, so that their death is never recorded before their case.
    var caseRecordDays = [UInt32: Int32]()
    /// What an antibody survey would find, per province: residents alive and those detectable.
    var serosurvey: SerosurveyState
    /// The same by age band (index = band), for the summary.
    var serosurveyByAge: SerosurveyState
    /// `infectionsByAge` at the end of each day so far, and `deathsByAge` at the end of yesterday.
    var infectionsByAgeSoFar: [[Int64]] = []
    var deathsByAgeBefore = [Int64](repeating: 0, count: AgeBands.count)
    let ledger: Ledger
    var bedMultiplier: [Double]
    var intensiveCareMultiplier: [Double]
    /// Tests per laboratory and where samples go (`TestingCapacity`).
    var testing: TestingCapacity
    var border: BorderParameters
    /// Effective contact multiplier per layer and province for today.
    var layerMultiplier: [[Double]]
    /// The multipliers before any measure (`ModelConfiguration.baselineContactMultipliers`; with districts
    /// and urban shares, each province's highest district factor, `districtLayerKeep` thinning the rest).
    let baselineMultipliers: [[Double]]
    /// With districts and urban shares, the share of an infector's school, work and community events kept
    /// in its district, f(k, l) / max over the province's districts, `[slot * districtCount + k]`; empty otherwise.
    let districtLayerKeep: [Double]

    // Recording beyond the ledger.
    var infectionsByLayer = [Int64](repeating: 0, count: ContactLayer.allCases.count)
    var infectionsByAge = [Int64](repeating: 0, count: AgeBands.count)
    var deathsByAge = [Int64](repeating: 0, count: AgeBands.count)
    /// Infections and deaths by home district and day (`DistrictSeries`).
    var districtSeries: DistrictSeries
    var arrivalsByCrossing: [[Int64]]
    var infectedArrivalsByCrossing: [[Int64]]
    var currentDay = 0
    /// Arrivals who were symptomatic when they reached the border (what screening could see).
    public internal(set) var symptomaticArrivals = 0
    var phaseSeconds = [SimulationPhase: Double]()

    /// `population`, when given, is a fresh population built for this configuration (any seed) that
    /// the run takes over and changes; otherwise one is built from `seed`.
    public init(configuration: ModelConfiguration, seed: UInt64, threads: Int = 1, population prebuilt: Population? = nil) {
        self.configuration = configuration
        self.seed = seed
        self.threads = max(1, threads)
        let clock = Stopwatch()
        population = prebuilt ?? PopulationBuilder.build(configuration, seed: seed, threads: max(1, threads))
        arrivals = ArrivalSchedule(configuration: configuration, population: population, seed: seed)
        populationSeconds = clock.seconds

        provinceCount = configuration.provinces.count
        dayCount = configuration.dayCount
        access = configuration.access.access
        susceptibility = configuration.disease.relativeSusceptibility
        maximumSusceptibility = max(1e-12, susceptibility.max() ?? 1)
        history = NaturalHistory(disease: configuration.disease, seed: seed)
        activityLevels = configuration.contactActivity.levels
        precondition(activityLevels.count == population.activityClasses,
                     "the population was built with \(population.activityClasses) activity classes, the configuration has \(activityLevels.count)")
        beta = TransmissionCalibration.transmissionProbability(disease: configuration.disease,
                                                               contacts: configuration.contacts,
                                                               activityLevels: activityLevels)
        let matrices = ContactLayer.matrixLayers.map { configuration.contacts.matrix($0)! }
        contactRates = matrices.map { matrix in (0..<AgeBands.count).map { matrix.rowTotal($0) } }
        let maximum = maximumSusceptibility
        acceptance = susceptibility.map { $0 / maximum }
        susceptibleIndex = SusceptibleIndex(ageIndexStart: population.ageIndexStart,
                                             activityClasses: population.activityClasses)
        let provinceMobility = configuration.mobility.matrix(provinces: configuration.provinces)
        contactTargets = ContactTargets(contactRows: matrices.map(\.rows), acceptance: acceptance,
                                        activityLevels: activityLevels,
                                        mobility: population.isSubdivided
                                            ? configuration.districts.mobilityBeyondDistrict(provinceMobility) : provinceMobility,
                                        districts: population.districts,
                                        localShares: ContactTargets.layers.map { configuration.districts.localShare($0) })
        contactTargets.update(listed: susceptibleIndex.listed, bandResidents: susceptibleIndex.bandResidents,
                              threads: self.threads)

        infectiousAgents = InfectiousList(population: population.count)
        kernelWorkSpaces = (0..<max(1, threads)).map { _ in KernelWorkSpace() }
        stageEnds = (0..<configuration.provinces.count).map { _ in StageEndQueue(dayCount: configuration.dayCount) }
        quarantineEnds = [[UInt32]](repeating: [], count: dayCount + 1)
        ledger = Ledger(provinceCount: provinceCount, dayCount: dayCount)
        bedMultiplier = [Double](repeating: 1, count: provinceCount)
        intensiveCareMultiplier = [Double](repeating: 1, count: provinceCount)
        testing = TestingCapacity(configuration: configuration)
        border = configuration.border
        (baselineMultipliers, districtLayerKeep) = Simulation.districtContactFactors(configuration, population.districts)
        layerMultiplier = baselineMultipliers
        arrivalsByCrossing = [[Int64]](repeating: [Int64](repeating: 0, count: dayCount),
                                       count: configuration.importation.crossings.count)
        infectedArrivalsByCrossing = arrivalsByCrossing
        let built = population
        serosurvey = SerosurveyState(residents: (0..<configuration.provinces.count).map { built.residents(ofProvince: $0) },
                                     serology: configuration.observation.serology)
        var residentsByAge = [Int](repeating: 0, count: AgeBands.count)
        for district in 0..<built.districts.count {
            for band in 0..<AgeBands.count {
                // The band's run covers all its activity classes.
                residentsByAge[band] += built.ageIndexStart[built.cell(district: district, band: band + 1)]
                    - built.ageIndexStart[built.cell(district: district, band: band)]
            }
        }
        serosurveyByAge = SerosurveyState(residents: residentsByAge, serology: configuration.observation.serology)
        districtSeries = DistrictSeries(population: built, dayCount: dayCount)
        infectionsByAgeSoFar.reserveCapacity(dayCount)
        updateCapacities()
    }

    /// Each province's multipliers before any measure, and with districts and urban shares the thinning
    /// that gives each district its own factor: the rate tables stay per province (at the province's
    /// highest factor) and an infector's event is kept with its district's factor over that.
    static func districtContactFactors(_ configuration: ModelConfiguration, _ layout: DistrictLayout) -> ([[Double]], [Double]) {
        var baseline = configuration.baselineContactMultipliers
        guard layout.isSubdivided, configuration.urbanRural.enabled else { return (baseline, []) }
        var keep = configuration.urbanRural.districtMultipliers(
            layout, populationWeights: configuration.provinces.map(\.populationWeight))
        for (slot, layer) in UrbanRuralParameters.layers.enumerated() {
            for province in 0..<configuration.provinces.count {
                let districts = layout.districts(ofProvince: province)
                let highest = districts.map { keep[slot * layout.count + $0] }.max() ?? 1
                guard highest > 0 else { continue }
                baseline[layer.rawValue][province] = highest
                for district in districts { keep[slot * layout.count + district] /= highest }
            }
        }
        return (baseline, keep)
    }

    /// Runs every day; `progress(daysDone, dayCount)` is called after each day.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) -> SimulationResult {
        run(progress: progress, shouldStop: { false })!
    }

    /// Like `run(progress:)`, but asks `shouldStop()` before each day and returns nil once it
    /// answers true, so a caller (the dashboard's cancel) can end a run between days.
    public func run(progress: (Int, Int) -> Void, shouldStop: () -> Bool) -> SimulationResult? {
        let clock = Stopwatch()
        for day in 0..<dayCount {
            if shouldStop() { return nil }
            step(day: day)
            progress(day + 1, dayCount)
        }
        return SimulationResult(
            scenarioName: configuration.name, seed: seed, startDate: configuration.startDate, dayCount: dayCount,
            provinceNames: configuration.provinces.map(\.name), populationScale: configuration.populationScale,
            simulatedAgents: population.count, values: Array(ledger.values), infectionsByLayer: infectionsByLayer,
            infectionsByAge: infectionsByAge, deathsByAge: deathsByAge,
            arrivalsByCrossing: Dictionary(uniqueKeysWithValues: zip(configuration.importation.crossings.map(\.name), arrivalsByCrossing)),
            infectedArrivalsByCrossing: Dictionary(uniqueKeysWithValues: zip(configuration.importation.crossings.map(\.name), infectedArrivalsByCrossing)),
            transmissionProbability: beta,
            residentsByAgeLastDay: serosurveyByAge.residents,
            seropositiveByAgeLastDay: (0..<AgeBands.count).map { serosurveyByAge.apparentPositives(province: $0) },
            districts: population.districts.isSubdivided ? districtSeries : nil,
            timings: .init(populationSeconds: populationSeconds, simulationSeconds: clock.seconds,
                           phases: Dictionary(uniqueKeysWithValues: phaseSeconds.map { ($0.key.rawValue, $0.value) })))
    }

    func step(day: Int) {
        currentDay = day
        var clock = Stopwatch()
        applyTimeline(day: day)
        seedInfections(day: day)
        processArrivals(day: day)
        releaseFromQuarantine(day: day)
        phaseSeconds[.events, default: 0] += clock.lap()
        processTransitions(day: day)
        phaseSeconds[.transitions, default: 0] += clock.lap()
        performTests(day: day)
        phaseSeconds[.testing, default: 0] += clock.lap()
        transmit(day: day)
        phaseSeconds[.transmission, default: 0] += clock.lap()
        recordStocks(day: day)
        quarantineEnds[day] = []
        phaseSeconds[.recording, default: 0] += clock.lap()
    }

    /// National tests per day (population scale 1); setting it sets the national total.
    var testsPerDay: Double {
        get { testing.national }
        set { testing.apply(perDay: newValue, laboratory: nil) }
    }

    @inline(__always)
    func add(_ measure: Measure, day: Int, province: Int, _ amount: Int64 = 1) {
        ledger.add(measure, day: day, province: province, amount)
    }

    /// Queues the end of the stage `agent` has just entered (its state is already set).
    func schedule(_ agent: Int, after days: Int, from day: Int) {
        let due = day + days
        guard due <= dayCount else { return }
        let province = population.location[agent]
        stageEnds[Int(province)].append(StageEnd(agent: UInt32(agent), state: InfectionState(rawValue: population.state[agent])!,
                                                 ageBand: population.ageBand[agent], province: province), day: due)
    }

    func recordStocks(day: Int) {
        for province in 0..<provinceCount {
            add(.infectious, day: day, province: province, Int64(ledger.infectious[province]))
            add(.bedsNeeded, day: day, province: province, Int64(ledger.severe[province]))
            add(.bedsOccupied, day: day, province: province, Int64(ledger.bedsOccupied[province]))
            add(.bedCapacity, day: day, province: province, Int64(ledger.bedCapacity[province]))
            add(.intensiveCareNeeded, day: day, province: province, Int64(ledger.critical[province]))
            add(.intensiveCareOccupied, day: day, province: province, Int64(ledger.intensiveCareOccupied[province]))
            add(.intensiveCareCapacity, day: day, province: province, Int64(ledger.intensiveCareCapacity[province]))
        }
        recordSerosurvey(day: day)
    }
}

/// Parts of a day whose wall time is reported in `SimulationResult.Timings.phases`.
public enum SimulationPhase: String, Sendable, CaseIterable {
    case events, transitions, testing, transmission, recording
    /// Parts of `transmission`: keeping the sorted infectious list, drawing contacts (parallel).
    case infectiousList = "transmission.infectious_list", contacts = "transmission.contacts"
    /// Part of `transmission`: dropping the newly infected from the contact targets (`SusceptibleIndex`).
    case susceptibleIndex = "transmission.susceptible_index"
}

/// Wall-clock seconds since creation (or since the last lap).
struct Stopwatch {
    var start: timespec

    init() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        start = now
    }

    var seconds: Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec - start.tv_sec) + Double(now.tv_nsec - start.tv_nsec) / 1e9
    }

    mutating func lap() -> Double {
        let elapsed = seconds
        clock_gettime(CLOCK_MONOTONIC, &start)
        return elapsed
    }
}
