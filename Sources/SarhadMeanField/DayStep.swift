import Foundation

/// The twin's integrator: one step a day, every Erlang chain moved exactly (`DayPassage`), the flows
/// between chains routed as the day's totals in the order people move, and the nonlinear parts (the
/// force of infection, the tested shares, admission to care) evaluated twice, at the start of the day
/// and at a predicted end, and averaged (Heun's predictor–corrector).
///
/// Why: Runge–Kutta needed two steps a day of four evaluations each, because the chains' rates (the
/// latent sub-stage's 1.8 a day) limit an explicit step. Here the chains put no limit on the step; only
/// what changes within the day through the epidemic itself (infectious people, a growth of up to about
/// 25 % a day) is approximated, to second order. Nobody is created or lost: what leaves a chain in a
/// day is what was there and entered less what stayed, and that is exactly what the routing hands on.
///
/// The state is laid out as for Runge–Kutta (`StateLayout`); the pools (S, R, D and the susceptible's
/// pair sums) are chains without a rate, whose day's inflow is their change.
final class DayStep {
    private struct Segment {
        let first: Int
        let entry: Int
        let stages: Int
        let width: Int
        let passage: DayPassage
        /// Whether the conditions at the predicted end of the day read every sub-stage (the pools, the
        /// chains that carry household pairs, the pair sums), or only the last (`InstantExits`) and the total.
        let readWhole: Bool
        /// Whether the chain is a household pair sum, depleted sub-stage by sub-stage (`HouseholdPairs`).
        let depleted: Bool
    }

    let size: Int
    private let segments: UnsafeMutableBufferPointer<Segment>
    /// What the day does to the people there at its start, every sub-stage (`drain`).
    let drained: UnsafeMutablePointer<Double>
    /// What those people leave each chain during the day, at the chain's `entry`.
    let departing: UnsafeMutablePointer<Double>
    /// What of them is still in each chain at the day's end, at the chain's `entry`.
    let remaining: UnsafeMutablePointer<Double>
    /// Vectors of the chains' first sub-stages laid end to end (`Chain.entry`).
    let entryCount: Int
    /// The day's inflow into each chain's first sub-stage (a pool's change), filled by the routing.
    let inflow: UnsafeMutablePointer<Double>
    /// The predicted end of the day (only what the conditions read: see `Segment.readWhole`).
    let predicted: UnsafeMutablePointer<Double>
    /// Each household pair sub-stage's depletion hazard, at its place in the state less `depletion.base`.
    let depletion: DepletionHazards
    /// Every chain's total over its sub-stages per cell, at its first sub-stage, for the last state drained
    /// or composed (`Workspace.chainTotals`; a pair sum's total is left undefined, nothing reads it).
    let totals: UnsafeMutablePointer<Double>

    init(chains: [Chain], readWhole: [Chain], depleted: [Chain], totals: UnsafeMutablePointer<Double>) {
        let ordered = chains.filter { $0.width > 0 && $0.stages > 0 }.sorted { $0.offset < $1.offset }
        let whole = Set(readWhole.filter { $0.width > 0 }.map(\.offset))
        let pairs = Set(depleted.filter { $0.width > 0 }.map(\.offset))
        segments = .allocate(capacity: max(1, ordered.count))
        _ = segments.initialize(from: ordered.map {
            Segment(first: $0.first, entry: $0.entry, stages: $0.stages, width: $0.width, passage: DayPassage(stages: $0.stages, rate: $0.rate),
                    readWhole: $0.rate == 0 || whole.contains($0.offset) || pairs.contains($0.offset),
                    depleted: pairs.contains($0.offset))
        })
        size = ordered.last?.end ?? 0
        entryCount = ordered.map { $0.entry + $0.width }.max() ?? 0
        self.totals = totals
        drained = zeroedBuffer(size)
        departing = zeroedBuffer(entryCount)
        remaining = zeroedBuffer(entryCount)
        inflow = zeroedBuffer(size)
        predicted = zeroedBuffer(size)
        // The pair sums are next to each other in the state (`StateLayout`): one vector over their extent.
        let pairChains = ordered.filter { pairs.contains($0.offset) }
        let base = pairChains.map(\.offset).min() ?? 0
        depletion = DepletionHazards(hazards: zeroedBuffer((pairChains.map(\.end).max() ?? 0) - base), base: base)
    }

