import SarhadModel

/// One batch of infected arrivals who went into quarantine before symptom onset.
struct QuarantineCohort {
    /// Infected quarantined arrivals per cell (the whole batch, whatever stage they arrived in).
    var arrivals: [Double]
    var days: Int
}

/// What is left of a quarantined batch, stage by stage, after `n` days — so that release day can move
/// exactly that batch back into the free compartments.
///
/// Why this works: quarantined infected arrivals before onset live in their own chains, which nobody
/// enters except at day boundaries and whose dynamics (latency, then presymptomatic or asymptomatic,
/// onset into isolation or recovery) are linear and depend on nothing else. A day step (or Runge–Kutta)
/// applied to such a block is a fixed linear map, so the chains hold exactly the sum of their batches, each
/// propagated alone. Integrating one unit batch per age band with the same steps gives every batch's
/// remainder; quarantined people with symptoms by release day stay isolated, as in the agent model.
struct QuarantinePropagator {
    let latentStages: Int
    let presymptomaticStages: Int
    let asymptomaticStages: Int
    /// `remaining[band][days]`: the unit batch's remainder in the quarantine chains' sub-stages, in
    /// order latent, presymptomatic, asymptomatic.
    let remaining: [[[Double]]]

    var stageCount: Int { latentStages + presymptomaticStages + asymptomaticStages }

    init(inputs: MeanFieldInputs, integration: MeanFieldIntegration) {
        let stages = inputs.stages
        latentStages = stages.latent.count
        presymptomaticStages = stages.presymptomatic.count
        asymptomaticStages = stages.asymptomatic.count
        // One cell: the three quarantine chains back to back, exactly as the full system integrates them.
        let latent = Chain(offset: 0, stages: stages.latent.count, width: 1, rate: stages.latent.rate)
        let presymptomatic = Chain(offset: latent.end, stages: stages.presymptomatic.count, width: 1,
                                   rate: stages.presymptomatic.rate)
        let asymptomatic = Chain(offset: presymptomatic.end, stages: stages.asymptomatic.count, width: 1,
                                 rate: stages.asymptomatic.rate)
        let chains = [latent, presymptomatic, asymptomatic]
        let size = asymptomatic.end
        let dt = 1 / Double(inputs.substepsPerDay)
        let integrator = RungeKutta4(size: size, rateCount: 0)
        let x = UnsafeMutablePointer<Double>.allocate(capacity: size)
        let sink = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        sink.initialize(to: 0)
        let totals = UnsafeMutablePointer<Double>.allocate(capacity: size)
        totals.initialize(repeating: 0, count: size)
        let dayStep = DayStep(chains: chains, readWhole: [], depleted: [], totals: totals)
        defer {
            x.deallocate()
            sink.deallocate()
            totals.deallocate()
        }
        var remaining = [[[Double]]]()
        for band in 0..<AgeBands.count {
            let course = inputs.importedCourse
            var unit = [Double]()
            unit += [Double](repeating: course.latent[band] / Double(latent.stages), count: latent.stages)
            unit += [Double](repeating: course.presymptomatic[band] / Double(presymptomatic.stages),
                             count: presymptomatic.stages)
            unit += [Double](repeating: course.asymptomatic[band] / Double(asymptomatic.stages),
                             count: asymptomatic.stages)
            x.initialize(from: unit, count: size)
            let symptomatic = inputs.symptomatic[band]
            var byDay = [unit]
            for _ in 0..<inputs.longestQuarantine {
                if integration == .daySteps {
                    // The day step's own map (`MeanFieldRun.simulateDay`), on this cell alone.
                    dayStep.drain(UnsafePointer(x))
                    dayStep.clearInflow()
                    let infectious = dayStep.departing[latent.entry]
                    dayStep.inflow[presymptomatic.first] = symptomatic * infectious
                    dayStep.inflow[asymptomatic.first] = (1 - symptomatic) * infectious
                    dayStep.compose(into: x)
                    byDay.append(Array(UnsafeBufferPointer(start: x, count: size)))
                    continue
                }
                for _ in 0..<inputs.substepsPerDay {
                    integrator.step(x, dt: dt, flows: sink) { state, derivative, _ in
                        for chain in chains { MeanFieldSystem.drain(chain, state, derivative, totals: totals) }
                        let infectious = MeanFieldSystem.exit(latent, state, 0)
                        derivative[presymptomatic.first] += symptomatic * infectious
                        derivative[asymptomatic.first] += (1 - symptomatic) * infectious
                    }
                }
                byDay.append(Array(UnsafeBufferPointer(start: x, count: size)))
            }
            remaining.append(byDay)
        }
        self.remaining = remaining
    }
}
