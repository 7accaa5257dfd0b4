import Foundation

/// Maps data values to positions on one axis and proposes the ticks to label it with.
public protocol ValueScale: Sendable {
    /// The position of a value, or nil when the scale cannot show it (zero on a log scale).
    func position(_ value: Double) -> Double?
    /// Values worth a gridline and a label, inside the domain, ascending.
    var ticks: [Double] { get }
    var domain: ClosedRange<Double> { get }
    /// Where the scale's lowest value sits (bars and bands grow from here).
    var baseline: Double { get }
}

/// Nice numbers: 1, 2 or 5 times a power of ten, the steps people read without effort.
public enum NiceNumbers {
    /// The nice step that cuts `span` into about `count` intervals.
    public static func step(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let power = pow(10, floor(log10(raw)))
        let fraction = raw / power
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * power
    }

    /// True when `value` is a nice step (1, 2 or 5 × 10^k, or 2.5 × 10^k, allowed for quarters).
    public static func isNice(_ value: Double) -> Bool {
        guard value > 0, value.isFinite else { return value == 0 }
        let power = pow(10, floor(log10(value)))
        let mantissa = value / power
        return [1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
    }
}

/// A linear scale whose domain is widened to whole nice steps, so the axis starts and ends on a label.
public struct LinearScale: ValueScale {
    public let domain: ClosedRange<Double>
    public let range: (start: Double, end: Double)
    public let step: Double

    /// `range.start` is where `domain.lowerBound` goes (for a y axis, the bottom of the plot).
    public init(covering values: [Double], range: (start: Double, end: Double), tickCount: Int = 5, includeZero: Bool = true) {
        let finite = values.filter(\.isFinite)
        var lower = finite.min() ?? 0
        var upper = finite.max() ?? 1
        if includeZero { lower = min(lower, 0); upper = max(upper, 0) }
        if upper <= lower { upper = lower + (lower == 0 ? 1 : abs(lower)) }
        let step = NiceNumbers.step(span: upper - lower, count: tickCount)
        self.step = step
        self.domain = (floor(lower / step + 1e-9) * step)...(ceil(upper / step - 1e-9) * step)
        self.range = range
    }

    public func position(_ value: Double) -> Double? {
        let span = domain.upperBound - domain.lowerBound
        return range.start + (value - domain.lowerBound) / span * (range.end - range.start)
    }

    public var ticks: [Double] {
        let count = Int(((domain.upperBound - domain.lowerBound) / step).rounded())
        // Multiplying the step (rather than adding it up) keeps ticks exact: 0.1 × 3, not 0.1 + 0.1 + 0.1.
        return (0...count).map { cleaned(domain.lowerBound + Double($0) * step) }
    }

    public var baseline: Double { domain.lowerBound <= 0 && domain.upperBound >= 0 ? 0 : domain.lowerBound }

    private func cleaned(_ value: Double) -> Double {
        let digits = max(0, -Int(floor(log10(step))) + 1)
        let factor = pow(10, Double(digits))
        return (value * factor).rounded() / factor
    }
}

/// A base-10 logarithmic scale from a power of ten to a power of ten. For epidemic curves, where
/// what was recorded is hundreds of times smaller than what happened and both must be readable.
public struct LogScale: ValueScale {
    public let domain: ClosedRange<Double>
    public let range: (start: Double, end: Double)

    /// Covers the positive values; zeros and negatives are not shown (they break the line).
    /// `minimum` keeps a floor under the axis so one stray small value does not stretch it.
    public init(covering values: [Double], range: (start: Double, end: Double), minimum: Double = 1) {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        let lower = max(minimum, positive.min() ?? minimum)
        let upper = max(lower * 10, positive.max() ?? lower * 10)
        let lowerPower = floor(log10(lower) + 1e-9)
        var upperPower = ceil(log10(upper) - 1e-9)
        if upperPower <= lowerPower { upperPower = lowerPower + 1 }
        domain = pow(10, lowerPower)...pow(10, upperPower)
        self.range = range
    }

    public func position(_ value: Double) -> Double? {
        guard value > 0, value >= domain.lowerBound * (1 - 1e-9) else { return nil }
        let lower = log10(domain.lowerBound)
        let fraction = (log10(value) - lower) / (log10(domain.upperBound) - lower)
        return range.start + fraction * (range.end - range.start)
    }

    /// Every power of ten; with three decades or fewer, 2× and 5× as well so the axis has enough labels.
    public var ticks: [Double] {
        let lower = Int(log10(domain.lowerBound).rounded())
        let upper = Int(log10(domain.upperBound).rounded())
        let multiples: [Double] = upper - lower <= 3 ? [1, 2, 5] : [1]
        var ticks = [Double]()
        for power in lower...upper {
            for multiple in multiples {
                let value = multiple * pow(10, Double(power))
                if value <= domain.upperBound * (1 + 1e-9) { ticks.append((value * 1e6).rounded() / 1e6) }
            }
        }
        return ticks
    }

    public var baseline: Double { domain.lowerBound }
}