    deinit {
        segments.deallocate()
        for pointer in [drained, departing, remaining, inflow, predicted, depletion.hazards] { pointer.deallocate() }
    }

    /// Moves the people of `state` through a day with no inflow: `drained` holds where they are at its end,
    /// `departing` what they left each chain and `remaining` what stayed; `totals` gets `state`'s totals.
    ///
    /// Four cells at a time, every sub-stage of the four held in registers while sub-stage j at the day's
    /// end gathers kept[j − i] of every sub-stage i ≤ j: each value is read once and written once. (Row by
    /// row over the cells, the same sums read and wrote every row once per term, and took twice as long.)
    func drain(_ state: UnsafePointer<Double>) {
        // Stack scratch for one block's sub-stages and the chain's shares (`InlineArray` would need macOS 26).
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 8) { block in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { kept in
                drain(state, block: block.baseAddress!, kept: kept.baseAddress!)
            }
        }
    }

    private func drain(_ state: UnsafePointer<Double>, block x: UnsafeMutablePointer<SIMD4<Double>>,
                       kept: UnsafeMutablePointer<Double>) {
        typealias V = SIMD4<Double>
        let drained = self.drained, departing = self.departing, remaining = self.remaining, totals = self.totals
        let lane = MemoryLayout<Double>.stride
        for segment in segments {
            let width = segment.width, first = segment.first, stages = segment.stages
            for m in 0..<stages { kept[m] = segment.passage.kept[m] }
            let source = UnsafeRawPointer(state + first), target = UnsafeMutableRawPointer(drained + first)
            let start = UnsafeMutableRawPointer(totals + first), stayed = UnsafeMutableRawPointer(remaining + segment.entry)
            let left = UnsafeMutableRawPointer(departing + segment.entry)
            var cell = 0
            while cell + 4 <= width {
                var before = V(), after = V()
                for stage in 0..<stages {
                    x[stage] = source.loadUnaligned(fromByteOffset: (stage * width + cell) * lane, as: V.self)
                    before += x[stage]
                }
                for stage in 0..<stages {
                    var value = V()
                    for from in 0...stage { value += kept[stage - from] * x[from] }
                    after += value
                    target.storeBytes(of: value, toByteOffset: (stage * width + cell) * lane, as: V.self)
                }
                start.storeBytes(of: before, toByteOffset: cell * lane, as: V.self)
                stayed.storeBytes(of: after, toByteOffset: cell * lane, as: V.self)
                left.storeBytes(of: before - after, toByteOffset: cell * lane, as: V.self)
                cell += 4
            }
            while cell < width {
                var before = 0.0, after = 0.0
                for stage in 0..<stages {
                    var value = 0.0
                    for from in 0...stage { value += kept[stage - from] * state[first + from * width + cell] }
                    before += state[first + stage * width + cell]
                    after += value
                    drained[first + stage * width + cell] = value
                }
                totals[first + cell] = before
                remaining[segment.entry + cell] = after
                departing[segment.entry + cell] = before - after
                cell += 1
            }
        }
    }

    /// Empties the inflow rows (each chain's first sub-stage) before the day is routed again.
    func clearInflow() {
        for segment in segments { (inflow + segment.first).update(repeating: 0, count: segment.width) }
    }

    /// The end of the day as the conditions read it: the rows of `Segment.readWhole` chains and every
    /// chain's last sub-stage, into `predicted`, and every chain's totals.
    func composePredicted() {
        compose(into: predicted, everyRow: false)
    }

    /// The end of the day: the drained people plus the day's inflow spread over each chain as it fills it,
    /// the household pair sums depleted by their hazards; and every chain's totals.
    func compose(into out: UnsafeMutablePointer<Double>) {
        compose(into: out, everyRow: true)
    }

    private func compose(into out: UnsafeMutablePointer<Double>, everyRow: Bool) {
        let drained = self.drained, inflow = self.inflow, totals = self.totals, depletion = self.depletion
        let remaining = self.remaining
        for segment in segments {
            let width = segment.width, first = segment.first, filled = segment.passage.filled
            let from = everyRow || segment.readWhole ? 0 : segment.stages - 1
            for stage in from..<segment.stages {
                let row = first + stage * width
                if segment.depleted {
                    // Those there all day are depleted for the whole day; the day's inflow, arriving evenly,
                    // for its mean time at risk ((1 − e^{−η}) / η of the day).
                    for cell in 0..<width {
                        let hazard = depletion.hazards[row + cell - depletion.base]
                        out[row + cell] = drained[row + cell] * exp(-hazard)
                            + filled[stage] * inflow[first + cell] * MeanFieldSystem.meanSurvival(hazard)
                    }
                } else {
                    DayRows.sum(drained + row, inflow + first, weight: filled[stage], into: out + row, width)
                }
            }
            // What stayed of the people there at the start, and of the inflow what did not pass through.
            DayRows.sum(remaining + segment.entry, inflow + first, weight: 1 - segment.passage.sameDayExit, into: totals + first, width)
        }
    }
}

