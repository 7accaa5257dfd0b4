import SarhadModel

/// Progression through the natural history, care and testing: every flow out of the last sub-stage of
/// a chain, routed to where the agent model would send the agent.
///
/// The agent model fixes the outcome of each stage on entry, so the twin splits each exit flow by
/// the same probabilities into outcome-specific chains:
/// - end of latency → presymptomatic (symptomatic_i) or asymptomatic;
/// - symptom onset → mild, to recover or to worsen (severe_i); a test is sought here;
/// - severe onset → a bed if care is sought (access) and a bed is free, then critical (critical_i)
///   or recovery; without a bed, critical, death (`deathSevereWithoutBed`) or recovery; a test is sought;
/// - critical onset → intensive care if the patient had a bed or had sought one and a place is free
///   (then death by `deathGivenCriticalWithCare_i`); otherwise death by `deathCriticalWithoutIntensiveCare`,
///   keeping the bed if there was one; a test is sought.
///
/// Testing is fluid: at each instant the national test capacity is shared among everyone seeking a test
/// at that instant (infected seekers at onset, background seekers, screened arrivals). The agent model
/// shares one day's capacity among that day's seekers; within a day the two differ only when demand
/// swings within the day. A positive test isolates with `isolationOfConfirmed`; isolation takes effect at
/// onset, as the agent model tests before the day's contacts.
extension MeanFieldSystem {
    func advanceCourse(_ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>,
                       _ rate: UnsafeMutablePointer<Double>, _ today: DayConditions, _ work: Workspace) {
        let l = layout
        let provinces = l.provinces, bands = AgeBands.count
        let seeking = (mild: observation.testSeekingMild, severe: observation.testSeekingSevere,
                       critical: observation.testSeekingCritical)
        let access = work.access
        let quarantine = l.quarantine

        // Pass 1: demand for tests, beds and intensive care, and what is occupied and being freed.
        let bedDemand = work.bedDemand, icuDemand = work.intensiveCareDemand
        let bedOccupied = work.bedOccupied, icuOccupied = work.intensiveCareOccupied
        let bedFreed = work.bedFreed, icuFreed = work.intensiveCareFreed
        let bedToCritical = work.bedToCriticalOnset, seekers = work.infectedTestSeekers
        let bedsHeld = work.bedsHeld, icuHeld = work.intensiveCareHeld
        bedsHeld.update(repeating: 0, count: l.cells)
        icuHeld.update(repeating: 0, count: l.cells)
        for chain in l.occupyingBeds { MeanFieldSystem.accumulate(chain, 1, x, into: bedsHeld) }
        for chain in l.occupyingIntensiveCare { MeanFieldSystem.accumulate(chain, 1, x, into: icuHeld) }
        for province in 0..<provinces {
            var demand = (bed: 0.0, icu: 0.0, tests: 0.0)
            var held = (bed: 0.0, icu: 0.0), freed = (bed: 0.0, icu: 0.0), fromBeds = 0.0
            for band in 0..<bands {
                let cell = province * bands + band
                var onsets = MeanFieldSystem.exit(l.presymptomatic, x, cell)
                if quarantine { onsets += MeanFieldSystem.exit(l.quarantinedPresymptomatic, x, cell) }
                let worsening = MeanFieldSystem.exit(l.mildWorsening, x, cell)
                    + MeanFieldSystem.exit(l.isolatedMildWorsening, x, cell)
                let bedCritical = MeanFieldSystem.exit(l.severeBedToCritical, x, cell)
                let seekerCritical = MeanFieldSystem.exit(l.severeSeekerToCritical, x, cell)
                let nonSeekerCritical = MeanFieldSystem.exit(l.severeNonSeekerToCritical, x, cell)
                let a = access[cell]
                demand.tests += a * (seeking.mild * onsets + seeking.severe * worsening
                    + seeking.critical * (bedCritical + seekerCritical + nonSeekerCritical))
                demand.bed += a * worsening
                demand.icu += bedCritical + seekerCritical
                fromBeds += bedCritical
                held.bed += bedsHeld[cell]
                held.icu += icuHeld[cell]
                freed.bed += MeanFieldSystem.exit(l.severeBedToRecovery, x, cell)
                    + MeanFieldSystem.exit(l.criticalBedToDeath, x, cell)
                    + MeanFieldSystem.exit(l.criticalBedToRecovery, x, cell)
                freed.icu += MeanFieldSystem.exit(l.criticalCareToDeath, x, cell)
                    + MeanFieldSystem.exit(l.criticalCareToRecovery, x, cell)
            }
            bedDemand[province] = demand.bed
            icuDemand[province] = demand.icu
            seekers[province] = demand.tests
            bedOccupied[province] = held.bed
            icuOccupied[province] = held.icu
            bedFreed[province] = freed.bed
            icuFreed[province] = freed.icu
            bedToCritical[province] = fromBeds
        }

        // Care: intensive care first, because a bed patient moved to intensive care frees a bed.
        let toBed = work.admittedToBed, toIntensiveCare = work.admittedToIntensiveCare
        for province in 0..<provinces {
            let icu = CareCapacity.admittedShare(demand: icuDemand[province], capacity: today.intensiveCareCapacity[province],
                                                 occupied: icuOccupied[province], freed: icuFreed[province])
            toIntensiveCare[province] = icu
            toBed[province] = CareCapacity.admittedShare(
                demand: bedDemand[province], capacity: today.bedCapacity[province], occupied: bedOccupied[province],
                freed: bedFreed[province] + icu * bedToCritical[province])
        }

        let share = testedShare(today, seekers)
        let positive = share * observation.testSensitivity
        let isolating = positive * observation.isolationOfConfirmed
        for province in 0..<provinces {
            let screened = today.screenedTestSeekers[province]
            rate[flows.index(.tests, province)] += share
                * (seekers[province] + inputs.backgroundTestSeekers[province] + screened)
            rate[flows.index(.positiveTests, province)] += positive * (seekers[province] + screened)
        }

        // Pass 2: route every exit.
        let pDeathUnbedded = inputs.deathSevereWithoutBed, pDeathNoCare = inputs.deathCriticalWithoutIntensiveCare
        let symptomatic = work.symptomatic, severe = work.severe, critical = work.critical
        let deathInCare = work.deathInIntensiveCare
        let recovered = l.recovered.first, dead = l.dead.first
        let deathsByAge = rate + flows.deathsByAgeBase
        let recordInHospital = observation.deathRecordingInHospital
        let recordElsewhere = observation.deathRecordingElsewhere
        for province in 0..<provinces {
            let f = toBed[province], g = toIntensiveCare[province]
            var onsetTotal = 0.0, admissions = 0.0, icuAdmissions = 0.0, deathsInCare = 0.0, deathsNoCare = 0.0
            for band in 0..<bands {
                let cell = province * bands + band
                let a = access[cell]
                let isolateMild = isolating * seeking.mild * a
                let isolateSevere = isolating * seeking.severe * a
                let isolateCritical = isolating * seeking.critical * a
                let ps = symptomatic[cell], pSevere = severe[cell], pc = critical[cell], pdi = deathInCare[cell]

                // End of latency.
                let infectious = MeanFieldSystem.exit(l.latent, x, cell)
                dx[l.presymptomatic.first + cell] += ps * infectious
                dx[l.asymptomatic.first + cell] += (1 - ps) * infectious

                // Symptom onset.
                let onset = MeanFieldSystem.exit(l.presymptomatic, x, cell)
                let free = onset * (1 - isolateMild), isolated = onset * isolateMild
                dx[l.mildWorsening.first + cell] += pSevere * free
                dx[l.mildRecovering.first + cell] += (1 - pSevere) * free
                var isolatedOnset = isolated
                var recoveries = MeanFieldSystem.exit(l.asymptomatic, x, cell)
                    + MeanFieldSystem.exit(l.mildRecovering, x, cell)
                    + MeanFieldSystem.exit(l.isolatedMildRecovering, x, cell)
                onsetTotal += onset
                if quarantine {
                    let quarantinedInfectious = MeanFieldSystem.exit(l.quarantinedLatent, x, cell)
                    dx[l.quarantinedPresymptomatic.first + cell] += ps * quarantinedInfectious
                    dx[l.quarantinedAsymptomatic.first + cell] += (1 - ps) * quarantinedInfectious
                    let quarantinedOnset = MeanFieldSystem.exit(l.quarantinedPresymptomatic, x, cell)
                    isolatedOnset += quarantinedOnset
                    onsetTotal += quarantinedOnset
                    recoveries += MeanFieldSystem.exit(l.quarantinedAsymptomatic, x, cell)
                }
                dx[l.isolatedMildWorsening.first + cell] += pSevere * isolatedOnset
                dx[l.isolatedMildRecovering.first + cell] += (1 - pSevere) * isolatedOnset

                // Severe onset: care, outcome, isolation.
                let worseningFree = MeanFieldSystem.exit(l.mildWorsening, x, cell)
                let worseningIsolated = MeanFieldSystem.exit(l.isolatedMildWorsening, x, cell)
                let severeOnset = worseningFree + worseningIsolated
                let severeIsolated = worseningIsolated + isolateSevere * worseningFree
                let bedded = a * f, seekingUnbedded = a * (1 - f), notSeeking = 1 - a
                let unbedded = 1 - bedded
                let pRecoverUnbedded = (1 - pc) * (1 - pDeathUnbedded), pDieUnbedded = (1 - pc) * pDeathUnbedded
                dx[l.severeBedToCritical.first + cell] += severeOnset * bedded * pc
                dx[l.severeBedToRecovery.first + cell] += severeOnset * bedded * (1 - pc)
                dx[l.severeSeekerToCritical.first + cell] += severeOnset * seekingUnbedded * pc
                dx[l.severeNonSeekerToCritical.first + cell] += severeOnset * notSeeking * pc
                dx[l.severeUnbedToRecovery.first + cell] += severeOnset * unbedded * pRecoverUnbedded
                dx[l.severeUnbedToDeath.first + cell] += severeOnset * unbedded * pDieUnbedded
                dx[l.isolatedSevereBedToCritical.first + cell] += severeIsolated * bedded * pc
                dx[l.isolatedSevereBedToRecovery.first + province] += severeIsolated * bedded * (1 - pc)
                dx[l.isolatedSevereSeekerToCritical.first + cell] += severeIsolated * seekingUnbedded * pc
                dx[l.isolatedSevereNonSeekerToCritical.first + cell] += severeIsolated * notSeeking * pc
                dx[l.isolatedSevereUnbedToRecovery.first + cell] += severeIsolated * unbedded * pRecoverUnbedded
                dx[l.isolatedSevereUnbedToDeath.first + cell] += severeIsolated * unbedded * pDieUnbedded
                admissions += severeOnset * bedded

                // Critical onset: intensive care for those who had or sought a bed, if there is a place.
                let fromBed = MeanFieldSystem.exit(l.severeBedToCritical, x, cell)
                let fromSeeker = MeanFieldSystem.exit(l.severeSeekerToCritical, x, cell)
                let fromNonSeeker = MeanFieldSystem.exit(l.severeNonSeekerToCritical, x, cell)
                let isolatedFromBed = MeanFieldSystem.exit(l.isolatedSevereBedToCritical, x, cell)
                let isolatedFromSeeker = MeanFieldSystem.exit(l.isolatedSevereSeekerToCritical, x, cell)
                let isolatedFromNonSeeker = MeanFieldSystem.exit(l.isolatedSevereNonSeekerToCritical, x, cell)
                let newlyIsolatedBed = isolatedFromBed + isolateCritical * max(0, fromBed - isolatedFromBed)
                let newlyIsolatedSeeker = isolatedFromSeeker + isolateCritical * max(0, fromSeeker - isolatedFromSeeker)
                let newlyIsolatedNonSeeker = isolatedFromNonSeeker
                    + isolateCritical * max(0, fromNonSeeker - isolatedFromNonSeeker)
                let admitted = g * (fromBed + fromSeeker)
                let keptBed = (1 - g) * fromBed
                let noCare = (1 - g) * fromSeeker + fromNonSeeker
                dx[l.criticalCareToDeath.first + cell] += admitted * pdi
                dx[l.criticalCareToRecovery.first + cell] += admitted * (1 - pdi)
                dx[l.criticalBedToDeath.first + cell] += keptBed * pDeathNoCare
                dx[l.criticalBedToRecovery.first + cell] += keptBed * (1 - pDeathNoCare)
                dx[l.criticalNoCareToDeath.first + cell] += noCare * pDeathNoCare
                dx[l.criticalNoCareToRecovery.first + cell] += noCare * (1 - pDeathNoCare)
                let isolatedAdmitted = g * (newlyIsolatedBed + newlyIsolatedSeeker)
                let isolatedKeptBed = (1 - g) * newlyIsolatedBed
                let isolatedNoCare = (1 - g) * newlyIsolatedSeeker + newlyIsolatedNonSeeker
                dx[l.isolatedCriticalCareToDeath.first + province] += isolatedAdmitted * pdi
                dx[l.isolatedCriticalCareToRecovery.first + province] += isolatedAdmitted * (1 - pdi)
                dx[l.isolatedCriticalBedToDeath.first + province] += isolatedKeptBed * pDeathNoCare
                dx[l.isolatedCriticalBedToRecovery.first + province] += isolatedKeptBed * (1 - pDeathNoCare)
                dx[l.isolatedCriticalNoCareToDeath.first + cell] += isolatedNoCare * pDeathNoCare
                dx[l.isolatedCriticalNoCareToRecovery.first + cell] += isolatedNoCare * (1 - pDeathNoCare)
                icuAdmissions += admitted

                // Recoveries and deaths.
                recoveries += MeanFieldSystem.exit(l.severeBedToRecovery, x, cell)
                    + MeanFieldSystem.exit(l.severeUnbedToRecovery, x, cell)
                    + MeanFieldSystem.exit(l.criticalCareToRecovery, x, cell)
                    + MeanFieldSystem.exit(l.criticalBedToRecovery, x, cell)
                    + MeanFieldSystem.exit(l.criticalNoCareToRecovery, x, cell)
                let inCare = MeanFieldSystem.exit(l.criticalCareToDeath, x, cell)
                    + MeanFieldSystem.exit(l.criticalBedToDeath, x, cell)
                let withoutCare = MeanFieldSystem.exit(l.severeUnbedToDeath, x, cell)
                    + MeanFieldSystem.exit(l.criticalNoCareToDeath, x, cell)
                dx[recovered + cell] += recoveries
                dx[dead + cell] += inCare + withoutCare
                deathsByAge[band] += inCare + withoutCare
                deathsInCare += inCare
                deathsNoCare += withoutCare
            }
            rate[flows.index(.symptomaticOnsets, province)] += onsetTotal
            rate[flows.index(.hospitalAdmissions, province)] += admissions
            rate[flows.index(.intensiveCareAdmissions, province)] += icuAdmissions
            rate[flows.index(.deaths, province)] += deathsInCare + deathsNoCare
            rate[flows.index(.deathsWithoutCare, province)] += deathsNoCare
            rate[flows.index(.recordableDeaths, province)] += recordInHospital * deathsInCare
                + recordElsewhere * inputs.access[province] * deathsNoCare
        }
    }
}
