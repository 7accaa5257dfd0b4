/// Classical fourth-order Runge–Kutta with a fixed step, integrating the event rates alongside the state.
///
/// Why fixed-step RK4 at dt = 1/2 day: the system is smooth between day boundaries (the timeline,
/// arrivals and seeding act only at day starts), non-stiff (the fastest default rate is the latent
/// sub-stage's 8 / 4.5 = 1.8 per day, λ·dt = 0.9; the care relaxation's 4 per day, λ·dt = 2, is inside
/// RK4's stability limit of 2.8 and only its settled state matters — `CareCapacity`), and a fixed step
/// puts day boundaries exactly on steps so each day's flows are summed from that day's steps only.
/// Measured on the built-in scenario: 2, 4 and 8 steps a day give the same national totals and peaks of
/// infections, deaths and beds needed to the person (RK4's global error falls as dt⁴), so 8
/// evaluations a day suffice. Adaptive stepping would buy nothing but bookkeeping.
/// RK4 also preserves linear invariants exactly, so the population is conserved to rounding error.
///
/// The event rates are integrated with the same weights as the state: (r₁ + 2r₂ + 2r₃ + r₄)·dt/6,
/// so each day's counted flows equal what actually moved between compartments that day.
final class RungeKutta4 {
    let size: Int
    let rateCount: Int
    private let trial: UnsafeMutablePointer<Double>
    private let slope: UnsafeMutablePointer<Double>
    private let sum: UnsafeMutablePointer<Double>
    private let rateSlope: UnsafeMutablePointer<Double>
    private let rateSum: UnsafeMutablePointer<Double>

    init(size: Int, rateCount: Int) {
        self.size = size
        self.rateCount = rateCount
        trial = zeroedBuffer(size)
        slope = zeroedBuffer(size)
        sum = zeroedBuffer(size)
        rateSlope = zeroedBuffer(rateCount)
        rateSum = zeroedBuffer(rateCount)
    }

    deinit {
        for pointer in [trial, slope, sum] { release(pointer, size) }
        for pointer in [rateSlope, rateSum] { release(pointer, rateCount) }
    }

    /// Advances `state` by `dt`, adding the integrated event rates to `flows`. `derivative(x, dx, rates)`
    /// must overwrite `dx` and `rates` entirely.
    func step(_ state: UnsafeMutablePointer<Double>, dt: Double, flows: UnsafeMutablePointer<Double>,
              _ derivative: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void) {
        let n = size, m = rateCount
        let half = dt / 2
        // Locals, not stored properties, in the loops: the compiler then knows the buffers cannot move
        // while it vectorises the element-wise updates.
        let trial = self.trial, slope = self.slope, sum = self.sum, rateSlope = self.rateSlope, rateSum = self.rateSum
        derivative(UnsafePointer(state), slope, rateSlope)
        for i in 0..<n {
            sum[i] = slope[i]
            trial[i] = state[i] + half * slope[i]
        }
        for i in 0..<m { rateSum[i] = rateSlope[i] }

        derivative(UnsafePointer(trial), slope, rateSlope)
        for i in 0..<n {
            sum[i] += 2 * slope[i]
            trial[i] = state[i] + half * slope[i]
        }
        for i in 0..<m { rateSum[i] += 2 * rateSlope[i] }

        derivative(UnsafePointer(trial), slope, rateSlope)
        for i in 0..<n {
            sum[i] += 2 * slope[i]
            trial[i] = state[i] + dt * slope[i]
        }
        for i in 0..<m { rateSum[i] += 2 * rateSlope[i] }

        derivative(UnsafePointer(trial), slope, rateSlope)
        let sixth = dt / 6
        for i in 0..<n { state[i] += sixth * (sum[i] + slope[i]) }
        for i in 0..<m { flows[i] += sixth * (rateSum[i] + rateSlope[i]) }
    }
}

/// The same Runge–Kutta 4 step for the twin's chains, with the drain of every later sub-stage folded
/// into the stage updates.
///
/// Why: the derivative of every sub-stage after a chain's first is its chain's drain alone,
/// rate · (previous − own), so it need not be written to memory and read back. The derivative closure
/// here fills only the *evaluated* rows — each chain's first sub-stage, and every sub-stage of the chains
/// marked `evaluated` (the household pair sums, which are also depleted stage by stage) — and each stage
/// update computes the rest on the fly, and sums the new point's chains over their sub-stages into
/// `totals` (what `MeanFieldSystem.drain` did before each evaluation). That is three passes over the
/// state per evaluation fewer, with the same arithmetic in the same order, so the same bytes as
/// `RungeKutta4` with the full derivative.
final class ChainRungeKutta4 {
    struct Segment {
        let first: Int
        let stages: Int
        let width: Int
        let rate: Double
        /// Whether the derivative closure writes every sub-stage (else only the first).
        let evaluated: Bool
        /// Whether the derivative reads the chain's totals.
        let summed: Bool
    }

