import Foundation

/// Classes for a choropleth: boundaries at rounded quantiles of the values, so each colour holds
/// about as many provinces and a skewed distribution still shows its differences.
public struct ClassBreaks: Sendable, Equatable {
    /// Ascending inner boundaries; class i holds values in [breaks[i-1], breaks[i]).
    public let breaks: [Double]

    public init(breaks: [Double]) {
        self.breaks = breaks
    }

    /// Up to `count` classes from quantiles, each boundary rounded to two significant figures.
    public init(quantilesOf values: [Double], count: Int) {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count > 1, count > 1 else { self.init(breaks: []); return }
        var breaks = [Double]()
        for index in 1..<count {
            let position = Double(index) / Double(count) * Double(sorted.count - 1)
            let low = sorted[Int(position.rounded(.down))]
            let high = sorted[min(sorted.count - 1, Int(position.rounded(.up)))]
            let boundary = Self.roundedToTwoFigures(low + (high - low) * (position - position.rounded(.down)))
            if boundary > sorted[0], boundary <= sorted[sorted.count - 1], breaks.last.map({ boundary > $0 }) ?? true {
                breaks.append(boundary)
            }
        }
        self.init(breaks: breaks)
    }

    public var classCount: Int { breaks.count + 1 }

    public func classIndex(_ value: Double) -> Int {
        breaks.firstIndex { value < $0 } ?? breaks.count
    }

    static func roundedToTwoFigures(_ value: Double) -> Double {
        guard value > 0 else { return value }
        let power = pow(10, floor(log10(value)) - 1)
        return (value / power).rounded() * power
    }
}
