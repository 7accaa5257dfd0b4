import SarhadModel

/// Progression through the natural history, care and testing: every flow out of the last sub-stage of
/// a chain, routed to where the agent model would send the agent.
///
/// The agent model fixes the outcome of each stage on entry, so the twin splits each exit flow by
/// the same probabilities into outcome-specific chains:
/// - end of latency → presymptomatic (symptomatic_i) or asymptomatic;
/// - symptom onset → mild, to recover or to worsen (severe_i); a test may be sought;
/// - severe onset → a bed if care is sought (access) and a bed is free, then critical (critical_i)
///   or recovery; without a bed, critical, death (`deathSevereWithoutBed`) or recovery; a test may be sought;
/// - critical onset → intensive care if the patient had a bed or had sought one and a place is free
///   (then death by `deathGivenCriticalWithCare_i`); otherwise death by `deathCriticalWithoutIntensiveCare`,
///   keeping the bed if there was one; a test may be sought.
///
/// Only the not yet confirmed seek tests. Testing is fluid: at each instant each laboratory's capacity
/// is shared among everyone whose sample reaches it at that instant (`MeanFieldObservation.swift`). A positive test
/// confirms, and isolates with `isolationOfConfirmed`; isolation takes effect at onset, as the agent
/// model tests before the day's contacts.
extension MeanFieldSystem {
    /// Beds and intensive-care places held per province, from the chain totals of the state at hand
    /// (`work.chainTotals`), into `work.bedOccupied` and `work.intensiveCareOccupied`.
    func careOccupancy(_ work: Workspace) {
        let l = layout, bands = AgeBands.count
        let totals = UnsafePointer(work.chainTotals)
        let bedsHeld = work.bedsHeld, icuHeld = work.intensiveCareHeld
        bedsHeld.update(repeating: 0, count: l.cells)
        icuHeld.update(repeating: 0, count: l.cells)
        for chain in l.occupyingBeds { MeanFieldSystem.accumulate(chain, 1, totals, into: bedsHeld) }
        for chain in l.occupyingIntensiveCare { MeanFieldSystem.accumulate(chain, 1, totals, into: icuHeld) }
        for province in 0..<l.provinces {
            var held = (bed: 0.0, icu: 0.0)
            for band in 0..<bands {
                held.bed += bedsHeld[province * bands + band]
                held.icu += icuHeld[province * bands + band]
            }
            work.bedOccupied[province] = held.bed
            work.intensiveCareOccupied[province] = held.icu
        }
    }

    /// Who needs and who frees beds and intensive-care places, per province, as `exits` counts them.
    func careDemand<Exits: ChainExits>(_ exits: Exits, _ work: Workspace) {
        let l = layout, bands = AgeBands.count
        let access = work.access
        for province in 0..<l.provinces {
            var demand = (bed: 0.0, icu: 0.0), freed = (bed: 0.0, icu: 0.0)
            var fromBeds = 0.0
            for band in 0..<bands {
                let cell = province * bands + band
                let worsening = exits.exit(l.mildWorsening, cell) + exits.exit(l.isolatedMildWorsening, cell)
                let bedCritical = exits.exit(l.severeBedToCritical, cell)
                demand.bed += access[cell] * worsening
                demand.icu += bedCritical + exits.exit(l.severeSeekerToCritical, cell)
                fromBeds += bedCritical
                freed.bed += exits.exit(l.severeBedToRecovery, cell) + exits.exit(l.criticalBedToDeath, cell)
                    + exits.exit(l.criticalBedToRecovery, cell)
                freed.icu += exits.exit(l.criticalCareToDeath, cell) + exits.exit(l.criticalCareToRecovery, cell)
            }
            work.bedDemand[province] = demand.bed
            work.intensiveCareDemand[province] = demand.icu
            work.bedFreed[province] = freed.bed
            work.intensiveCareFreed[province] = freed.icu
            work.bedToCriticalOnset[province] = fromBeds
        }
    }

