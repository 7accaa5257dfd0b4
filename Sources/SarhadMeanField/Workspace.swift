import SarhadModel

/// Scratch vectors and pointer copies of the constant tables for one run.
///
/// Why pointers: the derivative runs 32 times per simulated day over tens of thousands of numbers;
/// Swift arrays would pay for bounds checks and copy-on-write checks in the innermost loops and
/// keep them from vectorising. Everything here is allocated once per run and freed with it.
final class Workspace {
    private let storage: UnsafeMutablePointer<Double>
    private let storageCount: Int

    // Constant tables (filled once).
    /// β · susceptibility / residents of the cell: turns contact pressure into a hazard per susceptible.
    let hazardPerPressure: UnsafeMutablePointer<Double>
    let susceptibility: UnsafeMutablePointer<Double>
    let access: UnsafeMutablePointer<Double>
    let symptomatic: UnsafeMutablePointer<Double>
    let severe: UnsafeMutablePointer<Double>
    let critical: UnsafeMutablePointer<Double>
    let deathInIntensiveCare: UnsafeMutablePointer<Double>
    let contacts: UnsafeMutablePointer<Double>
    let mobilityInto: UnsafeMutablePointer<Double>

    // Per-cell scratch.
    let communityInfectious: UnsafeMutablePointer<Double>
    let householdInfectious: UnsafeMutablePointer<Double>
    let unhospitalised: UnsafeMutablePointer<Double>
    let hospitalisedCells: UnsafeMutablePointer<Double>
    let pressureHousehold: UnsafeMutablePointer<Double>
    let pressureSchool: UnsafeMutablePointer<Double>
    let localWork: UnsafeMutablePointer<Double>
    let localCommunity: UnsafeMutablePointer<Double>
    let pressureWork: UnsafeMutablePointer<Double>
    let pressureCommunity: UnsafeMutablePointer<Double>
    let bedsHeld: UnsafeMutablePointer<Double>
    let intensiveCareHeld: UnsafeMutablePointer<Double>

    // Per-province scratch.
    let hospitalised: UnsafeMutablePointer<Double>
    let bedDemand: UnsafeMutablePointer<Double>
    let bedOccupied: UnsafeMutablePointer<Double>
    let bedFreed: UnsafeMutablePointer<Double>
    let bedToCriticalOnset: UnsafeMutablePointer<Double>
    let intensiveCareDemand: UnsafeMutablePointer<Double>
    let intensiveCareOccupied: UnsafeMutablePointer<Double>
    let intensiveCareFreed: UnsafeMutablePointer<Double>
    let admittedToBed: UnsafeMutablePointer<Double>
    let admittedToIntensiveCare: UnsafeMutablePointer<Double>
    /// Infected people seeking a test at this instant, per province, by the group their sample joins (the
    /// agents' `testingGroup`): the symptomatic group (mild onsets, and severe or critical onsets outside
    /// a hospital) and the hospitalised group (severe or critical onsets in a bed or intensive care).
    let symptomaticTestSeekers: UnsafeMutablePointer<Double>
    let hospitalisedTestSeekers: UnsafeMutablePointer<Double>
    let healthFacilityHazard: UnsafeMutablePointer<Double>
    /// Each chain's total over its sub-stages per cell, at the chain's first sub-stage (`MeanFieldSystem.drain`).
    let chainTotals: UnsafeMutablePointer<Double>
    private let stateSize: Int

    // Household pairs (`HouseholdPairs`): per province, and per tracked sub-stage × province.
    let ageShareOverResidents: UnsafeMutablePointer<Double>
    let householdContactRate: UnsafeMutablePointer<Double>
    let pairMeanField: UnsafeMutablePointer<Double>
    let pairRemoved: UnsafeMutablePointer<Double>
    let pairOutsideHazard: UnsafeMutablePointer<Double>
    let pairEntry: UnsafeMutablePointer<Double>
    let pairSusceptibleQ: UnsafeMutablePointer<Double>
    let pairSusceptibleLoss: UnsafeMutablePointer<Double>
    let pairSusceptibleDrop: UnsafeMutablePointer<Double>
    let pairRatio: UnsafeMutablePointer<Double>
    let pairMeanQ: UnsafeMutablePointer<Double>
    let pairMeanRate: UnsafeMutablePointer<Double>
    let pairPeople: UnsafeMutablePointer<Double>

