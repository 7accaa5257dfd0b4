import Foundation
import SarhadModel

/// New infections: the agent model's contact process in expectation.
///
/// In the agent model an infector of age band j in province q makes, per layer, Poisson(β · w ·
/// rowTotal_j · m_layer(q)) infecting-if-susceptible contacts; each picks a contact band from row j of
/// the layer's matrix, a province (school and household: q; work and community: the gravity-mobility row
/// of q), and then a uniformly random resident of that (province, band) cell, who is infected with
/// probability susceptibility_i if susceptible and reachable. The expected infections of cell (p, i) per day
/// are therefore
///
///     Σ_layers Σ_q Σ_j  I_layer(q, j) · m_layer(q) · C_layer[j][i] · Mob_layer[q → p] · β · susceptibility_i · S(p, i) / N(p, i)
///
/// where I counts infectors weighted by infectiousness (presymptomatic and asymptomatic relative
/// weights, mild 1), excluding the isolated. Severe and critical cases at home infect only through the
/// household layer; in hospital only health workers. `N` includes everybody in the cell — the dead,
/// the abroad, the quarantined — because the agent model's target index does, and contacts that land
/// on them are wasted.
///
/// The household layer lands on age bands as the agents' households do (row total × age shares,
/// `MeanFieldInputs.householdContacts`), and each infector's household contacts are scaled by how
/// depleted its own household is (`HouseholdPairs`): the agent model's households are small closed
/// groups whose susceptibles run out. The IDP-settlement and prison layers are omitted: settlement
/// residents and prisoners are ordinary residents of their (home) province here.
///
/// With individual contact activity, I counts school, work and community infectors by their activity
/// mass and a susceptible of activity w_c takes w_c times those layers' hazard (`ContactActivity.swift`).
extension MeanFieldSystem {
    func transmit(_ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ rate: UnsafeMutablePointer<Double>,
                  _ today: DayConditions, _ work: Workspace) {
        contactPressures(x, today, work)
        infect(x, dx, rate, today, work, overTheDay: false)
    }

    /// The contacts per day that reach each cell from the infectious, per layer (`work.pressure*`), and the
    /// health facilities' hazard per province (`work.healthFacilityHazard`), for the state `x` whose chain
    /// totals are in `work.chainTotals`.
    func contactPressures(_ x: UnsafePointer<Double>, _ today: DayConditions, _ work: Workspace) {
        let cells = layout.cells, provinces = layout.provinces, bands = AgeBands.count
        let community = work.communityInfectious, household = work.householdInfectious
        let totals = UnsafePointer(work.chainTotals)
        community.update(repeating: 0, count: cells)
        // Outside the home each infector counts with its activity: the chains' activity masses when there
        // are classes (`ContactActivity.swift`), else their people.
        let l = layout, active = l.tracksActivity
        MeanFieldSystem.accumulate(active ? l.presymptomaticActivity : l.presymptomatic, inputs.presymptomaticWeight,
                                   totals, into: community)
        MeanFieldSystem.accumulate(active ? l.asymptomaticActivity : l.asymptomatic, inputs.asymptomaticWeight,
                                   totals, into: community)
        MeanFieldSystem.accumulate(active ? l.mildRecoveringActivity : l.mildRecovering, 1, totals, into: community)
        MeanFieldSystem.accumulate(active ? l.mildWorseningActivity : l.mildWorsening, 1, totals, into: community)

        let atHome = work.unhospitalised
        atHome.update(repeating: 0, count: cells)
        for chain in layout.unhospitalised { MeanFieldSystem.accumulate(chain, 1, totals, into: atHome) }
        for chain in layout.isolatedUnhospitalised { MeanFieldSystem.accumulate(chain, -1, totals, into: atHome) }
        householdMeanField(x, work)
        householdInfectious(x, atHome: UnsafePointer(atHome), into: household, work)

        let inHospital = work.hospitalisedCells
        inHospital.update(repeating: 0, count: cells)
        for chain in layout.hospitalised { MeanFieldSystem.accumulate(chain, 1, totals, into: inHospital) }
        MeanFieldSystem.accumulate(layout.isolatedSevereBedToCritical, -1, totals, into: inHospital)
        let hospitalised = work.hospitalised
        for province in 0..<provinces {
            var total = 0.0
            for band in 0..<bands { total += inHospital[province * bands + band] }
            hospitalised[province] = total
        }
        for chain in layout.isolatedHospitalisedByProvince {
            MeanFieldSystem.accumulate(chain, -1, totals, into: hospitalised)
        }

        layerPressures(today, work)
        let facilityHazard = work.healthFacilityHazard
        let facilityRate = inputs.beta * inputs.healthFacilityContactRate
        for province in 0..<provinces {
            let workers = inputs.healthWorkers[province]
            let multiplier = today.multiplier[healthFacilityMultiplierBase + province]
            facilityHazard[province] = workers > 0 ? facilityRate * multiplier * max(0, hospitalised[province]) / workers : 0
        }
    }

