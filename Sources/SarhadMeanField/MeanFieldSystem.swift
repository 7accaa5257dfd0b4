import SarhadModel

/// The right-hand side of the twin's ODEs: given the state, the rate of change of every compartment
/// and the rate of every counted event.
///
/// Every flow leaves one compartment and enters another (or a shadow moves with its main chain), so
/// the derivatives of the people-holding compartments sum to zero and Runge–Kutta — which preserves
/// linear invariants — keeps the population constant to rounding error.
struct MeanFieldSystem {
    let inputs: MeanFieldInputs
    let layout: StateLayout
    let flows: FlowLayout
    let observation: ObservationParameters
    let healthFacilityMultiplierBase: Int
    let pairs: HouseholdPairs

    init(inputs: MeanFieldInputs, layout: StateLayout, observation: ObservationParameters) {
        self.inputs = inputs
        self.layout = layout
        flows = FlowLayout(provinces: inputs.provinceCount)
        self.observation = observation
        healthFacilityMultiplierBase = ContactLayer.healthFacility.rawValue * inputs.provinceCount
        pairs = HouseholdPairs(layout: layout, inputs: inputs)
    }

    func evaluate(_ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ rate: UnsafeMutablePointer<Double>,
                  _ today: DayConditions, _ work: Workspace) {
        rate.update(repeating: 0, count: flows.count)
        for chain in layout.all { MeanFieldSystem.drain(chain, x, dx) }
        transmit(x, dx, rate, today, work)
        advanceCourse(x, dx, rate, today, work)
        advanceHouseholdPairs(x, dx, today, work)
    }

    /// Each sub-stage empties into the next at the chain's rate; entries into the first sub-stage and
    /// the exit from the last are added by the flows that route them.
    @inline(__always)
    static func drain(_ chain: Chain, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>) {
        let width = chain.width
        guard width > 0 else { return }
        let rate = chain.rate
        let first = chain.first
        for cell in 0..<width { dx[first + cell] = -rate * x[first + cell] }
        var stage = 1
        while stage < chain.stages {
            let current = chain.stage(stage), previous = current - width
            for cell in 0..<width { dx[current + cell] = rate * (x[previous + cell] - x[current + cell]) }
            stage += 1
        }
    }

    /// Adds `weight` times the chain's total over its sub-stages to `into`, cell by cell.
    @inline(__always)
    static func accumulate(_ chain: Chain, _ weight: Double, _ x: UnsafePointer<Double>,
                           into output: UnsafeMutablePointer<Double>) {
        let width = chain.width
        for stage in 0..<chain.stages {
            let start = chain.stage(stage)
            for cell in 0..<width { output[cell] += weight * x[start + cell] }
        }
    }

    /// Rate of leaving the last sub-stage, for one cell.
    @inline(__always)
    static func exit(_ chain: Chain, _ x: UnsafePointer<Double>, _ cell: Int) -> Double {
        chain.rate * x[chain.last + cell]
    }
}
