import Foundation
import SarhadModel

/// A prior on one free parameter: uniform or log-uniform on [lower, upper].
public struct Prior: Sendable, Equatable {
    public enum Shape: String, Sendable, CaseIterable {
        case uniform
        case logUniform = "log-uniform"
    }

    public var shape: Shape
    public var lower: Double
    public var upper: Double

    public init(_ shape: Shape, _ lower: Double, _ upper: Double) {
        precondition(lower < upper && (shape == .uniform || lower > 0))
        self.shape = shape
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// Values are proposed and perturbed on this scale, where the prior is flat.
    public func toWorking(_ value: Double) -> Double { shape == .logUniform ? log(value) : value }
    public func fromWorking(_ value: Double) -> Double { shape == .logUniform ? exp(value) : value }

    /// The prior is flat on the working scale, so its density there is constant within bounds.
    public func workingDensity(_ working: Double) -> Double {
        let low = toWorking(lower), high = toWorking(upper)
        return working >= low && working <= high ? 1 / (high - low) : 0
    }

    public func sample(_ random: inout CounterRandom) -> Double {
        fromWorking(toWorking(lower) + random.uniform() * (toWorking(upper) - toWorking(lower)))
    }

    public var description: String { "\(shape.rawValue)(\(lower), \(upper))" }
}