/// Row operations over a chain's cells, written with explicit four-wide vectors for the reason
/// `MeanFieldSystem.drain` gives (the compiler cannot prove the rows apart, and left the plain loops scalar).
enum DayRows {
    typealias V = SIMD4<Double>

    /// target += weight · source.
    @inline(__always)
    static func add(_ source: UnsafePointer<Double>, weight: Double, into target: UnsafeMutablePointer<Double>, _ width: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target), lane = MemoryLayout<Double>.stride
        var cell = 0
        while cell + 4 <= width {
            let offset = cell * lane
            let sum = to.loadUnaligned(fromByteOffset: offset, as: V.self) + weight * from.loadUnaligned(fromByteOffset: offset, as: V.self)
            to.storeBytes(of: sum, toByteOffset: offset, as: V.self)
            cell += 4
        }
        while cell < width {
            target[cell] += weight * source[cell]
            cell += 1
        }
    }

    /// target = base + weight · source.
    @inline(__always)
    static func sum(_ base: UnsafePointer<Double>, _ source: UnsafePointer<Double>, weight: Double,
                    into target: UnsafeMutablePointer<Double>, _ width: Int) {
        let first = UnsafeRawPointer(base), from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        let lane = MemoryLayout<Double>.stride
        var cell = 0
        while cell + 4 <= width {
            let offset = cell * lane
            let value = first.loadUnaligned(fromByteOffset: offset, as: V.self)
                + weight * from.loadUnaligned(fromByteOffset: offset, as: V.self)
            to.storeBytes(of: value, toByteOffset: offset, as: V.self)
            cell += 4
        }
        while cell < width {
            target[cell] = base[cell] + weight * source[cell]
            cell += 1
        }
    }

    /// target = minuend − subtrahend.
    @inline(__always)
    static func difference(_ minuend: UnsafePointer<Double>, _ subtrahend: UnsafePointer<Double>,
                           into target: UnsafeMutablePointer<Double>, _ width: Int) {
        sum(minuend, subtrahend, weight: -1, into: target, width)
    }

    /// target = factor · source.
    @inline(__always)
    static func scale(_ source: UnsafePointer<Double>, by factor: Double, into target: UnsafeMutablePointer<Double>, _ width: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target), lane = MemoryLayout<Double>.stride
        var cell = 0
        while cell + 4 <= width {
            let offset = cell * lane
            to.storeBytes(of: factor * from.loadUnaligned(fromByteOffset: offset, as: V.self), toByteOffset: offset, as: V.self)
            cell += 4
        }
        while cell < width {
            target[cell] = factor * source[cell]
            cell += 1
        }
    }
}

/// The household pair sums' depletion hazards of a day (`advanceHouseholdPairs`), for the pair sub-stages only:
/// the hazard of the state entry i is `hazards[i − base]`.
struct DepletionHazards {
    let hazards: UnsafeMutablePointer<Double>
    let base: Int

    @inline(__always) func set(_ hazard: Double, at index: Int) { hazards[index - base] = hazard }
}