    /// The share of those seeking a bed, and an intensive-care place, who get one, into `work.admittedToBed`
    /// and `work.admittedToIntensiveCare`: the smaller of the fluid bound (`CareCapacity`: no more than the
    /// places free and freed) and the share that whole places admit (`WholePlaces`). Intensive care first,
    /// because a bed patient moved to intensive care frees a bed. Runge–Kutta passes rates for the day's
    /// counts: the whole places' share is then that of a day at today's rates.
    func admitToCare(_ today: DayConditions, _ work: Workspace, relaxationDays: Double) {
        for province in 0..<layout.provinces {
            let icu = CareCapacity.admittedShare(
                demand: work.intensiveCareDemand[province], places: today.intensiveCarePlaces[province],
                occupied: work.intensiveCareOccupied[province], freed: work.intensiveCareFreed[province],
                relaxationDays: relaxationDays)
            work.admittedToIntensiveCare[province] = icu
            work.admittedToBed[province] = CareCapacity.admittedShare(
                demand: work.bedDemand[province], places: today.bedPlaces[province],
                occupied: work.bedOccupied[province], freed: work.bedFreed[province] + icu * work.bedToCriticalOnset[province],
                relaxationDays: relaxationDays)
        }
    }

    /// Routes every exit of the course, cell by cell in the order people move (so that a day's totals are
    /// complete for each chain before they are read), with the care shares of `admitToCare` and the
    /// tested `shares` of `testedShares`.
    func advanceCourse<Exits: ChainExits>(_ exits: Exits, _ dx: UnsafeMutablePointer<Double>,
                                          _ rate: UnsafeMutablePointer<Double>, _ today: DayConditions, _ work: Workspace,
                                          shares sharesByProvince: [TestShares]) {
        let l = layout
        let provinces = l.provinces, bands = AgeBands.count
        let access = work.access
        let toBed = work.admittedToBed, toIntensiveCare = work.admittedToIntensiveCare
        let sensitivity = observation.testSensitivity
        let isolating = observation.isolationOfConfirmed
        let seeking = (mild: observation.testSeekingMild, severe: observation.testSeekingSevere,
                       critical: observation.testSeekingCritical)
        let pDeathUnbedded = inputs.deathSevereWithoutBed, pDeathNoCare = inputs.deathCriticalWithoutIntensiveCare
        let symptomatic = work.symptomatic, severe = work.severe, critical = work.critical
        let deathInCare = work.deathInIntensiveCare
        let recovered = l.recovered.first, dead = l.dead.first
        let deathsByAge = rate + flows.deathsByAgeBase
        let recordConfirmed = observation.deathRecordingOfConfirmed
        for province in 0..<provinces {
            let shares = sharesByProvince[province]
            // A seeker's sample is tested with their group's share: the hospitalised group's in a bed or
            // intensive care, the symptomatic group's elsewhere (the agents' `testingGroup`).
            let positive = shares.symptomatic * sensitivity, positiveInHospital = shares.hospitalised * sensitivity
            let postMortemInHospital = observation.postMortemTestingInHospital * shares.hospitalised
            let postMortemElsewhere = observation.postMortemTestingElsewhere * shares.symptomatic
            let f = toBed[province], g = toIntensiveCare[province]
            var onsetTotal = 0.0, admissions = 0.0, icuAdmissions = 0.0, deathsInCare = 0.0, deathsNoCare = 0.0
            var deathsOfConfirmed = 0.0, postMortemTests = 0.0
            for band in 0..<bands {
                let cell = province * bands + band
                let a = access[cell]
                // Chance that an unconfirmed person at each onset is confirmed now: at severe onset as
                // they found a bed or not, at critical onset as they are in hospital or not.
                let confirmMild = positive * seeking.mild * a
                let confirmSevereInBed = positiveInHospital * seeking.severe * a
                let confirmSevereElsewhere = positive * seeking.severe * a
                let confirmCriticalInHospital = positiveInHospital * seeking.critical * a
                let confirmCriticalElsewhere = positive * seeking.critical * a
                let ps = symptomatic[cell], pSevere = severe[cell], pc = critical[cell], pdi = deathInCare[cell]

                // End of latency.
                let infectious = exits.exit(l.latent, cell)
                dx[l.presymptomatic.first + cell] += ps * infectious
                dx[l.asymptomatic.first + cell] += (1 - ps) * infectious

                // Symptom onset: nobody here has been tested before.
                let onset = exits.exit(l.presymptomatic, cell)
                let confirmed = onset * confirmMild
                let confirmedIsolating = confirmed * isolating
                let free = onset - confirmedIsolating
                dx[l.mildWorsening.first + cell] += pSevere * free
                dx[l.mildRecovering.first + cell] += (1 - pSevere) * free
                dx[l.confirmedMildWorsening.first + cell] += pSevere * (confirmed - confirmedIsolating)
                if l.tracksActivity {
                    advanceActivity(exits, dx, cell, symptomatic: ps, severe: pSevere, isolatingAtOnset: confirmMild * isolating)
                }
                var isolatedOnset = confirmedIsolating, isolatedConfirmed = confirmedIsolating
                onsetTotal += onset
                var quarantinedRecoveries = 0.0
                if l.quarantine {
                    let quarantinedInfectious = exits.exit(l.quarantinedLatent, cell)
                    dx[l.quarantinedPresymptomatic.first + cell] += ps * quarantinedInfectious
                    dx[l.quarantinedAsymptomatic.first + cell] += (1 - ps) * quarantinedInfectious
                    let quarantinedOnset = exits.exit(l.quarantinedPresymptomatic, cell)
                    isolatedOnset += quarantinedOnset
                    isolatedConfirmed += quarantinedOnset * confirmMild
                    onsetTotal += quarantinedOnset
                    quarantinedRecoveries = exits.exit(l.quarantinedAsymptomatic, cell)
                }
                dx[l.isolatedMildWorsening.first + cell] += pSevere * isolatedOnset
                dx[l.isolatedMildRecovering.first + cell] += (1 - pSevere) * isolatedOnset
                dx[l.confirmedIsolatedMildWorsening.first + cell] += pSevere * isolatedConfirmed
                // Read only now: the isolated mild chain's inflow is complete.
                var recoveries = exits.exit(l.asymptomatic, cell)
                    + exits.exit(l.mildRecovering, cell)
                    + exits.exit(l.isolatedMildRecovering, cell)
                if l.quarantine { recoveries += quarantinedRecoveries }

                // Severe onset: care, outcome; the unconfirmed may be confirmed now, and the free ones isolate.
                let worseningFree = exits.exit(l.mildWorsening, cell)
                let worseningIsolated = exits.exit(l.isolatedMildWorsening, cell)
                let freeConfirmed = exits.exit(l.confirmedMildWorsening, cell)
                let isolatedConfirmedBefore = exits.exit(l.confirmedIsolatedMildWorsening, cell)
                let freeUnconfirmed = max(0, worseningFree - freeConfirmed)
                let isolatedUnconfirmed = max(0, worseningIsolated - isolatedConfirmedBefore)
                let severeOnset = worseningFree + worseningIsolated
                // Isolated, confirmed, and confirmed and isolated, per person of the onset, for those who
                // found a bed and for the others (whose tests have different chances).
                func shadows(_ confirm: Double) -> (isolated: Double, confirmed: Double, confirmedIsolated: Double) {
                    let newlyIsolated = freeUnconfirmed * confirm * isolating
                    return (worseningIsolated + newlyIsolated,
                            freeConfirmed + isolatedConfirmedBefore + (freeUnconfirmed + isolatedUnconfirmed) * confirm,
                            isolatedConfirmedBefore + isolatedUnconfirmed * confirm + newlyIsolated)
                }
                let inBed = shadows(confirmSevereInBed), elsewhere = shadows(confirmSevereElsewhere)
                let bedded = a * f, seekingUnbedded = a * (1 - f), notSeeking = 1 - a
                let unbedded = 1 - bedded
                let pRecoverUnbedded = (1 - pc) * (1 - pDeathUnbedded), pDieUnbedded = (1 - pc) * pDeathUnbedded
                dx[l.severeBedToCritical.first + cell] += severeOnset * bedded * pc
                dx[l.severeBedToRecovery.first + cell] += severeOnset * bedded * (1 - pc)
                dx[l.severeSeekerToCritical.first + cell] += severeOnset * seekingUnbedded * pc
                dx[l.severeNonSeekerToCritical.first + cell] += severeOnset * notSeeking * pc
                dx[l.severeUnbedToRecovery.first + cell] += severeOnset * unbedded * pRecoverUnbedded
                dx[l.severeUnbedToDeath.first + cell] += severeOnset * unbedded * pDieUnbedded
                dx[l.isolatedSevereBedToCritical.first + cell] += inBed.isolated * bedded * pc
                dx[l.isolatedSevereBedToRecovery.first + province] += inBed.isolated * bedded * (1 - pc)
                dx[l.isolatedSevereSeekerToCritical.first + cell] += elsewhere.isolated * seekingUnbedded * pc
                dx[l.isolatedSevereNonSeekerToCritical.first + cell] += elsewhere.isolated * notSeeking * pc
                dx[l.isolatedSevereUnbedToRecovery.first + cell] += elsewhere.isolated * unbedded * pRecoverUnbedded
                dx[l.isolatedSevereUnbedToDeath.first + cell] += elsewhere.isolated * unbedded * pDieUnbedded
                dx[l.confirmedSevereBedToCritical.first + cell] += inBed.confirmed * bedded * pc
                dx[l.confirmedSevereSeekerToCritical.first + cell] += elsewhere.confirmed * seekingUnbedded * pc
                dx[l.confirmedSevereNonSeekerToCritical.first + cell] += elsewhere.confirmed * notSeeking * pc
                dx[l.confirmedIsolatedSevereBedToCritical.first + cell] += inBed.confirmedIsolated * bedded * pc
                dx[l.confirmedIsolatedSevereSeekerToCritical.first + cell] += elsewhere.confirmedIsolated * seekingUnbedded * pc
                dx[l.confirmedIsolatedSevereNonSeekerToCritical.first + cell] += elsewhere.confirmedIsolated * notSeeking * pc
                admissions += severeOnset * bedded

                // Critical onset: intensive care for those who had or sought a bed, if there is a place.
                let fromBed = exits.exit(l.severeBedToCritical, cell)
                let fromSeeker = exits.exit(l.severeSeekerToCritical, cell)
                let fromNonSeeker = exits.exit(l.severeNonSeekerToCritical, cell)
                let bedLeaving = atCriticalOnset(exits, cell, l.severeBedToCritical, l.isolatedSevereBedToCritical,
                                                 l.confirmedSevereBedToCritical, l.confirmedIsolatedSevereBedToCritical)
                let seekerLeaving = atCriticalOnset(exits, cell, l.severeSeekerToCritical, l.isolatedSevereSeekerToCritical,
                                                    l.confirmedSevereSeekerToCritical, l.confirmedIsolatedSevereSeekerToCritical)
                let nonSeekerLeaving = atCriticalOnset(exits, cell, l.severeNonSeekerToCritical,
                                                       l.isolatedSevereNonSeekerToCritical, l.confirmedSevereNonSeekerToCritical,
                                                       l.confirmedIsolatedSevereNonSeekerToCritical)
                let isolatedBed = isolated(bedLeaving, newlyIsolating: confirmCriticalInHospital * isolating)
                // Those who sought a bed without finding one: in intensive care (and the hospitalised group)
                // with the share g, elsewhere otherwise.
                let isolatedSeekerInCare = isolated(seekerLeaving, newlyIsolating: confirmCriticalInHospital * isolating)
                let isolatedSeekerElsewhere = isolated(seekerLeaving, newlyIsolating: confirmCriticalElsewhere * isolating)
                let isolatedNonSeeker = isolated(nonSeekerLeaving, newlyIsolating: confirmCriticalElsewhere * isolating)
                let admitted = g * (fromBed + fromSeeker)
                let keptBed = (1 - g) * fromBed
                let noCare = (1 - g) * fromSeeker + fromNonSeeker
                dx[l.criticalCareToDeath.first + cell] += admitted * pdi
                dx[l.criticalCareToRecovery.first + cell] += admitted * (1 - pdi)
                dx[l.criticalBedToDeath.first + cell] += keptBed * pDeathNoCare
                dx[l.criticalBedToRecovery.first + cell] += keptBed * (1 - pDeathNoCare)
                dx[l.criticalNoCareToDeath.first + cell] += noCare * pDeathNoCare
                dx[l.criticalNoCareToRecovery.first + cell] += noCare * (1 - pDeathNoCare)
                let isolatedAdmitted = g * (isolatedBed + isolatedSeekerInCare)
                let isolatedKeptBed = (1 - g) * isolatedBed
                let isolatedNoCare = (1 - g) * isolatedSeekerElsewhere + isolatedNonSeeker
                dx[l.isolatedCriticalCareToDeath.first + province] += isolatedAdmitted * pdi
                dx[l.isolatedCriticalCareToRecovery.first + province] += isolatedAdmitted * (1 - pdi)
                dx[l.isolatedCriticalBedToDeath.first + province] += isolatedKeptBed * pDeathNoCare
                dx[l.isolatedCriticalBedToRecovery.first + province] += isolatedKeptBed * (1 - pDeathNoCare)
                dx[l.isolatedCriticalNoCareToDeath.first + cell] += isolatedNoCare * pDeathNoCare
                dx[l.isolatedCriticalNoCareToRecovery.first + cell] += isolatedNoCare * (1 - pDeathNoCare)
                icuAdmissions += admitted

                // Recoveries and deaths.
                recoveries += exits.exit(l.severeBedToRecovery, cell)
                    + exits.exit(l.severeUnbedToRecovery, cell)
                    + exits.exit(l.criticalCareToRecovery, cell)
                    + exits.exit(l.criticalBedToRecovery, cell)
                    + exits.exit(l.criticalNoCareToRecovery, cell)
                let inCare = exits.exit(l.criticalCareToDeath, cell)
                    + exits.exit(l.criticalBedToDeath, cell)
                let withoutCare = exits.exit(l.severeUnbedToDeath, cell)
                    + exits.exit(l.criticalNoCareToDeath, cell)
                dx[recovered + cell] += recoveries
                dx[dead + cell] += inCare + withoutCare
                deathsByAge[band] += inCare + withoutCare
                deathsInCare += inCare
                deathsNoCare += withoutCare
                // Who among the dying was confirmed: the chance of a positive test at each onset they
                // passed, at today's tested shares and, for those in intensive care, today's mix of where
                // they came from (approximations when capacity changes fast).
                let unconfirmedAfterBed = (1 - confirmMild) * (1 - confirmSevereInBed)
                let unconfirmedAfterNoBed = (1 - confirmMild) * (1 - confirmSevereElsewhere)
                let fromBedShare = fromBed + fromSeeker > 0 ? fromBed / (fromBed + fromSeeker) : f
                let unconfirmedInCare = (1 - confirmCriticalInHospital) * (
                    exits.exit(l.criticalCareToDeath, cell)
                        * (fromBedShare * unconfirmedAfterBed + (1 - fromBedShare) * unconfirmedAfterNoBed)
                    + exits.exit(l.criticalBedToDeath, cell) * unconfirmedAfterBed)
                let unconfirmedElsewhere = exits.exit(l.severeUnbedToDeath, cell) * unconfirmedAfterNoBed
                    + exits.exit(l.criticalNoCareToDeath, cell) * unconfirmedAfterNoBed * (1 - confirmCriticalElsewhere)
                deathsOfConfirmed += inCare + withoutCare - unconfirmedInCare - unconfirmedElsewhere
                postMortemTests += postMortemInHospital * unconfirmedInCare + postMortemElsewhere * a * unconfirmedElsewhere
            }
            rate[flows.index(.symptomaticOnsets, province)] += onsetTotal
            rate[flows.index(.hospitalAdmissions, province)] += admissions
            rate[flows.index(.intensiveCareAdmissions, province)] += icuAdmissions
            rate[flows.index(.deaths, province)] += deathsInCare + deathsNoCare
            rate[flows.index(.deathsWithoutCare, province)] += deathsNoCare
            rate[flows.index(.recordableDeaths, province)] += recordConfirmed * deathsOfConfirmed
            rate[flows.index(.postMortemTests, province)] += postMortemTests
            rate[flows.index(.postMortemPositives, province)] += sensitivity * postMortemTests
        }

        // Tests, once every onset of the day has been routed.
        countInfectedTestSeekers(exits, work)
        let seekers = work.symptomaticTestSeekers, inHospital = work.hospitalisedTestSeekers
        for province in 0..<provinces {
            let shares = sharesByProvince[province]
            let screened = today.screenedTestSeekers[province]
            rate[flows.index(.tests, province)] += shares.symptomatic * (seekers[province] + screened)
                + shares.hospitalised * inHospital[province] + shares.others * inputs.backgroundTestSeekers[province]
            rate[flows.index(.positiveTests, province)] += sensitivity
                * (shares.symptomatic * (seekers[province] + screened) + shares.hospitalised * inHospital[province])
        }
    }

