import Foundation

/// Admission when places are whole: Erlang's loss system.
///
/// The agent model admits a patient at the moment of need if one of the province's `capacity` places
/// is free, and never later. With whole places and patients who come and go at random, a patient can
/// find every place taken while the places held are, on average, fewer than the capacity: in a province
/// with five intensive-care places and an offered load of five patients, Erlang's formula turns away
/// 28 % of them, where a fluid rule would admit everyone. The twin follows the agents' expectation.
///
/// How: in a loss system with Poisson arrivals the places held are a Poisson count of mean a (the
/// offered load) truncated to 0…capacity, whatever the length of stay (Erlang's insensitivity). Its
/// mean is m = a · (1 − B(capacity, a)), with B Erlang's loss probability, and the share of arrivals
/// admitted is 1 − B = m / a. The twin knows m, the expected places held, so it takes the offered load
/// whose truncated Poisson count has that mean (the fixed-point, or modified-offered-load,
/// approximation for loss systems whose load changes with time) and admits m / a of the seekers. The
/// relation is tabulated once per capacity (`points` offered loads) and interpolated.
///
/// The share falls from 1 to 0 within a few √capacity places of a full ward, too steeply for an
/// explicit step, so the share of a day's seekers is solved for implicitly (`dayShare`). Against a
/// simulated ward run by the agents' rule its error is at most 0.02 (`WholePlacesTests`).
struct WholePlaces: Sendable, Equatable {
    let capacity: Int
    /// Places held on average, increasing, and the share admitted at each (1 − B at the offered load
    /// whose truncated count has that mean).
    private let held: [Double]
    private let admitted: [Double]

    /// Points of the table of the mean held against the offered load.
    static let points = 256
    /// Of them, evenly spaced up to where the curve bends.
    static let evenPoints = 192

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        guard capacity > 0 else {
            held = []
            admitted = []
            return
        }
        // Below c − 8√c the loss is below 1e-13 (a Poisson count's tail). From there to c + 12·max(1, √c),
        // where the curve bends, the loads are evenly spaced; beyond, up to 64 times the capacity, they
        // grow geometrically, the places held creeping up to the capacity; past that the share is taken
        // down linearly to nothing at a full ward.
        let c = Double(capacity), spread = max(1, c.squareRoot())
        let lowest = max(0, c - 8 * spread), bend = c + 12 * spread, highest = 64 * max(c, spread)
        let even = WholePlaces.evenPoints, growing = WholePlaces.points - WholePlaces.evenPoints
        var held = [Double](), admitted = [Double]()
        for point in 0..<WholePlaces.points {
            let a = point < even
                ? lowest + (bend - lowest) * Double(point) / Double(even - 1)
                : bend * pow(highest / bend, Double(point - even + 1) / Double(growing))
            let share = 1 - WholePlaces.lossProbability(capacity: capacity, load: a)
            held.append(a * share)
            admitted.append(share)
        }
        self.held = held
        self.admitted = admitted
    }

    /// Erlang's B(c, a): the share of arrivals who find all c places taken at offered load a. From
    /// 1 / B = Σ_{k=0}^{c} c! / ((c − k)! a^k), summed until its terms no longer count.
    static func lossProbability(capacity: Int, load a: Double) -> Double {
        guard capacity > 0 else { return 1 }
        guard a > 0 else { return 0 }
        var term = 1.0, sum = 1.0
        for k in 0..<capacity {
            term *= Double(capacity - k) / a
            sum += term
            if sum > 1e300 { return 0 }
            if term < 1e-17 * sum { break }
        }
        return 1 / sum
    }

    /// The share of those who seek a place who find one free when `occupied` places are held on average:
    /// the table's shares interpolated linearly in the places held, down to nothing at a full ward.
    func share(occupied m: Double) -> Double {
        guard capacity > 0 else { return 0 }
        guard m > held[0] else { return 1 }
        guard m < Double(capacity) else { return 0 }
        let low = lastPoint { point($0).held <= m }
        let (m0, s0) = point(low), (m1, s1) = point(low + 1)
        return s0 + (m - m0) * (s1 - s0) / (m1 - m0)
    }

    /// The table's points (places held, share admitted), then a full ward (the capacity, nobody admitted).
    @inline(__always)
    private func point(_ index: Int) -> (held: Double, share: Double) {
        index < held.count ? (held[index], admitted[index]) : (Double(capacity), 0)
    }

    /// The last point at which `holds` is true, for a `holds` true at the first point and false at the
    /// full ward, and true up to some point and false after it (a binary search).
    @inline(__always)
    private func lastPoint(where holds: (Int) -> Bool) -> Int {
        var low = 0, high = held.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if holds(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The share of a day's `demand` seekers admitted when `occupied` places are held at its start and the
    /// day frees `freed`. The places freed are free for the day's seekers (the agents take a day's stage
    /// ends in the order they were queued, and a discharge was queued at admission, days before the
    /// onsets of the same day), so the seekers find m₀ − freed held, rising to m₁ = m₀ − freed + demand ·
    /// share(m̄) by the day's end, with the share taken at their mean m̄ = (m₀ − freed + m₁) / 2 (the
    /// implicit midpoint rule: stable however steep the share); the share at that mean.
    ///
    /// The share is linear between the table's points, so the mean is found exactly: a binary search
    /// over the points for the interval where h(m̄) = 2 (m₀ − freed) + demand · share(m̄) − 2 m̄, which
    /// falls as m̄ rises, changes sign, then the root of h's linear piece there.
    func dayShare(demand: Double, occupied: Double, freed: Double) -> Double {
        guard capacity > 0 else { return 0 }
        guard demand > 0 else { return 1 }
        let base = max(0, occupied - freed)
        guard base < Double(capacity) else { return 0 }
        // Admitting everyone keeps the day's mean below where anyone is turned away: the usual case while
        // a province's wards are far from full.
        if base + demand / 2 <= held[0] { return 1 }
        @inline(__always) func h(_ index: Int) -> Double {
            let (m, share) = point(index)
            return 2 * base + demand * share - 2 * m
        }
        guard h(0) > 0 else { return admitted[0] }
        // h(point 0) > 0 ≥ h(full ward), since base < c.
        let low = lastPoint { h($0) > 0 }
        let (m0, s0) = point(low), (m1, s1) = point(low + 1)
        let slope = (s1 - s0) / (m1 - m0)
        // 2 base + demand (s0 + slope (m̄ − m0)) − 2 m̄ = 0; slope ≤ 0, so the denominator is positive.
        let mean = (2 * base + demand * (s0 - slope * m0)) / (2 - demand * slope)
        return max(0, min(1, s0 + slope * (min(max(mean, m0), m1) - m0)))
    }
}
