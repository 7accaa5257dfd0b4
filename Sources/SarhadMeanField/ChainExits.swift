/// How the routing of the disease course reads what leaves a chain and what enters one.
///
/// The same routing (`advanceCourse`, `advanceActivity`, the household pairs' passage) serves both
/// integrators: Runge–Kutta asks it for the rates at an instant (`InstantExits`), the day step for the
/// day's totals (`DayExits`), which it can only give for a chain once everything entering that chain
/// today has been routed — the routing visits each cell's chains in the order people move through them.
protocol ChainExits {
    /// People leaving the chain's last sub-stage in one cell: a rate, or a day's total.
    func exit(_ chain: Chain, _ cell: Int) -> Double
    /// People entering the chain's first sub-stage in one cell, from the routed rows `dx`.
    func entering(_ chain: Chain, _ cell: Int, _ dx: UnsafePointer<Double>) -> Double
}

/// Rates at the instant of the state `x`; `dx` holds the derivative, drain included.
struct InstantExits: ChainExits {
    let x: UnsafePointer<Double>

    @inline(__always) func exit(_ chain: Chain, _ cell: Int) -> Double { chain.rate * x[chain.last + cell] }

    @inline(__always) func entering(_ chain: Chain, _ cell: Int, _ dx: UnsafePointer<Double>) -> Double {
        dx[chain.first + cell] + chain.rate * x[chain.first + cell]
    }
}

/// A day's totals: what the people there at the start of the day leave (`departing`, at each chain's
/// `entry`, from `DayStep.drain`) plus the share of today's inflow that passes through the same day.
/// `dx` holds the day's inflows at each chain's first sub-stage.
struct DayExits: ChainExits {
    let departing: UnsafePointer<Double>
    let inflow: UnsafePointer<Double>

    @inline(__always) func exit(_ chain: Chain, _ cell: Int) -> Double {
        departing[chain.entry + cell] + inflow[chain.first + cell] * chain.sameDayExit
    }

    @inline(__always) func entering(_ chain: Chain, _ cell: Int, _ dx: UnsafePointer<Double>) -> Double {
        dx[chain.first + cell]
    }
}
