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
        wholeChains = pairs.tracked.map(\.pairs)
        let active = layout.tracksActivity
        summedChains = [active ? layout.presymptomaticActivity : layout.presymptomatic,
                        active ? layout.asymptomaticActivity : layout.asymptomatic,
                        active ? layout.mildRecoveringActivity : layout.mildRecovering,
                        active ? layout.mildWorseningActivity : layout.mildWorsening]
            + layout.unhospitalised + layout.isolatedUnhospitalised + layout.hospitalised + [layout.isolatedSevereBedToCritical]
            + layout.isolatedHospitalisedByProvince + layout.occupyingBeds + layout.occupyingIntensiveCare
    }

    /// The chains whose totals over their sub-stages the derivative reads (`accumulate`): only these are
    /// summed while the state is updated (`ChainRungeKutta4`).
    let summedChains: [Chain]

    /// The chains whose every sub-stage has flows of its own besides the drain (the household pair sums are
    /// also depleted stage by stage): `evaluate` writes all their rows; of every other chain only the
    /// first sub-stage (`ChainRungeKutta4`).
    let wholeChains: [Chain]

    /// The derivative's rows that are not the drain alone — every chain's first sub-stage and all of
    /// `wholeChains` — and every event rate. Reads the chain totals of `x` from `work.chainTotals`
    /// (`ChainRungeKutta4` sums them as it makes each new point).
    func evaluate(_ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ rate: UnsafeMutablePointer<Double>,
                  _ today: DayConditions, _ work: Workspace) {
        rate.update(repeating: 0, count: flows.count)
        for chain in layout.all { MeanFieldSystem.drainFirstStage(chain, x, dx) }
        for chain in wholeChains { MeanFieldSystem.drainLaterStages(chain, x, dx) }
        transmit(x, dx, rate, today, work)
        let exits = InstantExits(x: x)
        careOccupancy(work)
        careDemand(exits, work)
        admitToCare(today, work, relaxationDays: CareCapacity.relaxationDays)
        advanceCourse(exits, dx, rate, today, work, shares: testedShares(exits, today, work))
        advanceHouseholdPairs(exits, x, dx, today, work)
    }

    /// Each sub-stage empties into the next at the chain's rate; entries into the first sub-stage and
    /// the exit from the last are added by the flows that route them. Also writes the chain's total
    /// over its sub-stages, per cell, to `totals` at the chain's first sub-stage: the force of
    /// infection and the care flows need those totals for most chains, and summing them here, while
    /// the state streams past anyway, saves reading the state twice more per evaluation.
    ///
    /// Written with explicit four-wide vectors: the compiler cannot prove that `x`, `dx` and `totals`
    /// do not overlap, so it left the plain loops scalar, and this pass over the whole state was the
    /// largest single cost of a run. Vector lanes are element-wise, so the derivatives are the same bytes.
    @inline(__always)
    static func drain(_ chain: Chain, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>,
                      totals: UnsafeMutablePointer<Double>) {
        let width = chain.width
        guard width > 0 else { return }
        let rate = chain.rate
        let first = chain.first
        let lane = MemoryLayout<Double>.stride
        let source = UnsafeRawPointer(x + first), target = UnsafeMutableRawPointer(dx + first)
        let total = UnsafeMutableRawPointer(totals + first)
        // First sub-stage: only its exit.
        var cell = 0
        while cell + 4 <= width {
            let value = source.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
            target.storeBytes(of: -rate * value, toByteOffset: cell * lane, as: SIMD4<Double>.self)
            total.storeBytes(of: value, toByteOffset: cell * lane, as: SIMD4<Double>.self)
            cell += 4
        }
        while cell < width {
            dx[first + cell] = -rate * x[first + cell]
            totals[first + cell] = x[first + cell]
            cell += 1
        }
        // Later sub-stages: entry from the sub-stage before, exit onwards.
        for stage in 1..<max(1, chain.stages) {
            let offset = stage * width
            let previous = UnsafeRawPointer(x + first + offset - width), here = UnsafeRawPointer(x + first + offset)
            let out = UnsafeMutableRawPointer(dx + first + offset)
            cell = 0
            while cell + 4 <= width {
                let before = previous.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
                let value = here.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
                out.storeBytes(of: rate * (before - value), toByteOffset: cell * lane, as: SIMD4<Double>.self)
                let sum = total.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self) + value
                total.storeBytes(of: sum, toByteOffset: cell * lane, as: SIMD4<Double>.self)
                cell += 4
            }
            while cell < width {
                dx[first + offset + cell] = rate * (x[first + offset + cell - width] - x[first + offset + cell])
                totals[first + cell] += x[first + offset + cell]
                cell += 1
            }
        }
    }

    /// `drain`'s first sub-stage alone, without totals: the exit, −rate · x.
    @inline(__always)
    static func drainFirstStage(_ chain: Chain, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>) {
        let width = chain.width, rate = chain.rate, first = chain.first, lane = MemoryLayout<Double>.stride
        let source = UnsafeRawPointer(x + first), target = UnsafeMutableRawPointer(dx + first)
        var cell = 0
        while cell + 4 <= width {
            let value = source.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
            target.storeBytes(of: -rate * value, toByteOffset: cell * lane, as: SIMD4<Double>.self)
            cell += 4
        }
        while cell < width {
            dx[first + cell] = -rate * x[first + cell]
            cell += 1
        }
    }

    /// `drain`'s later sub-stages, without totals: entry from the sub-stage before, exit onwards.
    static func drainLaterStages(_ chain: Chain, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>) {
        let width = chain.width, rate = chain.rate
        for stage in 1..<max(1, chain.stages) {
            let row = chain.stage(stage)
            for cell in 0..<width { dx[row + cell] = rate * (x[row + cell - width] - x[row + cell]) }
        }
    }

    /// Adds `weight` times the chain's total over its sub-stages (summed by `drain`) to `into`, cell by
    /// cell; four-wide for the same reason as `drain`.
    @inline(__always)
    static func accumulate(_ chain: Chain, _ weight: Double, _ totals: UnsafePointer<Double>,
                           into output: UnsafeMutablePointer<Double>) {
        let width = chain.width, lane = MemoryLayout<Double>.stride
        let target = UnsafeMutableRawPointer(output), source = UnsafeRawPointer(totals + chain.first)
        var cell = 0
        while cell + 4 <= width {
            let sum = target.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
                + weight * source.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
            target.storeBytes(of: sum, toByteOffset: cell * lane, as: SIMD4<Double>.self)
            cell += 4
        }
        while cell < width {
            output[cell] += weight * totals[chain.first + cell]
            cell += 1
        }
    }

    /// Rate of leaving the last sub-stage, for one cell.
    @inline(__always)
    static func exit(_ chain: Chain, _ x: UnsafePointer<Double>, _ cell: Int) -> Double {
        chain.rate * x[chain.last + cell]
    }
}