    enum Update {
        /// sum = k; out = state + c · k (x is the state).
        case first
        /// sum += 2k; out = state + c · k.
        case middle
        /// state += c · (sum + k).
        case last
    }

    let size: Int
    let rateCount: Int
    private let segments: UnsafeMutableBufferPointer<Segment>
    /// Each summed chain's total over its sub-stages per cell, at the chain's first sub-stage, for the point
    /// the next derivative is taken at. Owned by the caller (`Workspace.chainTotals`).
    let totals: UnsafeMutablePointer<Double>
    private let trial: UnsafeMutablePointer<Double>
    private let otherTrial: UnsafeMutablePointer<Double>
    private let slope: UnsafeMutablePointer<Double>
    private let sum: UnsafeMutablePointer<Double>
    private let rateSlope: UnsafeMutablePointer<Double>
    private let rateSum: UnsafeMutablePointer<Double>

    /// `chains` must cover the state, each entry in exactly one chain; only the `summed` chains' totals are kept.
    init(chains: [Chain], evaluated: [Chain], summed: [Chain], rateCount: Int, totals: UnsafeMutablePointer<Double>) {
        let ordered = chains.filter { $0.width > 0 && $0.stages > 0 }.sorted { $0.offset < $1.offset }
        let full = Set(evaluated.filter { $0.width > 0 }.map(\.offset))
        let read = Set(summed.filter { $0.width > 0 }.map(\.offset))
        segments = .allocate(capacity: max(1, ordered.count))
        _ = segments.initialize(from: ordered.map {
            Segment(first: $0.first, stages: $0.stages, width: $0.width, rate: $0.rate, evaluated: full.contains($0.offset),
                    summed: read.contains($0.offset))
        })
        let size = ordered.last?.end ?? 0
        self.size = size
        self.rateCount = rateCount
        self.totals = totals
        trial = zeroedBuffer(size)
        otherTrial = zeroedBuffer(size)
        slope = zeroedBuffer(size)
        sum = zeroedBuffer(size)
        rateSlope = zeroedBuffer(rateCount)
        rateSum = zeroedBuffer(rateCount)
    }

    deinit {
        segments.deallocate()
        for pointer in [trial, otherTrial, slope, sum] { release(pointer, size) }
        for pointer in [rateSlope, rateSum] { release(pointer, rateCount) }
    }

    /// Sums `state`'s chains into `totals`: needed before the first step after the state was changed
    /// from outside (each step leaves the totals of its result).
    func prepare(_ state: UnsafePointer<Double>) {
        let totals = self.totals
        for segment in segments where segment.summed {
            let width = segment.width
            for cell in 0..<width { totals[segment.first + cell] = state[segment.first + cell] }
            for stage in 1..<max(1, segment.stages) {
                let row = segment.first + stage * width
                for cell in 0..<width { totals[segment.first + cell] += state[row + cell] }
            }
        }
    }

    /// Advances `state` by `dt` as `RungeKutta4.step` does, adding the integrated event rates to `flows`.
    /// `derivative(x, dx, rates)` must overwrite the evaluated rows of `dx` and all of `rates`; it may
    /// read `totals`, which hold x's chain totals. `prepare` must have been called after the state was
    /// last changed from outside.
    func step(_ state: UnsafeMutablePointer<Double>, dt: Double, flows: UnsafeMutablePointer<Double>,
              _ derivative: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void) {
        let m = rateCount
        let half = dt / 2
        let trial = self.trial, otherTrial = self.otherTrial, slope = self.slope
        let rateSlope = self.rateSlope, rateSum = self.rateSum
        derivative(UnsafePointer(state), slope, rateSlope)
        sweep(.first, from: UnsafePointer(state), into: trial, state: state, c: half)
        for i in 0..<m { rateSum[i] = rateSlope[i] }

        derivative(UnsafePointer(trial), slope, rateSlope)
        sweep(.middle, from: UnsafePointer(trial), into: otherTrial, state: state, c: half)
        for i in 0..<m { rateSum[i] += 2 * rateSlope[i] }

        derivative(UnsafePointer(otherTrial), slope, rateSlope)
        sweep(.middle, from: UnsafePointer(otherTrial), into: trial, state: state, c: dt)
        for i in 0..<m { rateSum[i] += 2 * rateSlope[i] }

        derivative(UnsafePointer(trial), slope, rateSlope)
        let sixth = dt / 6
        sweep(.last, from: UnsafePointer(trial), into: state, state: state, c: sixth)
        for i in 0..<m { flows[i] += sixth * (rateSum[i] + rateSlope[i]) }
    }

