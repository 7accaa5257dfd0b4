import Foundation
import SarhadModel

extension CounterRandom {
    /// A standard normal draw by the Box–Muller transform (two uniforms, one output: simple and exact).
    mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
