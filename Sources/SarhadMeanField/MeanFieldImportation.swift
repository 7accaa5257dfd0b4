import SarhadModel

extension MeanFieldRun {
    /// Infections placed directly on their date, spread over the province's reachable susceptibles (so
    /// over age bands in proportion to them, and onto health workers in their share), as the agent
    /// model picks random susceptible residents (and so activity classes in proportion to theirs).
    func seedInfections(day: Int) {
        let today = configuration.date(ofDay: day)
        let bands = AgeBands.count, levels = inputs.activityLevels
        let susceptible = layout.susceptible.first, workers = layout.healthWorkers.first
        for seeding in configuration.importation.seededInfections where seeding.date == today {
            let province = seeding.province
            guard province >= 0, province < inputs.provinceCount else { continue }
            let cells = (province * bands)..<(province * bands + bands)
            let available = cells.reduce(0) { $0 + layout.susceptibleInCell(UnsafePointer(state + susceptible), $1) }
            let placed = min(Double(seeding.count) * inputs.scale, available)
            guard placed > 0 else { continue }
            for cell in cells {
                for activity in levels.indices {
                    let index = layout.susceptibleIndex(cell, activity: activity)
                    let s = max(0, state[susceptible + index])
                    let amount = placed * s / available
                    let workerShare = s > 0 ? max(0, state[workers + index]) / s : 0
                    state[susceptible + index] -= amount
                    state[workers + index] -= amount * workerShare
                    addInfected(amount, activity: levels[activity], to: layout.latent, stage: 0, cell)
                    dayFlows[flows.index(.infections, province)] += amount
                    dayFlows[flows.index(.healthWorkerInfections, province)] += amount * workerShare
                    dayFlows[flows.infectionsByAgeBase + cell - province * bands] += amount
                }
            }
        }
    }

    /// Today's returnees cross if the border is open (if it is closed they never come, as in the agent
    /// model). A share equal to the source prevalence × relative risk is infected, placed along its
    /// course by `ImportedCourse`. Screening catches `screeningSensitivity` of those arriving with
    /// symptoms and isolates them (they seek a test today); quarantine holds `quarantineAdherence` of
    /// all arrivals — uninfected ones out of reach, infected ones unable to infect — until release.
    func processArrivals(day: Int) {
        for province in 0..<inputs.provinceCount { conditions.screenedTestSeekers[province] = 0 }
        let total = inputs.arrivalsPerDay[day]
        guard total > 0, conditions.border.open else { return }
        let importation = configuration.importation
        let prevalence = min(1, importation.sourcePrevalence.prevalence(on: configuration.date(ofDay: day))
            * importation.relativeRiskOfReturnees)
        let border = conditions.border
        let caughtShare = border.screeningEnabled ? border.screeningSensitivity : 0
        let quarantining = border.quarantineEnabled && border.quarantineDays > 0 && layout.quarantine
        let adherence = quarantining ? border.quarantineAdherence : 0
        let releaseDay = day + border.quarantineDays
        let released = quarantining && releaseDay < inputs.dayCount
        for crossing in arrivalsByCrossing.indices {
            arrivalsByCrossing[crossing][day] += total * inputs.crossingShares[crossing]
            infectedArrivalsByCrossing[crossing][day] += total * inputs.crossingShares[crossing] * prevalence
        }

        let course = inputs.importedCourse, bands = AgeBands.count
        var healthyReleases = [Double](repeating: 0, count: released ? inputs.cellCount : 0)
        var cohort = [Double](repeating: 0, count: released ? inputs.cellCount : 0)
        var caughtWorsening = [Double](repeating: 0, count: caughtShare > 0 ? inputs.cellCount : 0)
        for province in 0..<inputs.provinceCount {
            let toProvince = total * inputs.destinationShares[province]
            guard toProvince > 0 else { continue }
            for band in AgeBands.youngAdultBands {
                let cell = province * bands + band
                let arriving = min(abroad[cell], toProvince * inputs.arrivalAgeShares[band])
                guard arriving > 0 else { continue }
                abroad[cell] -= arriving
                let infected = arriving * prevalence
                let healthy = arriving - infected

                let heldHealthy = healthy * adherence
                addSusceptible(healthy - heldHealthy, to: layout.susceptible, cell)
                quarantinedSusceptible[cell] += heldHealthy
                if released { healthyReleases[cell] += heldHealthy }

                let mild = infected * course.mild(band)
                let caught = mild * caughtShare
                let mildIsolated = caught + (mild - caught) * adherence
                let mildFree = mild - mildIsolated
                let worseningShare = course.mild(band) > 0 ? course.mildWorsening[band] / course.mild(band) : 0
                place(mildFree * (1 - worseningShare), in: layout.mildRecovering, cell)
                place(mildFree * worseningShare, in: layout.mildWorsening, cell)
                place(mildIsolated * (1 - worseningShare), in: layout.isolatedMildRecovering, cell)
                place(mildIsolated * worseningShare, in: layout.isolatedMildWorsening, cell)
                if caught > 0 { caughtWorsening[cell] = caught * worseningShare }

                let free = infected * (1 - adherence), held = infected * adherence
                place(free * course.latent[band], in: layout.latent, cell)
                place(free * course.presymptomatic[band], in: layout.presymptomatic, cell)
                place(free * course.asymptomatic[band], in: layout.asymptomatic, cell)
                if held > 0 {
                    place(held * course.latent[band], in: layout.quarantinedLatent, cell)
                    place(held * course.presymptomatic[band], in: layout.quarantinedPresymptomatic, cell)
                    place(held * course.asymptomatic[band], in: layout.quarantinedAsymptomatic, cell)
                    if released { cohort[cell] += held }
                }

                conditions.screenedTestSeekers[province] += caught
                dayFlows[flows.index(.arrivals, province)] += arriving
                dayFlows[flows.index(.importedInfections, province)] += infected
                dayFlows[flows.index(.screenedAtBorder, province)] += caught
                dayFlows[flows.infectionsByAgeBase + band] += infected
            }
        }
        confirmScreenedArrivals(caughtWorsening)
        if released {
            susceptibleReleases[releaseDay, default: [Double](repeating: 0, count: inputs.cellCount)]
                .addInPlace(healthyReleases)
            infectedReleases[releaseDay, default: []].append(QuarantineCohort(arrivals: cohort, days: border.quarantineDays))
        }
    }