    init(inputs: MeanFieldInputs, stateSize: Int) {
        self.stateSize = max(1, stateSize)
        chainTotals = UnsafeMutablePointer<Double>.allocate(capacity: max(1, stateSize))
        chainTotals.initialize(repeating: 0, count: max(1, stateSize))
        let cells = inputs.cellCount
        let provinces = inputs.provinceCount
        let bands = AgeBands.count
        let cellVectors = 19
        let provinceVectors = 13
        let s = inputs.stages
        let pairStages = s.latent.count + s.presymptomatic.count + s.asymptomatic.count + s.mildToRecovery.count
            + s.onsetToSevere.count
        storageCount = cellVectors * cells + provinceVectors * provinces + inputs.contacts.count
            + provinces * provinces + cells + bands + 7 * provinces + 4 * pairStages * provinces
        storage = UnsafeMutablePointer<Double>.allocate(capacity: storageCount)
        storage.initialize(repeating: 0, count: storageCount)
        var next = storage
        func take(_ count: Int) -> UnsafeMutablePointer<Double> {
            defer { next += count }
            return next
        }
        hazardPerPressure = take(cells)
        susceptibility = take(cells)
        access = take(cells)
        symptomatic = take(cells)
        severe = take(cells)
        critical = take(cells)
        deathInIntensiveCare = take(cells)
        communityInfectious = take(cells)
        householdInfectious = take(cells)
        unhospitalised = take(cells)
        hospitalisedCells = take(cells)
        pressureHousehold = take(cells)
        pressureSchool = take(cells)
        localWork = take(cells)
        localCommunity = take(cells)
        pressureWork = take(cells)
        pressureCommunity = take(cells)
        bedsHeld = take(cells)
        intensiveCareHeld = take(cells)
        hospitalised = take(provinces)
        bedDemand = take(provinces)
        bedOccupied = take(provinces)
        bedFreed = take(provinces)
        bedToCriticalOnset = take(provinces)
        intensiveCareDemand = take(provinces)
        intensiveCareOccupied = take(provinces)
        intensiveCareFreed = take(provinces)
        admittedToBed = take(provinces)
        admittedToIntensiveCare = take(provinces)
        symptomaticTestSeekers = take(provinces)
        hospitalisedTestSeekers = take(provinces)
        healthFacilityHazard = take(provinces)
        contacts = take(inputs.contacts.count)
        mobilityInto = take(provinces * provinces)
        ageShareOverResidents = take(cells)
        householdContactRate = take(bands)
        pairMeanField = take(provinces)
        pairRemoved = take(provinces)
        pairOutsideHazard = take(provinces)
        pairEntry = take(provinces)
        pairSusceptibleQ = take(provinces)
        pairSusceptibleLoss = take(provinces)
        pairSusceptibleDrop = take(provinces)
        pairRatio = take(pairStages * provinces)
        pairMeanQ = take(pairStages * provinces)
        pairMeanRate = take(pairStages * provinces)
        pairPeople = take(pairStages * provinces)
        for band in 0..<bands { householdContactRate[band] = inputs.householdContactRate[band] }

        for cell in 0..<cells {
            let province = cell / bands, band = cell % bands
            let residents = inputs.cellPopulation[cell]
            hazardPerPressure[cell] = residents > 0 ? inputs.beta * inputs.susceptibility[band] / residents : 0
            susceptibility[cell] = inputs.susceptibility[band]
            access[cell] = inputs.access[province]
            symptomatic[cell] = inputs.symptomatic[band]
            severe[cell] = inputs.severe[band]
            critical[cell] = inputs.critical[band]
            deathInIntensiveCare[cell] = inputs.deathInIntensiveCare[band]
            ageShareOverResidents[cell] = residents > 0 ? inputs.ageShares[band] / residents : 0
        }
        for (index, value) in inputs.contacts.enumerated() { contacts[index] = value }
        for (index, value) in inputs.mobilityInto.enumerated() { mobilityInto[index] = value }
    }

    /// Takes every vector of `other`, a workspace of the same run's shape. Some scratch values carry
    /// from one day to the next (the household-pair mean field read at the next day's arrivals), so a
    /// run that adopts another's state must adopt its workspace too to continue with the same bytes.
    func copy(from other: Workspace) {
        precondition(storageCount == other.storageCount && stateSize == other.stateSize, "workspaces of different runs")
        storage.update(from: other.storage, count: storageCount)
        chainTotals.update(from: other.chainTotals, count: stateSize)
    }

    deinit {
        storage.deinitialize(count: storageCount)
        storage.deallocate()
        chainTotals.deinitialize(count: stateSize)
        chainTotals.deallocate()
    }
}
