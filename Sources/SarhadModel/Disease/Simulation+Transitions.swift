/// What the day's bookkeeping needs to know about a newly infected agent.
struct InfectionFacts {
    var latentDays: UInt16
    var province: UInt8
    var ageBand: UInt8
    var isHealthWorker: Bool

    @inline(__always)
    init(_ agent: Int, population: Population, history: NaturalHistory) {
        latentDays = UInt16(history.latentDays(agent))
        province = population.location[agent]
        ageBand = population.ageBand[agent]
        isHealthWorker = population.flags[agent] & AgentFlag.healthWorker != 0
    }
}

extension Simulation {
    /// A susceptible agent is infected today by a contact in `layer` (nil for seeded infections).
    func infect(_ agent: Int, day: Int, layer: ContactLayer?) {
        infect(agent, day: day, layer: layer, facts: InfectionFacts(agent, population: population, history: history))
    }

    /// `facts` are gathered in the parallel contact phase, so this sequential step touches only `state`.
    func infect(_ agent: Int, day: Int, layer: ContactLayer?, facts: InfectionFacts) {
        population.state[agent] = InfectionState.exposed.rawValue
        let province = Int(facts.province)
        add(.infections, day: day, province: province)
        if facts.isHealthWorker { add(.healthWorkerInfections, day: day, province: province) }
        if let layer { infectionsByLayer[layer.rawValue] += 1 }
        infectionsByAge[Int(facts.ageBand)] += 1
        schedule(agent, after: Int(facts.latentDays), from: day)
    }

    /// Moves every agent whose stage ends today to its next stage, in id order (scarce beds go to the
    /// same people whatever the thread count; memory is walked forwards). Stages of zero days append
    /// to today's list and are taken after it.
    func processTransitions(day: Int) {
        RadixSort.sort(&transitionsDue[day], scratch: &sortScratch)
        var index = 0
        while index < transitionsDue[day].count {
            let agent = Int(transitionsDue[day][index])
            index += 1
            advance(agent, day: day)
        }
    }

    func advance(_ agent: Int, day: Int) {
        let band = Int(population.ageBand[agent])
        let province = Int(population.location[agent])
        switch InfectionState(rawValue: population.state[agent])! {
        case .exposed:
            infectiousCount[province] += 1
            becameInfectious.append(UInt32(agent))
            if history.isSymptomatic(agent, ageBand: band) {
                population.state[agent] = InfectionState.presymptomatic.rawValue
                schedule(agent, after: history.presymptomaticDays(agent), from: day)
            } else {
                population.state[agent] = InfectionState.asymptomatic.rawValue
                schedule(agent, after: history.asymptomaticDays(agent), from: day)
            }
        case .presymptomatic:
            population.state[agent] = InfectionState.mild.rawValue
            add(.symptomaticOnsets, day: day, province: province)
            seekTest(agent, probability: configuration.observation.testSeekingMild, province: province, day: day)
            let severe = history.becomesSevere(agent, ageBand: band)
            schedule(agent, after: history.mildDays(agent, severe: severe), from: day)
        case .mild:
            if history.becomesSevere(agent, ageBand: band) {
                becomeSevere(agent, band: band, province: province, day: day)
            } else {
                recover(agent, province: province)
            }
        case .asymptomatic:
            recover(agent, province: province)
        case .severe:
            severeCount[province] -= 1
            if history.becomesCritical(agent, ageBand: band) {
                becomeCritical(agent, band: band, province: province, day: day)
            } else if history.severeDies(agent, hasBed: population.flags[agent] & AgentFlag.inHospitalBed != 0) {
                die(agent, province: province, day: day)
            } else {
                recover(agent, province: province)
            }
        case .critical:
            criticalCount[province] -= 1
            let inCare = population.flags[agent] & AgentFlag.inIntensiveCare != 0
            if history.criticalDies(agent, ageBand: band, inIntensiveCare: inCare) {
                die(agent, province: province, day: day)
            } else {
                recover(agent, province: province)
            }
        case .susceptible, .recovered, .dead:
            break
        }
    }

    func becomeSevere(_ agent: Int, band: Int, province: Int, day: Int) {
        population.state[agent] = InfectionState.severe.rawValue
        severeCount[province] += 1
        if seeksCare(agent, province: province), bedsOccupied[province] < bedCapacity[province] {
            bedsOccupied[province] += 1
            population.flags[agent] |= AgentFlag.inHospitalBed
            add(.hospitalAdmissions, day: day, province: province)
        }
        seekTest(agent, probability: configuration.observation.testSeekingSevere, province: province, day: day)
        let critical = history.becomesCritical(agent, ageBand: band)
        let dies = !critical && history.severeDies(agent, hasBed: population.flags[agent] & AgentFlag.inHospitalBed != 0)
        schedule(agent, after: history.severeDays(agent, critical: critical, dies: dies), from: day)
    }

    func becomeCritical(_ agent: Int, band: Int, province: Int, day: Int) {
        population.state[agent] = InfectionState.critical.rawValue
        criticalCount[province] += 1
        let hadBed = population.flags[agent] & AgentFlag.inHospitalBed != 0
        if (hadBed || seeksCare(agent, province: province)),
           intensiveCareOccupied[province] < intensiveCareCapacity[province] {
            if hadBed {
                bedsOccupied[province] -= 1
                population.flags[agent] &= ~AgentFlag.inHospitalBed
            }
            intensiveCareOccupied[province] += 1
            population.flags[agent] |= AgentFlag.inIntensiveCare
            add(.intensiveCareAdmissions, day: day, province: province)
        }
        seekTest(agent, probability: configuration.observation.testSeekingCritical, province: province, day: day)
        let inCare = population.flags[agent] & AgentFlag.inIntensiveCare != 0
        let dies = history.criticalDies(agent, ageBand: band, inIntensiveCare: inCare)
        schedule(agent, after: history.criticalDays(agent, dies: dies), from: day)
    }

    /// Whether a severely ill agent reaches a hospital at all: conflict and distance decide.
    func seeksCare(_ agent: Int, province: Int) -> Bool {
        var random = CounterRandom(seed: seed, purpose: .careSeeking, subject: UInt64(agent))
        return random.uniform() < access[population.homeProvince(of: agent)]
    }

    func leaveCare(_ agent: Int, province: Int) {
        let flags = population.flags[agent]
        if flags & AgentFlag.inHospitalBed != 0 { bedsOccupied[province] -= 1 }
        if flags & AgentFlag.inIntensiveCare != 0 { intensiveCareOccupied[province] -= 1 }
        population.flags[agent] &= ~(AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare)
    }

    func recover(_ agent: Int, province: Int) {
        leaveCare(agent, province: province)
        population.state[agent] = InfectionState.recovered.rawValue
        infectiousCount[province] -= 1
    }

    func die(_ agent: Int, province: Int, day: Int) {
        let flags = population.flags[agent]
        let inCare = flags & (AgentFlag.inHospitalBed | AgentFlag.inIntensiveCare) != 0
        leaveCare(agent, province: province)
        population.state[agent] = InfectionState.dead.rawValue
        infectiousCount[province] -= 1
        add(.deaths, day: day, province: province)
        if !inCare { add(.deathsWithoutCare, day: day, province: province) }
        deathsByAge[Int(population.ageBand[agent])] += 1
        recordDeath(agent, inHospital: inCare, province: province, day: day)
    }
}
