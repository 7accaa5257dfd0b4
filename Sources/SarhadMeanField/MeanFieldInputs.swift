import SarhadModel

/// Everything about a scenario that stays fixed during a run, resolved once into flat arrays so the
/// derivative, evaluated tens of thousands of times, does no lookups, divisions or allocation.
struct MeanFieldInputs: Sendable {
    let provinceCount: Int
    let cellCount: Int
    let dayCount: Int
    let scale: Double

    /// Residents per province exactly as `PopulationBuilder.residentsPerProvince` makes them.
    let residents: [Int]
    /// Expected residents per (province, age band): the agent model draws ages from `ageShares`.
    let cellPopulation: [Double]
    let ageShares: [Double]

    /// Per-contact transmission probability fixed by R0, as in the agent model.
    let beta: Double
    /// Activity of each equally likely class (`ContactActivityParameters.levels`, mean 1); `[1]` when
    /// everyone is alike, and then the twin keeps neither classes nor activity masses (`ContactActivity.swift`).
    let activityLevels: [Double]
    /// Relative susceptibility per age band: the agent model draws contacts at β · max susceptibility
    /// and accepts them with susceptibility / max, so an infecting contact occurs at β · susceptibility.
    let susceptibility: [Double]
    let stages: DiseaseStages
    let symptomatic: [Double]
    let severe: [Double]
    let critical: [Double]
    let deathInIntensiveCare: [Double]
    let deathSevereWithoutBed: Double
    let deathCriticalWithoutIntensiveCare: Double
    let presymptomaticWeight: Double
    let asymptomaticWeight: Double

    /// The four matrix layers, `[(layer · 16 + infectorBand) · 16 + contactBand]`, layer as in `ContactLayer.matrixLayers`.
    /// The household layer is the one the agents realise, not the home matrix itself (`householdContacts`).
    let contacts: [Double]
    /// Household contacts per day of an infector of each band before β (the home matrix's row totals).
    let householdContactRate: [Double]
    /// ⟨1/(n − 1)⟩ over people in households of two or more: the share of one's household contacts
    /// that land on a given mate (`HouseholdPairs`).
    let inverseMatesMean: Double
    /// `[destination · P + origin]`: share of the origin province's work and community contacts made in the destination.
    let mobilityInto: [Double]
    let access: [Double]

    /// Health workers per province and per (province, age band): adults 20–59, as `PopulationBuilder` picks them.
    let healthWorkers: [Double]
    let healthWorkersByCell: [Double]
    /// Infecting contacts with health workers per hospitalised patient per day, before β.
    let healthFacilityContactRate: Double

    /// People without COVID-19 seeking a test per province per day (the agent model's Poisson mean).
    let backgroundTestSeekers: [Double]

    /// Expected returnees per day (at population scale) whatever the border does; zero without crossings.
    let arrivalsPerDay: [Double]
    let destinationShares: [Double]
    /// Returnees are young adults (15–44) in proportion to the age shares.
    let arrivalAgeShares: [Double]
    let crossingShares: [Double]
    /// Everyone who will return during the run is abroad — unreachable — from day 0, as in `ArrivalSchedule`.
    let abroadAtStart: [Double]
    let prisonersAtStart: [Double]
    /// The conditions of the first day before any event: every run starts from them, and so shares their
    /// tables of whole places (`WholePlaces`) until an event changes a capacity.
    let conditionsAtStart: DayConditions
    let importedCourse: ImportedCourse

    let substepsPerDay: Int
    let quarantinePossible: Bool
    let longestQuarantine: Int