    /// Those leaving a severe-to-critical chain who are isolated already, and the free and unconfirmed among
    /// them (all − isolated − confirmed + confirmed∧isolated), who isolate if confirmed now (`isolated`).
    @inline(__always)
    func atCriticalOnset<Exits: ChainExits>(_ exits: Exits, _ cell: Int, _ all: Chain, _ isolated: Chain,
                                            _ confirmed: Chain, _ confirmedIsolated: Chain)
        -> (alreadyIsolated: Double, freeUnconfirmed: Double) {
        let total = exits.exit(all, cell)
        let alreadyIsolated = exits.exit(isolated, cell)
        let freeUnconfirmed = total - alreadyIsolated - exits.exit(confirmed, cell)
            + exits.exit(confirmedIsolated, cell)
        return (alreadyIsolated, max(0, freeUnconfirmed))
    }

    /// The isolated among those leaving a severe-to-critical chain: already isolated, plus the free and
    /// unconfirmed who are confirmed now and isolate (a share `newlyIsolating` of them).
    @inline(__always)
    func isolated(_ leaving: (alreadyIsolated: Double, freeUnconfirmed: Double), newlyIsolating: Double) -> Double {
        leaving.alreadyIsolated + newlyIsolating * leaving.freeUnconfirmed
    }