    /// New infections from the pressures of `contactPressures`: rates at the instant of `x`, or, over the
    /// day, the totals a day of those hazards takes from the susceptible of `x` (each at risk for
    /// (1 − e^{−H}) / H of the day under hazard H, as they are used up).
    func infect(_ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ rate: UnsafeMutablePointer<Double>,
                _ today: DayConditions, _ work: Workspace, overTheDay: Bool) {
        let provinces = layout.provinces, bands = AgeBands.count
        // Hazards and infections, cell by cell and activity class by class: outside the home a susceptible
        // of activity w is met w times as often. Each infection carries its activity into the latent mass.
        let susceptible = layout.susceptible.first, healthWorkers = layout.healthWorkers.first
        let exposed = layout.latent.first, exposedActivity = layout.latentActivity.first
        let levels = inputs.activityLevels, classes = levels.count
        let perPressure = work.hazardPerPressure, susceptibility = work.susceptibility
        let pressureHousehold = work.pressureHousehold, pressureSchool = work.pressureSchool
        let pressureWork = work.pressureWork, pressureCommunity = work.pressureCommunity
        let facilityHazard = work.healthFacilityHazard
        var byLayer = (household: 0.0, school: 0.0, work: 0.0, community: 0.0, facility: 0.0)
        let infectionsByAge = rate + flows.infectionsByAgeBase
        for province in 0..<provinces {
            var infections = 0.0, workerInfections = 0.0, householdInfections = 0.0, outsideOnMates = 0.0
            let facility = facilityHazard[province]
            for band in 0..<bands {
                let cell = province * bands + band
                // The susceptible weighted by activity: how often outside contacts find them.
                var activeSusceptible = 0.0
                for activity in 0..<classes {
                    let index = layout.susceptibleIndex(cell, activity: activity), w = levels[activity]
                    let present = max(0, x[susceptible + index]), workersPresent = max(0, x[healthWorkers + index])
                    activeSusceptible += w * present
                    let hazard = perPressure[cell]
                        * (pressureHousehold[cell] + w * pressureSchool[cell] + w * pressureWork[cell] + w * pressureCommunity[cell])
                    let facilityOnWorkers = facility * susceptibility[cell]
                    // Who is at risk: those present now, or over the day the person-days at risk.
                    var s = present, h = workersPresent
                    if overTheDay {
                        h = workersPresent * MeanFieldSystem.meanSurvival(hazard + facilityOnWorkers)
                        s = (present - workersPresent) * MeanFieldSystem.meanSurvival(hazard) + h
                    }
                    let k = perPressure[cell] * s, kw = k * w
                    let fromHousehold = k * pressureHousehold[cell], fromSchool = kw * pressureSchool[cell]
                    let fromWork = kw * pressureWork[cell], fromCommunity = kw * pressureCommunity[cell]
                    let fromFacility = facilityOnWorkers * h
                    let total = fromHousehold + fromSchool + fromWork + fromCommunity + fromFacility
                    dx[susceptible + index] -= total
                    dx[healthWorkers + index] -= hazard * h + fromFacility
                    dx[exposed + cell] += total
                    if classes > 1 { dx[exposedActivity + cell] += w * total }
                    infections += total
                    householdInfections += fromHousehold
                    workerInfections += hazard * h + fromFacility
                    infectionsByAge[band] += total
                    byLayer.household += fromHousehold
                    byLayer.school += fromSchool
                    byLayer.work += fromWork
                    byLayer.community += fromCommunity
                    byLayer.facility += fromFacility
                }
                outsideOnMates += work.ageShareOverResidents[cell] * susceptibility[cell] * activeSusceptible * perPressure[cell]
                    * (pressureSchool[cell] + pressureWork[cell] + pressureCommunity[cell])
            }
            rate[flows.index(.infections, province)] += infections
            let qBar = work.pairMeanField[province]
            work.pairOutsideHazard[province] = qBar > 0 ? outsideOnMates / qBar : 0
            work.pairEntry[province] = householdEntry(province: province, infections: infections,
                                                      fromHousehold: householdInfections, work)
            rate[flows.index(.healthWorkerInfections, province)] += workerInfections
        }
        rate[flows.layer(.household)] += byLayer.household
        rate[flows.layer(.school)] += byLayer.school
        rate[flows.layer(.work)] += byLayer.work
        rate[flows.layer(.community)] += byLayer.community
        rate[flows.layer(.healthFacility)] += byLayer.facility
    }

