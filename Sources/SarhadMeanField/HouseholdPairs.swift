import SarhadModel

/// Household depletion: a pair approximation of the agent model's finite households.
///
/// In the agent model an infector makes its household contacts with the few other members of its own
/// household (`TransmissionKernel.householdTarget`); once they are infected, its household contacts
/// are wasted. Mixing household contacts over the whole province (the plain mean field) ignores this,
/// and measured against the agents (docs/VALIDATION.md, check 3) it made the twin's epidemic faster and
/// its peak about 20 % higher; with the household layer switched off in both engines, the peaks agree
/// within 3 %.
///
/// What the twin tracks. For an infected person a in a household of size n, let
/// q_a = Σ over a's susceptible mates m of s_m / (n − 1) (s the relative susceptibility). a's household
/// infections happen at β · w_a · H_a · m_household · q_a (w infectiousness, H the household contact
/// rate of a's age band), which is the agent model's rate exactly. Per province and Erlang sub-stage of
/// every chain that will or does infect its household (latent, presymptomatic, asymptomatic, mild), the
/// state holds P = Σ q_a over the people in it (`StateLayout.pairs`), moving along the chain with them.
/// Without household structure q_a would be q̄ = Σ_i a_i s_i S_i / N_i (a the age shares: members' ages are
/// independent), and the twin's household infections are the mean field's scaled by (P / X) / q̄ per
/// sub-stage.
///
/// The susceptible carry the same sum, P_S (`StateLayout.susceptiblePairs`): late in the epidemic the
/// remaining susceptibles cluster in spared households, so someone infected outside the household
/// brings more susceptible mates than a random resident has.
///
/// How P changes, and the closures used:
/// - a newly infected person enters with the susceptible's mean q_S = P_S / S if infected outside the
///   household, with q̄ if seeded or arriving (joining a random household), or with
///   q_infector − s̄₂ · ⟨1/(n − 1)⟩ if infected by a mate (the same household, minus themselves), where
///   q_infector is the mean of the infector's sub-stage and s̄₂ the susceptibility-weighted mean
///   susceptibility of susceptible mates; each infection also takes its own q out of P_S and itself out
///   of its susceptible mates' q (s_b · q_b / s̄, s̄ the mean susceptibility of the susceptible);
/// - a's mates are infected from outside at the susceptibility-weighted mean hazard of the province's
///   susceptibles, and by a itself at β · w_a · H_a · m · s̄₂ · ⟨1/(n − 1)⟩ (self-depletion);
/// - P follows people across chains in proportion to the people (q does not depend on age or outcome);
///   isolated and hospitalised people no longer meet their household, so their P is dropped; severe and
///   critical cases at home keep the depletion of the mild stage they come from.
/// Left out: infections of a's mates by a's *other* infected mates (third parties: the twin's
/// households deplete too slowly), the spread of q within a sub-stage (a mean-of-products closure), and
/// the variation of 1/(n − 1) between households: ⟨1/(n − 1)⟩ is the person-weighted mean over
/// households of two or more (`MeanFieldInputs.inverseMatesMean`). Measured against the agents (check 3,
/// built-in scenario at scale 0.1) the twin's household infections are 8 % more than the agents'
/// (without P_S, 7 % fewer; without pairs, 9 % more), and its national peaks
/// of infections, deaths and beds needed are 9–11 % higher (22 %, 34 % and 24 % before).
struct HouseholdPairs: Sendable {
    /// The chains whose people carry a household pair sum, with their household infectiousness.
    struct Tracked: Sendable {
        let people: Chain
        let pairs: Chain
        let weight: Double
        /// Index of this chain's first sub-stage among all tracked sub-stages.
        let stageBase: Int
    }

    let tracked: [Tracked]
    let stageCount: Int

    init(layout: StateLayout, inputs: MeanFieldInputs) {
        var tracked = [Tracked]()
        var base = 0
        for (people, pairs, weight) in [
            (layout.latent, layout.latentPairs, 0.0),
            (layout.presymptomatic, layout.presymptomaticPairs, inputs.presymptomaticWeight),
            (layout.asymptomatic, layout.asymptomaticPairs, inputs.asymptomaticWeight),
            (layout.mildRecovering, layout.mildRecoveringPairs, 1.0),
            (layout.mildWorsening, layout.mildWorseningPairs, 1.0),
        ] {
            tracked.append(Tracked(people: people, pairs: pairs, weight: weight, stageBase: base))
            base += people.stages
        }
        self.tracked = tracked
        stageCount = base
    }

