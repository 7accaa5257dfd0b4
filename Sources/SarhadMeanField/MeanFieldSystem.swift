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
    ///
    /// Written with explicit four-wide vectors: the compiler cannot prove that `x` and `dx` do not
    /// overlap, so it left the plain loop scalar, and this loop over the whole state was the largest
    /// single cost of a run. Vector lanes are element-wise, so the results are the same bytes.
    @inline(__always)
    static func drain(_ chain: Chain, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>) {
        let width = chain.width
        guard width > 0 else { return }
        let rate = chain.rate
        let first = chain.first
        let rest = (chain.stages - 1) * width
        let source = UnsafeRawPointer(x + first), target = UnsafeMutableRawPointer(dx + first)
        let previous = UnsafeRawPointer(x + first)
        let lane = MemoryLayout<Double>.stride
        // First sub-stage: only its exit.
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
        // Later sub-stages: entry from the sub-stage before, exit onwards (contiguous, stage-major).
        let later = UnsafeRawPointer(x + first + width), laterTarget = UnsafeMutableRawPointer(dx + first + width)
        var index = 0
        while index + 4 <= rest {
            let before = previous.loadUnaligned(fromByteOffset: index * lane, as: SIMD4<Double>.self)
            let here = later.loadUnaligned(fromByteOffset: index * lane, as: SIMD4<Double>.self)
            laterTarget.storeBytes(of: rate * (before - here), toByteOffset: index * lane, as: SIMD4<Double>.self)
            index += 4
        }
        while index < rest {
            dx[first + width + index] = rate * (x[first + index] - x[first + width + index])
            index += 1
        }
    }

    /// Adds `weight` times the chain's total over its sub-stages to `into`, cell by cell.
    /// Four-wide for the same reason as `drain`.
    @inline(__always)
    static func accumulate(_ chain: Chain, _ weight: Double, _ x: UnsafePointer<Double>,
                           into output: UnsafeMutablePointer<Double>) {
        let width = chain.width, lane = MemoryLayout<Double>.stride
        let target = UnsafeMutableRawPointer(output)
        for stage in 0..<chain.stages {
            let start = chain.stage(stage)
            let source = UnsafeRawPointer(x + start)
            var cell = 0
            while cell + 4 <= width {
                let sum = target.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
                    + weight * source.loadUnaligned(fromByteOffset: cell * lane, as: SIMD4<Double>.self)
                target.storeBytes(of: sum, toByteOffset: cell * lane, as: SIMD4<Double>.self)
                cell += 4
            }
            while cell < width {
                output[cell] += weight * x[start + cell]
                cell += 1
            }
        }
    }

    /// Rate of leaving the last sub-stage, for one cell.
    @inline(__always)
    static func exit(_ chain: Chain, _ x: UnsafePointer<Double>, _ cell: Int) -> Double {
        chain.rate * x[chain.last + cell]
    }
}