    /// (1 − e^{−H}) / H: the share of a day that someone under hazard H (per day) stays uninfected, on
    /// average. A series below 0.05, where 1 − e^{−H} would lose digits and a day's hazard usually is.
    @inline(__always)
    static func meanSurvival(_ hazard: Double) -> Double {
        if hazard < 0.05 { return 1 - hazard * (0.5 - hazard * (1.0 / 6 - hazard * (1.0 / 24 - hazard / 120))) }
        return -expm1(-hazard) / hazard
    }

    /// Contacts per day arriving in each (province, band) cell from all infectors, per layer, with the
    /// infector's province's multiplier: household and school stay in the province, work and community
    /// travel along the mobility matrix.
    func layerPressures(_ today: DayConditions, _ work: Workspace) {
        let provinces = layout.provinces, bands = AgeBands.count, cells = layout.cells
        let contacts = work.contacts
        let household = work.householdInfectious, community = work.communityInfectious
        let toHousehold = work.pressureHousehold, toSchool = work.pressureSchool
        let localWork = work.localWork, localCommunity = work.localCommunity
        toHousehold.update(repeating: 0, count: cells)
        toSchool.update(repeating: 0, count: cells)
        localWork.update(repeating: 0, count: cells)
        localCommunity.update(repeating: 0, count: cells)
        let householdRows = contacts, schoolRows = contacts + bands * bands
        let workRows = contacts + 2 * bands * bands, communityRows = contacts + 3 * bands * bands
        for province in 0..<provinces {
            let mHousehold = today.multiplier(.household, province), mSchool = today.multiplier(.school, province)
            let mWork = today.multiplier(.work, province), mCommunity = today.multiplier(.community, province)
            let row = province * bands
            for infectorBand in 0..<bands {
                // Each a sixteen-band vector update (`DayRows.add`; element-wise, so the same bytes as a loop).
                let fromHousehold = household[row + infectorBand] * mHousehold
                if fromHousehold != 0 {
                    DayRows.add(householdRows + infectorBand * bands, weight: fromHousehold, into: toHousehold + row, bands)
                }
                let infectious = community[row + infectorBand]
                if infectious != 0 {
                    let school = infectious * mSchool, work = infectious * mWork, other = infectious * mCommunity
                    let offset = infectorBand * bands
                    DayRows.add(schoolRows + offset, weight: school, into: toSchool + row, bands)
                    DayRows.add(workRows + offset, weight: work, into: localWork + row, bands)
                    DayRows.add(communityRows + offset, weight: other, into: localCommunity + row, bands)
                }
            }
        }
        let toWork = work.pressureWork, toCommunity = work.pressureCommunity
        if provinces == 1 {
            toWork.update(from: localWork, count: cells)
            toCommunity.update(from: localCommunity, count: cells)
            return
        }
        toWork.update(repeating: 0, count: cells)
        toCommunity.update(repeating: 0, count: cells)
        let mobility = work.mobilityInto
        for destination in 0..<provinces {
            let target = destination * bands
            for origin in 0..<provinces {
                let share = mobility[destination * provinces + origin]
                if share == 0 { continue }
                let source = origin * bands
                DayRows.add(localWork + source, weight: share, into: toWork + target, bands)
                DayRows.add(localCommunity + source, weight: share, into: toCommunity + target, bands)
            }
        }
    }
}