    init(_ configuration: ModelConfiguration) {
        let provinces = configuration.provinces.count
        let bands = AgeBands.count
        let dayCount = configuration.dayCount
        let scale = configuration.populationScale
        provinceCount = provinces
        cellCount = provinces * bands
        self.dayCount = dayCount
        self.scale = scale
        let residents = PopulationBuilder.residentsPerProvince(configuration)
        let ageShares = MeanFieldInputs.normalised(configuration.population.ageShares)
        var cellPopulation = [Double](repeating: 0, count: provinces * bands)
        for p in 0..<provinces {
            for i in 0..<bands { cellPopulation[p * bands + i] = Double(residents[p]) * ageShares[i] }
        }
        self.residents = residents
        self.ageShares = ageShares
        self.cellPopulation = cellPopulation

        let disease = configuration.disease
        let activityLevels = configuration.contactActivity.levels
        self.activityLevels = activityLevels
        beta = TransmissionCalibration.transmissionProbability(disease: disease, contacts: configuration.contacts,
                                                               activityLevels: activityLevels)
        susceptibility = disease.relativeSusceptibility.map { max(0, $0) }
        let stages = DiseaseStages(disease)
        self.stages = stages
        symptomatic = disease.symptomaticProbability
        severe = disease.severeGivenSymptomatic
        critical = disease.criticalGivenSevere
        deathInIntensiveCare = disease.deathGivenCriticalWithCare
        deathSevereWithoutBed = disease.deathSevereWithoutBed
        deathCriticalWithoutIntensiveCare = disease.deathCriticalWithoutIntensiveCare
        presymptomaticWeight = disease.relativeInfectiousnessPresymptomatic
        asymptomaticWeight = disease.relativeInfectiousnessAsymptomatic

        var contacts = ContactLayer.matrixLayers.flatMap { configuration.contacts.matrix($0)!.rows.flatMap { $0 } }
        // Only those who live with someone make household contacts (the agents' `householdSize > 1`).
        let sharing = MeanFieldInputs.sharedHomeShare(configuration.population.householdSizeShares)
        householdContactRate = (0..<bands).map { configuration.contacts.household.rowTotal($0) * sharing }
        let household = MeanFieldInputs.householdContacts(rates: householdContactRate, ageShares: ageShares)
        contacts.replaceSubrange(0..<(bands * bands), with: household.flatMap { $0 })
        self.contacts = contacts
        inverseMatesMean = MeanFieldInputs.inverseMatesMean(configuration.population.householdSizeShares)
        let mobility = configuration.mobility.matrix(provinces: configuration.provinces)
        var into = [Double](repeating: 0, count: provinces * provinces)
        for origin in 0..<provinces {
            let total = mobility[origin].reduce(0) { $0 + max(0, $1) }
            for destination in 0..<provinces where total > 0 {
                into[destination * provinces + origin] = max(0, mobility[origin][destination]) / total
            }
        }
        mobilityInto = into
        let access = configuration.access.access
        self.access = access

        let settings = configuration.settings
        let adultShares = MeanFieldInputs.bandShares(ageShares, AgeBands.adultBands)
        let healthWorkers = (0..<provinces).map {
            (Double(residents[$0]) * settings.healthWorkersPerThousand[$0] / 1000).rounded()
        }
        let healthWorkersByCell = (0..<provinces * bands).map {
            min(cellPopulation[$0], healthWorkers[$0 / bands] * adultShares[$0 % bands])
        }
        self.healthWorkers = healthWorkers
        self.healthWorkersByCell = healthWorkersByCell
        healthFacilityContactRate = settings.patientHealthWorkerContactsPerDay * (1 - settings.protectiveEquipmentEfficacy)
        let background = configuration.observation.backgroundTestSeekersPer100k
        backgroundTestSeekers = (0..<provinces).map { background * Double(residents[$0]) / 100_000 * access[$0] }

        let importation = configuration.importation
        let arrivalsPerDay = (0..<dayCount).map {
            importation.crossings.isEmpty ? 0 : importation.expectedArrivals(on: configuration.date(ofDay: $0)) * scale
        }
        let destinationShares = MeanFieldInputs.normalised(importation.destinationWeights)
        let arrivalAgeShares = MeanFieldInputs.bandShares(ageShares, AgeBands.youngAdultBands)
        self.arrivalsPerDay = arrivalsPerDay
        self.destinationShares = destinationShares
        self.arrivalAgeShares = arrivalAgeShares
        crossingShares = MeanFieldInputs.normalised(importation.crossings.map(\.share))
        let returning = arrivalsPerDay.reduce(0, +)
        var abroad = [Double](repeating: 0, count: provinces * bands)
        for p in 0..<provinces {
            for i in 0..<bands {
                let cell = p * bands + i
                abroad[cell] = min(cellPopulation[cell] - healthWorkersByCell[cell],
                                   returning * destinationShares[p] * arrivalAgeShares[i])
            }
        }
        abroadAtStart = abroad
        prisonersAtStart = configuration.provinceShares.map { (settings.prisoners * $0 * scale).rounded() }
        conditionsAtStart = DayConditions(configuration: configuration, prisoners: prisonersAtStart)
        importedCourse = ImportedCourse(disease: disease)

        let fastest = stages.all.map(\.rate).max() ?? 1
        substepsPerDay = min(1024, max(MeanFieldInputs.baseSubstepsPerDay, Int(fastest.rounded(.up)),
                                       Int((1 / (CareCapacity.largestRateTimesStep * CareCapacity.relaxationDays)).rounded(.up))))

        var quarantineDays = [configuration.border.quarantineEnabled ? configuration.border.quarantineDays : 0]
        var possible = configuration.border.quarantineEnabled
        var days = configuration.border.quarantineDays
        for event in configuration.timeline.sorted(by: { $0.date < $1.date }) {
            guard case .quarantine(let enabled, let newDays, _) = event.action else { continue }
            if let newDays { days = newDays }
            possible = possible || enabled
            quarantineDays.append(days)
        }
        longestQuarantine = min(dayCount, max(0, quarantineDays.max() ?? 0))
        quarantinePossible = possible && longestQuarantine > 0
    }

