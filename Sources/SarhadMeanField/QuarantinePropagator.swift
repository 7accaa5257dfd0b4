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
/// onset into isolation or recovery) are linear and depend on nothing else. Runge–Kutta applied to
/// such a block is a fixed linear map, so the chains hold exactly the sum of their batches, each
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

    init(inputs: MeanFieldInputs) {
        let stages = inputs.stages
        latentStages = stages.latent.count
        presymptomaticStages = stages.presymptomatic.count
        asymptomaticStages = stages.asymptomatic.count
        let layout = StateLayout(provinces: 1, stages: stages, quarantine: true)
        let chains = [layout.quarantinedLatent, layout.quarantinedPresymptomatic, layout.quarantinedAsymptomatic]
        let dt = 1 / Double(inputs.substepsPerDay)
        var remaining = [[[Double]]]()
        for band in 0..<AgeBands.count {
            let course = inputs.importedCourse
            var unit = [Double]()
            unit += [Double](repeating: course.latent[band] / Double(stages.latent.count), count: stages.latent.count)
            unit += [Double](repeating: course.presymptomatic[band] / Double(stages.presymptomatic.count),
                             count: stages.presymptomatic.count)
            unit += [Double](repeating: course.asymptomatic[band] / Double(stages.asymptomatic.count),
                             count: stages.asymptomatic.count)
            // The quarantine chains of a one-cell layout are contiguous (cells of width 1 per sub-stage).
            let base = chains[0].first
            let size = layout.size
            let symptomatic = inputs.symptomatic[band]
            let integrator = RungeKutta4(size: size, rateCount: 0)
            let x = UnsafeMutablePointer<Double>.allocate(capacity: size)
            x.initialize(repeating: 0, count: size)
            let sink = UnsafeMutablePointer<Double>.allocate(capacity: 1)
            sink.initialize(to: 0)
            for (index, value) in unit.enumerated() { x[base + index] = value }
            var byDay = [unit]
            for _ in 0..<inputs.longestQuarantine {
                for _ in 0..<inputs.substepsPerDay {
                    integrator.step(x, dt: dt, flows: sink) { state, derivative, _ in
                        for chain in chains { MeanFieldSystem.drain(chain, state, derivative) }
                        let infectious = MeanFieldSystem.exit(chains[0], state, 0)
                        derivative[chains[1].first] += symptomatic * infectious
                        derivative[chains[2].first] += (1 - symptomatic) * infectious
                    }
                }
                byDay.append((0..<unit.count).map { x[base + $0] })
            }
            x.deinitialize(count: size)
            x.deallocate()
            sink.deinitialize(count: 1)
            sink.deallocate()
            remaining.append(byDay)
        }
        self.remaining = remaining
    }
}