    /// Arrivals caught by screening are tested today; those confirmed never seek a test again. Only
    /// those who will worsen can seek one again, so only they are marked — at the tested share of the
    /// start of the day, since the twin's share varies within the day (a small approximation).
    func confirmScreenedArrivals(_ caughtWorsening: [Double]) {
        guard !caughtWorsening.isEmpty else { return }
        let shares = system.testedShares(InstantExits(x: UnsafePointer(state)), conditions, work)
        let sensitivity = configuration.observation.testSensitivity
        for cell in 0..<inputs.cellCount where caughtWorsening[cell] > 0 {
            let confirmed = shares[cell / AgeBands.count].symptomatic * sensitivity
            place(caughtWorsening[cell] * confirmed, in: layout.confirmedIsolatedMildWorsening, cell)
        }
    }

    /// Spreads `amount` evenly over the chain's sub-stages of one cell (arrivals: of mean activity).
    func place(_ amount: Double, in chain: Chain, _ cell: Int) {
        guard amount > 0, chain.width > 0 else { return }
        let each = amount / Double(chain.stages)
        for stage in 0..<chain.stages { addInfected(each, to: chain, stage: stage, cell) }
    }

    /// Quarantine ends: uninfected arrivals become reachable, and infected ones not yet symptomatic
    /// return to the free chains; those who fell ill meanwhile stay isolated.
    func releaseFromQuarantine(day: Int) {
        if let healthy = susceptibleReleases.removeValue(forKey: day) {
            for cell in 0..<inputs.cellCount where healthy[cell] > 0 {
                let amount = min(healthy[cell], quarantinedSusceptible[cell])
                quarantinedSusceptible[cell] -= amount
                addSusceptible(amount, to: layout.susceptible, cell)
            }
        }
        guard let cohorts = infectedReleases.removeValue(forKey: day), let quarantine else { return }
        let held = [layout.quarantinedLatent, layout.quarantinedPresymptomatic, layout.quarantinedAsymptomatic]
        let free = [layout.latent, layout.presymptomatic, layout.asymptomatic]
        for cohort in cohorts {
            for cell in 0..<inputs.cellCount where cohort.arrivals[cell] > 0 {
                let remaining = quarantine.remaining[cell % AgeBands.count][min(cohort.days, quarantine.remaining[0].count - 1)]
                var index = 0
                for (from, to) in zip(held, free) {
                    for stage in 0..<from.stages {
                        let source = from.stage(stage) + cell
                        let amount = min(max(0, state[source]), cohort.arrivals[cell] * remaining[index])
                        state[source] -= amount
                        addInfected(amount, to: to, stage: stage, cell)
                        index += 1
                    }
                }
            }
        }
    }
}

extension Array where Element == Double {
    mutating func addInPlace(_ other: [Double]) {
        for index in indices { self[index] += other[index] }
    }
}
