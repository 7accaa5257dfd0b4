/// Fluid admission to beds and intensive care.
///
/// The agent model admits a patient at the moment of need if a place is free and never later. In the
/// twin patients arrive as a flow, so "a place is free" becomes a rate: while occupancy is below
/// capacity everyone who seeks care is admitted; at capacity, admissions can only take the places that
/// the discharged, the transferred and the dead free up. The rate at which spare capacity can be taken
/// up is `spare / relaxationDays` — an exact "min(demand, free places now)" would be a discontinuous
/// right-hand side that an explicit integrator could overshoot. With a relaxation time of 6 hours
/// occupancy settles on capacity within a day, much faster than any stage of the disease. Only that
/// settled state matters, not the path to it, so the step need not resolve the relaxation, only stay
/// stable on it: at rate · dt = 2 (12-hour steps) Runge–Kutta 4 multiplies the gap to capacity by 1/3
/// per step, without oscillation (its real stability limit is 2.79).
///
/// The day step (`DaySimulation.swift`) uses the same rule over a whole day, with a relaxation of one day:
/// the day's seekers take the places free at its start plus those the day frees, as the agents take a
/// place that is free or freed that day.
///
/// This bound treats places as a fluid: below capacity everyone is admitted. Whole places turn some
/// seekers away before a ward is full on average, so `admittedShare` takes the smaller of this share and
/// the whole places' (`WholePlaces`).
enum CareCapacity {
    static let relaxationDays = 0.25
    /// The day step's relaxation: the spare places of the day's start, taken within the day.
    static let dayStepRelaxationDays = 1.0
    /// The largest relaxation rate × step allowed (`MeanFieldInputs.baseSubstepsPerDay`).
    static let largestRateTimesStep = 2.0

    /// Share of today's seekers who are admitted: the smaller of the fluid bound (`fluidShare`) and what
    /// whole places admit (`WholePlaces.dayShare`). The fluid bound's capacity is the places' own.
    @inline(__always)
    static func admittedShare(demand: Double, places: WholePlaces, occupied: Double, freed: Double,
                              relaxationDays: Double) -> Double {
        min(fluidShare(demand: demand, capacity: Double(places.capacity), occupied: occupied, freed: freed,
                       relaxationDays: relaxationDays),
            places.dayShare(demand: demand, occupied: occupied, freed: freed))
    }

    /// Share of today's seekers who can be admitted now if places were a fluid, given the places there are
    /// and the places being freed.
    @inline(__always)
    static func fluidShare(demand: Double, capacity: Double, occupied: Double, freed: Double,
                           relaxationDays: Double) -> Double {
        guard demand > 0 else { return 1 }
        let available = max(0, (capacity - occupied) / relaxationDays + freed)
        return min(1, available / demand)
    }
}