    /// Two Runge–Kutta steps a day (dt = 12 h), more if some sub-stage is left faster than once per step
    /// (rate · dt ≤ 1, for accuracy along the disease course) or the care relaxation is faster than
    /// `CareCapacity.largestRateTimesStep` per step. Measured on the built-in scenario: two steps a day
    /// give the same national totals and peaks as four or eight, to the person (`RungeKutta4`).
    static let baseSubstepsPerDay = 2

    static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        return total > 0 ? weights.map { max(0, $0) / total } : weights.map { _ in 0 }
    }

    /// The household contacts the agent model actually makes: an infector of band j makes `rates[j]` of
    /// them (H_j, the home matrix's row total, times the share who live with someone), but each lands on a uniformly random other member of its
    /// household (`TransmissionKernel.householdTarget`), and `PopulationBuilder` draws every member's
    /// age independently from the age shares. So the contact's band is i with probability a_i whatever
    /// j is: the realised matrix is H_j · a_i, not the home matrix's age-assortative rows. β stays the one
    /// calibrated on the home matrix, as in the agent model. Using the home matrix here gave the
    /// over-60s 14–40 % more infections (and the twin 12 % more deaths) than the agents at the same
    /// final size (docs/VALIDATION.md, check 3).
    static func householdContacts(rates: [Double], ageShares: [Double]) -> [[Double]] {
        rates.map { rate in ageShares.map { rate * $0 } }
    }

    /// The share of people who live with someone: households of size n hold n · share_n people, as
    /// `PopulationBuilder` draws sizes from the shares (at most 255). Infectors living alone make no
    /// household contacts, so the twin's household rates are scaled by it (0.9998 with the built-in
    /// sizes; a country where many live alone would otherwise get the twin's household layer too strong).
    static func sharedHomeShare(_ sizeShares: [Double]) -> Double {
        let households = peopleBySize(sizeShares)
        let people = households.reduce(0) { $0 + $1.people }
        let sharing = households.reduce(0) { $0 + ($1.size >= 2 ? $1.people : 0) }
        return people > 0 ? sharing / people : 0
    }

    /// ⟨1/(n − 1)⟩ weighted by people (n · share of households of size n), over sizes 2 and up, as
    /// `PopulationBuilder` draws sizes from the shares (at most 255). People living alone (0.02 % of
    /// people with the built-in sizes) make no household contacts in either engine (`sharedHomeShare`).
    static func inverseMatesMean(_ sizeShares: [Double]) -> Double {
        let shared = peopleBySize(sizeShares).filter { $0.size >= 2 }
        let people = shared.reduce(0) { $0 + $1.people }
        let weighted = shared.reduce(0) { $0 + $1.people / ($1.size - 1) }
        return people > 0 ? weighted / people : 0
    }

    /// People in households of each size, n · share_n, as `PopulationBuilder` draws sizes from the
    /// shares (sizes 1 to 255).
    static func peopleBySize(_ sizeShares: [Double]) -> [(size: Double, people: Double)] {
        sizeShares.prefix(255).enumerated().map { index, share in (Double(index + 1), Double(index + 1) * max(0, share)) }
    }

    /// Shares of the age bands inside `bands` (zero outside), for people picked uniformly from those bands.
    static func bandShares(_ shares: [Double], _ bands: ClosedRange<Int>) -> [Double] {
        let total = bands.reduce(0) { $0 + shares[$1] }
        return shares.indices.map { bands.contains($0) && total > 0 ? shares[$0] / total : 0 }
    }
}

