/// A point estimate with an interval, as the planner reads it: "12,400 (8,100 – 19,000)".
public struct Interval: Sendable, Equatable {
    public var median: Double
    public var lower: Double
    public var upper: Double
    /// Coverage of [lower, upper], e.g. 0.95.
    public var coverage: Double

    public init(median: Double, lower: Double, upper: Double, coverage: Double) {
        self.median = median
        self.lower = lower
        self.upper = upper
        self.coverage = coverage
    }

    /// The median and central interval of a sample.
    public init(sample: [Double], coverage: Double = 0.95) {
        let tail = (1 - coverage) / 2
        let q = Quantile.of(sample, levels: [tail, 0.5, 1 - tail])
        self.init(median: q[1], lower: q[0], upper: q[2], coverage: coverage)
    }
}
