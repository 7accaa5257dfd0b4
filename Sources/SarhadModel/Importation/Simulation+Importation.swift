extension Simulation {
    /// Returnees due today cross the border (if it is open), are infected with the source country's
    /// prevalence, may be caught by symptom screening, and may be quarantined.
    func processArrivals(day: Int) {
        guard day < arrivals.byDay.count, !arrivals.byDay[day].isEmpty, border.open else { return }
        let date = configuration.date(ofDay: day)
        let importation = configuration.importation
        let prevalence = min(1, importation.sourcePrevalence.prevalence(on: date) * importation.relativeRiskOfReturnees)
        for arrival in arrivals.byDay[day] {
            let agent = Int(arrival.agent)
            let crossing = Int(arrival.crossing)
            let province = Int(population.location[agent])
            population.flags[agent] &= ~AgentFlag.abroad
            add(.arrivals, day: day, province: province)
            arrivalsByCrossing[crossing][day] += 1

            var infection = CounterRandom(seed: seed, purpose: .arrivalInfection, subject: UInt64(agent))
            if population.state[agent] == InfectionState.susceptible.rawValue, infection.uniform() < prevalence {
                placeImportedInfection(agent, day: day)
                add(.infectedArrivals, day: day, province: province)
                infectionsByAge[Int(population.ageBand[agent])] += 1
                infectedArrivalsByCrossing[crossing][day] += 1
            }

            let state = InfectionState(rawValue: population.state[agent])!
            if state.isSymptomatic { symptomaticArrivals += 1 }
            if border.screeningEnabled, state.isSymptomatic {
                var screening = CounterRandom(seed: seed, purpose: .screening, subject: UInt64(agent))
                if screening.uniform() < border.screeningSensitivity {
                    population.flags[agent] |= AgentFlag.isolated
                    add(.screenedAtBorder, day: day, province: province)
                    if testsPerDay > 0 { testSeekers.append(UInt32(agent)) }
                }
            }
            if border.quarantineEnabled, border.quarantineDays > 0 {
                var adherence = CounterRandom(seed: seed, purpose: .quarantineAdherence, subject: UInt64(agent))
                if adherence.uniform() < border.quarantineAdherence {
                    population.flags[agent] |= AgentFlag.isolated
                    let release = day + border.quarantineDays
                    if release < dayCount { quarantineEnds[release].append(UInt32(agent)) }
                }
            }
        }
    }

    /// An infected arrival is somewhere in its course: its infection age is uniform over the days it
    /// would be infected (latent plus infectious, to severe onset), and the stages already passed abroad
    /// are skipped. Severe cases arrive at severe onset at the latest.
    func placeImportedInfection(_ agent: Int, day: Int) {
        let band = Int(population.ageBand[agent])
        let province = Int(population.location[agent])
        let latent = history.latentDays(agent)
        let symptomatic = history.isSymptomatic(agent, ageBand: band)
        let presymptomatic = symptomatic ? history.presymptomaticDays(agent) : 0
        let severe = symptomatic && history.becomesSevere(agent, ageBand: band)
        let afterOnset = symptomatic ? history.mildDays(agent, severe: severe) : history.asymptomaticDays(agent)
        let course = latent + presymptomatic + afterOnset
        var random = CounterRandom(seed: seed, purpose: .arrivalInfectionAge, subject: UInt64(agent))
        let age = random.below(course)
        let district = population.homeDistrict(of: agent)
        districtSeries.infections[day * districtSeries.count + district] += 1
        susceptibleIndex.leftSusceptible(cell: population.cell(district: district, band: band,
                                                                activity: Int(population.activityClass[agent])))

        if age < latent {
            population.state[agent] = InfectionState.exposed.rawValue
            schedule(agent, after: latent - age, from: day)
            return
        }
        ledger.infectious[province] += 1
        becameInfectious.append(UInt32(agent))
        if !symptomatic {
            population.state[agent] = InfectionState.asymptomatic.rawValue
            schedule(agent, after: course - age, from: day)
        } else if age < latent + presymptomatic {
            population.state[agent] = InfectionState.presymptomatic.rawValue
            schedule(agent, after: latent + presymptomatic - age, from: day)
        } else {
            population.state[agent] = InfectionState.mild.rawValue
            schedule(agent, after: course - age, from: day)
        }
    }

    /// Infections placed directly (e.g. air travellers), at random among the province's (or the named
    /// district's) susceptibles.
    func seedInfections(day: Int) {
        let today = configuration.date(ofDay: day)
        for (index, seeding) in configuration.importation.seededInfections.enumerated() where seeding.date == today {
            let scaled = Double(seeding.count) * configuration.populationScale
            var random = CounterRandom(seed: seed, purpose: .seeding, day: day, subject: UInt64(index))
            let count = Int(scaled) + (random.uniform() < scaled - scaled.rounded(.down) ? 1 : 0)
            var start = population.provinceStart[seeding.province]
            var residents = population.residents(ofProvince: seeding.province)
            // The listed district's unit: itself, or the merged district that holds it at this scale.
            let units = population.districts.listedDistrictUnit
            if let district = seeding.district, seeding.province < units.count, units[seeding.province].indices.contains(district) {
                let chosen = units[seeding.province][district]
                // An empty district (possible only with merging off at a tiny scale) seeds its province.
                if population.residents(ofDistrict: chosen) > 0 {
                    start = population.districtStart[chosen]
                    residents = population.residents(ofDistrict: chosen)
                }
            }
            var placed = 0
            var attempts = 0
            while placed < count && attempts < count * 100 + 100 {
                attempts += 1
                let agent = start + random.below(residents)
                guard population.state[agent] == InfectionState.susceptible.rawValue,
                      population.flags[agent] & AgentFlag.unreachable == 0 else { continue }
                infect(agent, day: day, layer: nil)
                placed += 1
            }
        }
    }

    /// Quarantine ends; agents who are ill by then stay isolated until they recover.
    func releaseFromQuarantine(day: Int) {
        for released in quarantineEnds[day] {
            let agent = Int(released)
            if !InfectionState(rawValue: population.state[agent])!.isSymptomatic {
                population.flags[agent] &= ~AgentFlag.isolated
            }
        }
    }
}