    var latent: Tracked { tracked[0] }
    var presymptomatic: Tracked { tracked[1] }
    var asymptomatic: Tracked { tracked[2] }
    var mildRecovering: Tracked { tracked[3] }
    var mildWorsening: Tracked { tracked[4] }
}

extension MeanFieldSystem {
    /// q̄ per province (household susceptibility without household structure) and s̄₂ · ⟨1/(n − 1)⟩,
    /// the pair weight one infection removes, into `work.pairMeanField` and `work.pairRemoved`.
    func householdMeanField(_ x: UnsafePointer<Double>, _ work: Workspace) {
        let bands = AgeBands.count, susceptible = layout.susceptible.first
        let shareOverResidents = work.ageShareOverResidents, susceptibility = work.susceptibility
        for province in 0..<layout.provinces {
            var q = 0.0, q2 = 0.0, people = 0.0, weighted = 0.0
            for band in 0..<bands {
                let cell = province * bands + band
                let s = layout.susceptibleInCell(x + susceptible, cell)
                let weight = shareOverResidents[cell] * susceptibility[cell] * s
                q += weight
                q2 += weight * susceptibility[cell]
                people += s
                weighted += susceptibility[cell] * s
            }
            work.pairMeanField[province] = q
            let meanSquare = q > 0 ? q2 / q : 0
            work.pairRemoved[province] = meanSquare * inputs.inverseMatesMean
            work.pairSusceptibleQ[province] = people > 1e-12 ? max(0, x[layout.susceptiblePairs.first + province]) / people : q
            work.pairSusceptibleLoss[province] = weighted > 0 ? 1 + meanSquare * people / weighted : 1
        }
    }

    /// Household-infectious people per cell, each sub-stage scaled by its depletion (P / X) / q̄; also
    /// keeps, per tracked sub-stage and province, the depletion, mean q and mean household contact rate.
    func householdInfectious(_ x: UnsafePointer<Double>, atHome: UnsafePointer<Double>,
                             into household: UnsafeMutablePointer<Double>, _ work: Workspace) {
        let bands = AgeBands.count, provinces = layout.provinces
        // Every table in a local: through the class the compiler reloads them after each store.
        let ratio = work.pairRatio, meanQ = work.pairMeanQ, meanRate = work.pairMeanRate, stagePeople = work.pairPeople
        let rates = work.householdContactRate, meanField = work.pairMeanField
        household.update(repeating: 0, count: layout.cells)
        for chain in pairs.tracked {
            let weight = chain.weight
            for stage in 0..<chain.people.stages {
                let start = chain.people.stage(stage), pairStart = chain.pairs.stage(stage)
                let index = (chain.stageBase + stage) * provinces
                for province in 0..<provinces {
                    let row = x + start + province * bands
                    // Sixteen bands as four four-wide vectors: the plain loop was a scalar reduction.
                    let (people, contacts) = MeanFieldSystem.sumAndDot(row, rates)
                    let qBar = meanField[province]
                    let q = people > 1e-12 ? max(0, x[pairStart + province]) / people : qBar
                    let depletion = qBar > 0 ? q / qBar : 0
                    ratio[index + province] = depletion
                    stagePeople[index + province] = people
                    meanQ[index + province] = q
                    meanRate[index + province] = people > 1e-12 ? contacts / people : 0
                    let scaled = weight * depletion
                    if scaled == 0 { continue }
                    MeanFieldSystem.addScaled(scaled, row, into: household + province * bands)
                }
            }
        }
        // Severe and critical cases at home keep the depletion of the last mild-worsening sub-stage.
        let last = (pairs.mildWorsening.stageBase + pairs.mildWorsening.people.stages - 1) * provinces
        for province in 0..<provinces {
            let depletion = ratio[last + province]
            for band in 0..<bands {
                let cell = province * bands + band
                household[cell] += depletion * max(0, atHome[cell])
            }
        }
    }