    /// One stage update over the whole state: the derivative k at `x` (evaluated rows from `slope`, the
    /// rest by the drain), the update into `out`, and `out`'s chain totals.
    private func sweep(_ update: Update, from x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
                       state: UnsafeMutablePointer<Double>, c: Double) {
        for segment in segments {
            for stage in 0..<segment.stages {
                let row = segment.first + stage * segment.width
                let drained = stage > 0 && !segment.evaluated
                switch (update, drained, segment.summed) {
                case (.first, true, true): rows(.first, drained: true, summed: true, segment, row, x, out, state, c)
                case (.first, true, false): rows(.first, drained: true, summed: false, segment, row, x, out, state, c)
                case (.first, false, true): rows(.first, drained: false, summed: true, segment, row, x, out, state, c)
                case (.first, false, false): rows(.first, drained: false, summed: false, segment, row, x, out, state, c)
                case (.middle, true, true): rows(.middle, drained: true, summed: true, segment, row, x, out, state, c)
                case (.middle, true, false): rows(.middle, drained: true, summed: false, segment, row, x, out, state, c)
                case (.middle, false, true): rows(.middle, drained: false, summed: true, segment, row, x, out, state, c)
                case (.middle, false, false): rows(.middle, drained: false, summed: false, segment, row, x, out, state, c)
                case (.last, true, true): rows(.last, drained: true, summed: true, segment, row, x, out, state, c)
                case (.last, true, false): rows(.last, drained: true, summed: false, segment, row, x, out, state, c)
                case (.last, false, true): rows(.last, drained: false, summed: true, segment, row, x, out, state, c)
                case (.last, false, false): rows(.last, drained: false, summed: false, segment, row, x, out, state, c)
                }
            }
        }
    }

    /// One sub-stage row. Written with explicit four-wide vectors for the reason `MeanFieldSystem.drain`
    /// gives (the compiler cannot prove the buffers apart); lanes are element-wise, so the bytes are the
    /// scalar loop's.
    @inline(__always)
    private func rows(_ update: Update, drained: Bool, summed: Bool, _ segment: Segment, _ row: Int, _ x: UnsafePointer<Double>,
                      _ out: UnsafeMutablePointer<Double>, _ state: UnsafeMutablePointer<Double>, _ c: Double) {
        typealias V = SIMD4<Double>
        let width = segment.width, rate = segment.rate, lane = MemoryLayout<Double>.stride
        let firstStage = row == segment.first
        let here = UnsafeRawPointer(x + row), previous = UnsafeRawPointer(x + row - (drained ? width : 0))
        let evaluated = UnsafeRawPointer(slope + row), base = UnsafeRawPointer(state + row)
        let accumulated = UnsafeMutableRawPointer(sum + row), target = UnsafeMutableRawPointer(out + row)
        let total = UnsafeMutableRawPointer(totals + segment.first)
        var cell = 0
        while cell + 4 <= width {
            let offset = cell * lane
            let k: V = drained
                ? rate * (previous.loadUnaligned(fromByteOffset: offset, as: V.self)
                    - here.loadUnaligned(fromByteOffset: offset, as: V.self))
                : evaluated.loadUnaligned(fromByteOffset: offset, as: V.self)
            let result: V
            switch update {
            case .first:
                accumulated.storeBytes(of: k, toByteOffset: offset, as: V.self)
                result = base.loadUnaligned(fromByteOffset: offset, as: V.self) + c * k
            case .middle:
                accumulated.storeBytes(of: accumulated.loadUnaligned(fromByteOffset: offset, as: V.self) + 2 * k,
                                       toByteOffset: offset, as: V.self)
                result = base.loadUnaligned(fromByteOffset: offset, as: V.self) + c * k
            case .last:
                result = base.loadUnaligned(fromByteOffset: offset, as: V.self)
                    + c * (accumulated.loadUnaligned(fromByteOffset: offset, as: V.self) + k)
            }
            target.storeBytes(of: result, toByteOffset: offset, as: V.self)
            if summed {
                total.storeBytes(of: firstStage ? result : total.loadUnaligned(fromByteOffset: offset, as: V.self) + result,
                                 toByteOffset: offset, as: V.self)
            }
            cell += 4
        }
        while cell < width {
            let i = row + cell
            let k = drained ? rate * (x[i - width] - x[i]) : slope[i]
            let result: Double
            switch update {
            case .first:
                sum[i] = k
                result = state[i] + c * k
            case .middle:
                sum[i] += 2 * k
                result = state[i] + c * k
            case .last:
                result = state[i] + c * (sum[i] + k)
            }
            out[i] = result
            if summed { totals[segment.first + cell] = firstStage ? result : totals[segment.first + cell] + result }
            cell += 1
        }
    }
}

/// A working vector of `count` zeros (at least one, so that an empty system still has a valid pointer),
/// owned by the integrator that asked for it (Runge–Kutta's or the day step's) and given back with
/// `release` or `deallocate`.
func zeroedBuffer(_ count: Int) -> UnsafeMutablePointer<Double> {
    let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
    pointer.initialize(repeating: 0, count: max(1, count))
    return pointer
}

private func release(_ pointer: UnsafeMutablePointer<Double>, _ count: Int) {
    pointer.deinitialize(count: max(1, count))
    pointer.deallocate()
}
