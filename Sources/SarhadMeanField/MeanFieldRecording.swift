import SarhadModel

/// Where the twin's people are, by the agent model's states plus the places the agent model marks with
/// flags (abroad, in quarantine). The compartments of a province sum to its residents at all times.
public enum MeanFieldCompartment: Int, Sendable, CaseIterable {
    /// Reachable susceptibles (health workers included).
    case susceptible = 0
    /// Returnees who have not come back yet.
    case abroad
    /// Uninfected arrivals in quarantine.
    case quarantined
    case exposed
    case presymptomatic
    case asymptomatic
    case mild
    case severe
    case critical
    case recovered
    case dead

    public var name: String {
        switch self {
        case .susceptible: "susceptible"
        case .abroad: "abroad"
        case .quarantined: "quarantined"
        case .exposed: "exposed"
        case .presymptomatic: "presymptomatic"
        case .asymptomatic: "asymptomatic"
        case .mild: "mild"
        case .severe: "severe"
        case .critical: "critical"
        case .recovered: "recovered"
        case .dead: "dead"
        }
    }
}

extension MeanFieldRun {
    func recordFlows(day: Int) {
        let mapping: [(ProvinceFlow, Measure)] = [
            (.infections, .infections), (.importedInfections, .infectedArrivals), (.symptomaticOnsets, .symptomaticOnsets),
            (.hospitalAdmissions, .hospitalAdmissions), (.intensiveCareAdmissions, .intensiveCareAdmissions),
            (.deaths, .deaths), (.deathsWithoutCare, .deathsWithoutCare),
            (.healthWorkerInfections, .healthWorkerInfections), (.arrivals, .arrivals),
            (.screenedAtBorder, .screenedAtBorder), (.prisonersReleased, .prisonersReleased), (.tests, .tests),
        ]
        for province in 0..<inputs.provinceCount {
            for (flow, measure) in mapping {
                addExpected(measure, day: day, province: province, dayFlows[flows.index(flow, province)])
            }
        }
        for layer in ContactLayer.allCases { infectionsByLayer[layer.rawValue] += dayFlows[flows.layer(layer)] }
        for band in 0..<AgeBands.count {
            infectionsByAge[band] += dayFlows[flows.infectionsByAgeBase + band]
            deathsByAge[band] += dayFlows[flows.deathsByAgeBase + band]
        }
    }

    /// End-of-day stocks, and every compartment, per province.
    func recordStocks(day: Int) {
        let provinces = inputs.provinceCount, bands = AgeBands.count
        let compartmentCount = MeanFieldCompartment.allCases.count
        // From the chains' totals per cell, which the day step leaves for every chain (Runge–Kutta's are
        // summed here): reading every sub-stage of every chain per province was 9 % of a twin run.
        let state = self.state
        if dayStep == nil { sumEveryChain() }
        let totals = UnsafePointer(work.chainTotals)
        func total(_ chains: [Chain], _ province: Int) -> Double {
            var sum = 0.0
            for chain in chains {
                let start = chain.first + province * bands
                for band in 0..<min(bands, chain.width) { sum += totals[start + band] }
            }
            return sum
        }
        let l = layout
        // The susceptible of all activity classes (each class's cells are a vector of their own).
        func susceptibleTotal(_ province: Int) -> Double {
            var sum = 0.0
            for activity in 0..<l.activityClasses {
                let start = l.susceptible.first + l.susceptibleIndex(province * bands, activity: activity)
                for band in 0..<bands { sum += state[start + band] }
            }
            return sum
        }
        let exposed = [l.latent, l.quarantinedLatent], presymptomatic = [l.presymptomatic, l.quarantinedPresymptomatic]
        let asymptomatic = [l.asymptomatic, l.quarantinedAsymptomatic]
        let mild = [l.mildRecovering, l.mildWorsening, l.isolatedMildRecovering, l.isolatedMildWorsening]
        let recovered = [l.recovered], dead = [l.dead]
        var stock = [Double](repeating: 0, count: compartmentCount)
        for province in 0..<provinces {
            stock[MeanFieldCompartment.susceptible.rawValue] = susceptibleTotal(province)
            stock[MeanFieldCompartment.abroad.rawValue] = abroad[(province * bands)..<(province * bands + bands)].reduce(0, +)
            stock[MeanFieldCompartment.quarantined.rawValue] =
                quarantinedSusceptible[(province * bands)..<(province * bands + bands)].reduce(0, +)
            stock[MeanFieldCompartment.exposed.rawValue] = total(exposed, province)
            stock[MeanFieldCompartment.presymptomatic.rawValue] = total(presymptomatic, province)
            stock[MeanFieldCompartment.asymptomatic.rawValue] = total(asymptomatic, province)
            stock[MeanFieldCompartment.mild.rawValue] = total(mild, province)
            stock[MeanFieldCompartment.severe.rawValue] = total(l.severe, province)
            stock[MeanFieldCompartment.critical.rawValue] = total(l.critical, province)
            stock[MeanFieldCompartment.recovered.rawValue] = total(recovered, province)
            stock[MeanFieldCompartment.dead.rawValue] = total(dead, province)
            let base = (day * provinces + province) * compartmentCount
            for index in 0..<compartmentCount { compartments[base + index] = stock[index] }

            let infectious = stock[MeanFieldCompartment.presymptomatic.rawValue]
                + stock[MeanFieldCompartment.asymptomatic.rawValue] + stock[MeanFieldCompartment.mild.rawValue]
                + stock[MeanFieldCompartment.severe.rawValue] + stock[MeanFieldCompartment.critical.rawValue]
            addExpected(.infectious, day: day, province: province, infectious)
            addExpected(.bedsNeeded, day: day, province: province, stock[MeanFieldCompartment.severe.rawValue])
            addExpected(.bedsOccupied, day: day, province: province, total(l.occupyingBeds, province))
            addExpected(.bedCapacity, day: day, province: province, conditions.bedCapacity[province])
            addExpected(.intensiveCareNeeded, day: day, province: province, stock[MeanFieldCompartment.critical.rawValue])
            addExpected(.intensiveCareOccupied, day: day, province: province, total(l.occupyingIntensiveCare, province))
            addExpected(.intensiveCareCapacity, day: day, province: province, conditions.intensiveCareCapacity[province])
        }
    }
}

extension MeanFieldRun {
    /// Every chain's total over its sub-stages per cell into `work.chainTotals`, as the day step leaves them
    /// (Runge–Kutta keeps only the totals its derivative reads, and sums them again at the next day's start).
    func sumEveryChain() {
        let totals = work.chainTotals
        for chain in layout.all where chain.width > 0 {
            for cell in 0..<chain.width { totals[chain.first + cell] = state[chain.first + cell] }
            for stage in 1..<max(1, chain.stages) {
                for cell in 0..<chain.width { totals[chain.first + cell] += state[chain.stage(stage) + cell] }
            }
        }
    }
}