    /// Σ row and Σ weights · row over the sixteen age bands (`AgeBands.count` is a multiple of 4).
    @inline(__always)
    static func sumAndDot(_ row: UnsafePointer<Double>, _ weights: UnsafePointer<Double>) -> (Double, Double) {
        assert(AgeBands.count % 4 == 0)
        let values = UnsafeRawPointer(row), factors = UnsafeRawPointer(weights), lane = MemoryLayout<Double>.stride
        var sum = SIMD4<Double>(), dot = SIMD4<Double>()
        for block in 0..<(AgeBands.count / 4) {
            let value = values.loadUnaligned(fromByteOffset: 4 * block * lane, as: SIMD4<Double>.self)
            sum += value
            dot += value * factors.loadUnaligned(fromByteOffset: 4 * block * lane, as: SIMD4<Double>.self)
        }
        return (sum.sum(), dot.sum())
    }

    /// target[band] += weight · row[band] over the sixteen age bands.
    @inline(__always)
    static func addScaled(_ weight: Double, _ row: UnsafePointer<Double>, into target: UnsafeMutablePointer<Double>) {
        let values = UnsafeRawPointer(row), out = UnsafeMutableRawPointer(target), lane = MemoryLayout<Double>.stride
        for block in 0..<(AgeBands.count / 4) {
            let offset = 4 * block * lane
            let sum = out.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                + weight * values.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            out.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<Double>.self)
        }
    }

    /// The pair sum that today's infections bring into the latent chain, per province: q̄ for those
    /// infected outside the household, q_infector − s̄₂⟨1/(n − 1)⟩ for those infected by a mate.
    func householdEntry(province: Int, infections: Double, fromHousehold: Double, _ work: Workspace) -> Double {
        let provinces = layout.provinces
        let ratio = work.pairRatio, meanQ = work.pairMeanQ, meanRate = work.pairMeanRate
        var weighted = 0.0, total = 0.0
        for chain in pairs.tracked where chain.weight > 0 {
            for stage in 0..<chain.people.stages {
                let index = (chain.stageBase + stage) * provinces + province
                let people = chain.weight * ratio[index] * meanRate[index] * work.pairPeople[index]
                weighted += people * meanQ[index]
                total += people
            }
        }
        let infectorQ = total > 0 ? weighted / total : work.pairMeanField[province]
        let mateEntry = max(0, infectorQ - work.pairRemoved[province])
        let entry = max(0, infections - fromHousehold) * work.pairSusceptibleQ[province] + fromHousehold * mateEntry
        // Each infected susceptible takes its own q out of the pool, and itself out of its susceptible mates' q.
        work.pairSusceptibleDrop[province] = entry * work.pairSusceptibleLoss[province]
        return entry
    }

    /// The pair sums' own flows, after the course flows have been routed: entry into the latent chain
    /// (`work.pairEntry`), passage to the next chain in proportion to the people, and depletion by
    /// outside infections and by the person's own household contacts.
    ///
    /// The depletion goes into `dx` as a rate on `x`'s pair sums, or, given `depletion` (the day step), as
    /// each pair sub-stage's hazard at its place in the state, for the step to apply.
    func advanceHouseholdPairs<Exits: ChainExits>(_ exits: Exits, _ x: UnsafePointer<Double>,
                                                  _ dx: UnsafeMutablePointer<Double>, _ today: DayConditions,
                                                  _ work: Workspace, depletion: DepletionHazards? = nil) {
        let provinces = layout.provinces, bands = AgeBands.count
        let t = pairs
        for province in 0..<provinces {
            dx[t.latent.pairs.first + province] += work.pairEntry[province]
            dx[layout.susceptiblePairs.first + province] -= work.pairSusceptibleDrop[province]
            // People entering a chain's first sub-stage: its derivative there without the drain.
            func entering(_ chain: Chain) -> Double {
                var total = 0.0
                for band in 0..<bands { total += exits.entering(chain, province * bands + band, dx) }
                return total
            }
            func leaving(_ chain: Chain) -> Double {
                var total = 0.0
                for band in 0..<bands { total += exits.exit(chain, province * bands + band) }
                return total
            }
            let outside = work.pairOutsideHazard[province]
            let selfRate = inputs.beta * today.multiplier(.household, province) * work.pairRemoved[province]
            // What a chain's pair sums hand on: over a day (the day step), those leaving were depleted, on
            // average, for their mean time in the last sub-stage of the day, as those staying are (`DayStep`).
            func departed(_ chain: HouseholdPairs.Tracked) -> Double {
                let exit = exits.exit(chain.pairs, province)
                guard depletion != nil else { return exit }
                let index = (chain.stageBase + chain.people.stages - 1) * provinces + province
                return exit * MeanFieldSystem.meanSurvival(outside + selfRate * chain.weight * work.pairMeanRate[index])
            }
            let latentExit = leaving(t.latent.people)
            if latentExit > 1e-300 {
                let carried = departed(t.latent) / latentExit
                dx[t.presymptomatic.pairs.first + province] += carried * entering(t.presymptomatic.people)
                dx[t.asymptomatic.pairs.first + province] += carried * entering(t.asymptomatic.people)
            }
            let onset = leaving(t.presymptomatic.people)
            if onset > 1e-300 {
                let carried = departed(t.presymptomatic) / onset
                dx[t.mildRecovering.pairs.first + province] += carried * entering(t.mildRecovering.people)
                dx[t.mildWorsening.pairs.first + province] += carried * entering(t.mildWorsening.people)
            }
            for chain in t.tracked {
                for stage in 0..<chain.people.stages {
                    let index = (chain.stageBase + stage) * provinces + province
                    let hazard = outside + selfRate * chain.weight * work.pairMeanRate[index]
                    let pair = chain.pairs.stage(stage) + province
                    if let depletion { depletion.set(hazard, at: pair) } else { dx[pair] -= hazard * x[pair] }
                }
            }
        }
    }
}