    /// Infected people seeking a test, per province (a rate, or the day's total, as `exits` counts): the not
    /// yet confirmed at each onset, times the seeking probability and access, by the group their samples join
    /// (the day's admission shares `work.admittedToBed` and `admittedToIntensiveCare` say who is in hospital).
    /// Written to `work.symptomaticTestSeekers` and `work.hospitalisedTestSeekers`.
    func countInfectedTestSeekers<Exits: ChainExits>(_ exits: Exits, _ work: Workspace) {
        let l = layout, bands = AgeBands.count
        let mild = observation.testSeekingMild, severe = observation.testSeekingSevere
        let critical = observation.testSeekingCritical
        for province in 0..<l.provinces {
            // Seekers at severe onset are in a bed with the chance a · f of finding one (the agents' draws
            // for care and for a test are independent); at critical onset those who had a bed are in
            // hospital, those who sought one without finding it with the chance g of intensive care.
            let f = work.admittedToBed[province], g = work.admittedToIntensiveCare[province]
            var symptomatic = 0.0, hospitalised = 0.0
            for band in 0..<bands {
                let cell = province * bands + band, a = work.access[cell]
                var onsets = exits.exit(l.presymptomatic, cell)
                if l.quarantine { onsets += exits.exit(l.quarantinedPresymptomatic, cell) }
                let severeOnsets = max(0, exits.exit(l.mildWorsening, cell)
                    - exits.exit(l.confirmedMildWorsening, cell))
                    + max(0, exits.exit(l.isolatedMildWorsening, cell)
                        - exits.exit(l.confirmedIsolatedMildWorsening, cell))
                let fromBed = max(0, exits.exit(l.severeBedToCritical, cell)
                    - exits.exit(l.confirmedSevereBedToCritical, cell))
                let fromSeeker = max(0, exits.exit(l.severeSeekerToCritical, cell)
                    - exits.exit(l.confirmedSevereSeekerToCritical, cell))
                let fromNonSeeker = max(0, exits.exit(l.severeNonSeekerToCritical, cell)
                    - exits.exit(l.confirmedSevereNonSeekerToCritical, cell))
                let bedded = a * f
                symptomatic += a * (mild * onsets + severe * (1 - bedded) * severeOnsets
                    + critical * ((1 - g) * fromSeeker + fromNonSeeker))
                hospitalised += a * (severe * bedded * severeOnsets + critical * (fromBed + g * fromSeeker))
            }
            work.symptomaticTestSeekers[province] = symptomatic
            work.hospitalisedTestSeekers[province] = hospitalised
        }
    }
}
