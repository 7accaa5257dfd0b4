import SarhadModel

/// Individual contact activity in the twin: the agent model's fixed activity classes
/// (`ContactActivityParameters`), exactly, without multiplying the infected chains by the classes.
///
/// In the agent model an infector of activity w makes w times its band's school, work and community
/// contacts, and a contact lands on a resident of the band in proportion to the resident's activity, so
/// a susceptible of class c is met w_c times as often as one of activity 1 (household, settlement,
/// prison and care contacts ignore activity). The twin keeps:
/// - the susceptible, and the health workers among them, per (activity class, province, age band): the
///   hazard of class c is β · s_b / N_b · (household pressure + w_c · outside pressure), so the active
///   are infected first and the susceptible pool's mean activity falls as the epidemic goes on;
/// - for each free chain of the infected who may yet infect outside the home (latent, presymptomatic,
///   asymptomatic, mild to recovery, mild to worsening), beside its people an *activity mass* per
///   sub-stage and cell: Σ w over the people there. Every flow out of a sub-stage is its rate times its
///   content, and no outcome of the disease, care or testing depends on activity, so the mass follows
///   the people's flows with the same rates and branch probabilities and equals Σ w of exactly those
///   people — as exact as a chain per class, at one extra vector per sub-stage instead of C − 1.
///   The outside pressure counts infectors by their mass, the household pressure by their people.
///
/// Infections enter the latent mass with the activity of the class they hit: those from outside in
/// proportion to w_c · S_c, household and care infections in proportion to S_c (no activity weight).
/// Arrivals and seeded infections of unknown activity are the classes' mean, 1 (returnees are residents
/// of every class alike). The isolated, quarantined and severely ill no longer meet anyone outside their
/// home or hospital, so their chains carry no mass.
///
/// Where the twin differs: each class holds exactly 1/C of every cell, while the agents draw their
/// classes (a sampling difference of order 1/√N per cell).
extension MeanFieldSystem {
    /// Routes the activity masses of one cell along the free course, as `advanceCourse` routes the people:
    /// end of latency splits by `symptomatic`; at onset the share `isolatingAtOnset` (confirmed and
    /// isolating) leaves the free chains and the rest splits by `severe`.
    @inline(__always)
    func advanceActivity<Exits: ChainExits>(_ exits: Exits, _ dx: UnsafeMutablePointer<Double>, _ cell: Int,
                         symptomatic: Double, severe: Double, isolatingAtOnset: Double) {
        let l = layout
        let infectious = exits.exit(l.latentActivity, cell)
        dx[l.presymptomaticActivity.first + cell] += symptomatic * infectious
        dx[l.asymptomaticActivity.first + cell] += (1 - symptomatic) * infectious
        let onset = exits.exit(l.presymptomaticActivity, cell)
        let free = onset - onset * isolatingAtOnset
        dx[l.mildWorseningActivity.first + cell] += severe * free
        dx[l.mildRecoveringActivity.first + cell] += (1 - severe) * free
    }
}

extension MeanFieldRun {
    /// Adds `amount` people of mean activity `activity` to a free chain's sub-stage of one cell, and their
    /// activity to the chain's mass if it has one.
    func addInfected(_ amount: Double, activity: Double = 1, to chain: Chain, stage: Int, _ cell: Int) {
        state[chain.stage(stage) + cell] += amount
        if let mass = layout.activityMass(of: chain) { state[mass.stage(stage) + cell] += activity * amount }
    }

    /// Adds `amount` to a susceptible pool (`layout.susceptible` or `layout.healthWorkers`) of one cell,
    /// shared equally among the activity classes: arrivals, releases and the starting population are
    /// residents of every class alike.
    func addSusceptible(_ amount: Double, to pool: Chain, _ cell: Int) {
        let classes = layout.activityClasses
        let share = amount / Double(classes)
        for activity in 0..<classes { state[pool.first + layout.susceptibleIndex(cell, activity: activity)] += share }
    }
}
