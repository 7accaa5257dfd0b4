import Foundation

/// Classes for a choropleth: boundaries between provinces ranked by value, so each colour holds as
/// nearly equal a number of provinces as ties allow, each boundary the roundest number that still
/// falls between its two neighbours (rounding never moves a province to another class). When the
/// values barely differ, one class: shading a 6 % spread in five colours would invent differences.
public struct ClassBreaks: Sendable, Equatable {
    /// Highest over lowest value below which provinces count as alike (one class).
    public static let alikeRatio = 1.1

    /// Ascending inner boundaries; class i holds values in [breaks[i-1], breaks[i]).
    public let breaks: [Double]
    /// True when the values were too close to split (see `alikeRatio`).
    public let alike: Bool

    public init(breaks: [Double], alike: Bool = false) {
        self.breaks = breaks
        self.alike = alike
    }

    /// Up to `count` classes of about equal numbers of values.
    public init(quantilesOf values: [Double], count: Int) {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count > 1, count > 1 else { self.init(breaks: []); return }
        guard let lowest = sorted.first, let highest = sorted.last, !Self.areAlike(lowest: lowest, highest: highest) else {
            self.init(breaks: [], alike: true)
            return
        }
        var breaks = [Double]()
        for index in 1..<count {
            // The first value of class `index` when n values are dealt into `count` classes by rank.
            let first = Int((Double(index) * Double(sorted.count) / Double(count)).rounded())
            guard first > 0, first < sorted.count, sorted[first] > sorted[first - 1] else { continue }
            let boundary = Self.separating(sorted[first - 1], sorted[first])
            if breaks.last.map({ boundary > $0 }) ?? true { breaks.append(boundary) }
        }
        self.init(breaks: breaks)
    }

    public var classCount: Int { breaks.count + 1 }

    public func classIndex(_ value: Double) -> Int {
        breaks.firstIndex { value < $0 } ?? breaks.count
    }

    /// How many of `values` fall in each class.
    public func counts(_ values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for value in values where value.isFinite { counts[classIndex(value)] += 1 }
        return counts
    }

    /// All equal, or all positive with the highest less than `alikeRatio` times the lowest.
    static func areAlike(lowest: Double, highest: Double) -> Bool {
        highest == lowest || (lowest > 0 && highest / lowest < alikeRatio)
    }

    /// The number with fewest significant figures in (low, high]: `high` rounded down to one, two, …
    /// figures until it is above `low`.
    static func separating(_ low: Double, _ high: Double) -> Double {
        guard high > low else { return high }
        guard high > 0 else { return high }
        let magnitude = floor(log10(high))
        for figures in 1...15 {
            let power = pow(10, magnitude - Double(figures) + 1)
            let candidate = (high / power).rounded(.down) * power
            if candidate > low, candidate <= high { return candidate }
        }
        return high
    }
}