extension MeanFieldRun {
    func susceptiblePerProvince() -> [Double] {
        (0..<inputs.provinceCount).map { province in
            (0..<AgeBands.count).reduce(0) {
                $0 + layout.susceptibleInCell(UnsafePointer(state + layout.susceptible.first), province * AgeBands.count + $1)
            }
        }
    }

    /// Σ q of the susceptible at the start: everyone's mates are susceptible but for those abroad.
    func initialiseHouseholdPairs() {
        system.householdMeanField(UnsafePointer(state), work)
        let susceptible = susceptiblePerProvince()
        for province in 0..<inputs.provinceCount {
            state[layout.susceptiblePairs.first + province] = susceptible[province] * work.pairMeanField[province]
        }
    }

    /// People of the tracked chains per sub-stage and province, before the day's instantaneous events.
    func householdPairPeople() -> [Double] {
        let provinces = inputs.provinceCount, bands = AgeBands.count
        var people = [Double](repeating: 0, count: system.pairs.stageCount * provinces)
        for chain in system.pairs.tracked {
            for stage in 0..<chain.people.stages {
                for province in 0..<provinces {
                    var total = 0.0
                    for band in 0..<bands { total += state[chain.people.stage(stage) + province * bands + band] }
                    people[(chain.stageBase + stage) * provinces + province] = total
                }
            }
        }
        return people
    }

    /// Seeded infections, arrivals and quarantine releases join a random household: each person added
    /// to a tracked chain at the start of the day brings q̄ of its province.
    func addArrivingHouseholdPairs(before: [Double], susceptibleBefore: [Double]) {
        let provinces = inputs.provinceCount
        // Seeded infections and returning susceptibles change S but not the susceptible's mean q.
        let susceptibleAfter = susceptiblePerProvince()
        for province in 0..<provinces where susceptibleBefore[province] > 1e-12 {
            state[layout.susceptiblePairs.first + province] *= susceptibleAfter[province] / susceptibleBefore[province]
        }
        system.householdMeanField(UnsafePointer(state), work)
        let after = householdPairPeople()
        for chain in system.pairs.tracked {
            for stage in 0..<chain.people.stages {
                for province in 0..<provinces {
                    let index = (chain.stageBase + stage) * provinces + province
                    let added = after[index] - before[index]
                    if added > 0 { state[chain.pairs.stage(stage) + province] += added * work.pairMeanField[province] }
                }
            }
        }
    }
}