/// Where an infected returnee is in its course on arrival, per age band.
///
/// The agent model draws the infection age uniformly over the days the agent would be infected (latent,
/// then presymptomatic and mild to severe onset or recovery, or asymptomatic), so the chance of being
/// in a stage is that stage's share of the course. The twin uses the ratio of the mean durations
/// (rather than the mean of the ratio of the random durations) and spreads each stage's share evenly
/// over its Erlang sub-stages, which is where a uniform time in an Erlang stage falls on average.
struct ImportedCourse: Sendable {
    /// Per age band, shares of infected arrivals arriving in each stage; they sum to 1.
    let latent: [Double]
    let presymptomatic: [Double]
    let asymptomatic: [Double]
    let mildRecovering: [Double]
    let mildWorsening: [Double]

    init(disease: DiseaseParameters) {
        let l = max(0, disease.latent.mean)
        let pre = max(0, disease.presymptomatic.mean)
        let asym = max(0, disease.asymptomaticInfectious.mean)
        let recovering = max(0, disease.mildToRecovery.mean)
        let worsening = max(0, disease.onsetToSevere.mean)
        func share(_ part: Double, of whole: Double) -> Double { whole > 0 ? part / whole : 0 }
        var latent = [Double](), presymptomatic = [Double](), asymptomatic = [Double]()
        var mildRecovering = [Double](), mildWorsening = [Double]()
        for band in 0..<AgeBands.count {
            let symptomatic = disease.symptomaticProbability[band]
            let severe = disease.severeGivenSymptomatic[band]
            let asymptomaticCourse = l + asym, recoveringCourse = l + pre + recovering, worseningCourse = l + pre + worsening
            let weights = (asymptomatic: 1 - symptomatic, recovering: symptomatic * (1 - severe), worsening: symptomatic * severe)
            latent.append(weights.asymptomatic * share(l, of: asymptomaticCourse)
                + weights.recovering * share(l, of: recoveringCourse) + weights.worsening * share(l, of: worseningCourse))
            presymptomatic.append(weights.recovering * share(pre, of: recoveringCourse)
                + weights.worsening * share(pre, of: worseningCourse))
            asymptomatic.append(weights.asymptomatic * share(asym, of: asymptomaticCourse))
            mildRecovering.append(weights.recovering * share(recovering, of: recoveringCourse))
            mildWorsening.append(weights.worsening * share(worsening, of: worseningCourse))
        }
        self.latent = latent
        self.presymptomatic = presymptomatic
        self.asymptomatic = asymptomatic
        self.mildRecovering = mildRecovering
        self.mildWorsening = mildWorsening
    }

    /// Share of infected arrivals of this band who arrive with symptoms.
    func mild(_ band: Int) -> Double { mildRecovering[band] + mildWorsening[band] }
}
