import SarhadModel

/// Weighted particles: the ABC approximation of the posterior.
public struct Posterior: Sendable, Equatable {
    public var space: ParameterSpace
    /// `values[particle][parameter]`.
    public var values: [[Double]]
    /// Normalised to sum to 1.
    public var weights: [Double]
    public var distances: [Double]
    public var tolerance: Double

    public init(space: ParameterSpace, values: [[Double]], weights: [Double], distances: [Double], tolerance: Double) {
        let total = weights.reduce(0, +)
        self.space = space
        self.values = values
        self.weights = total > 0 ? weights.map { $0 / total } : weights
        self.distances = distances
        self.tolerance = tolerance
    }

    /// Weights taken as they are, for a posterior read back from a file: they were normalised when it
    /// was made, and dividing again by a sum that rounds to 1 ± ε would change their last bits.
    public init(space: ParameterSpace, values: [[Double]], normalizedWeights: [Double], distances: [Double], tolerance: Double) {
        self.space = space
        self.values = values
        self.weights = normalizedWeights
        self.distances = distances
        self.tolerance = tolerance
    }

    public var count: Int { values.count }

    /// Kish's effective sample size.
    public var effectiveSampleSize: Double { 1 / weights.reduce(0) { $0 + $1 * $1 } }

    /// Weighted quantile of one parameter (inverse of the weighted empirical distribution, with
    /// linear interpolation between midpoints of the weight steps).
    public func quantile(_ parameter: Int, _ level: Double) -> Double {
        let order = values.indices.sorted { values[$0][parameter] < values[$1][parameter] }
        var cumulative = 0.0
        var points = [(Double, Double)]()
        for index in order {
            points.append((cumulative + weights[index] / 2, values[index][parameter]))
            cumulative += weights[index]
        }
        guard let first = points.first, let last = points.last else { return .nan }
        if level <= first.0 { return first.1 }
        if level >= last.0 { return last.1 }
        for k in 1..<points.count where points[k].0 >= level {
            let (p0, v0) = points[k - 1], (p1, v1) = points[k]
            return p1 > p0 ? v0 + (level - p0) / (p1 - p0) * (v1 - v0) : v1
        }
        return last.1
    }

    /// A particle index drawn by weight.
    public func draw(_ random: inout CounterRandom) -> Int {
        let u = random.uniform()
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if u < cumulative { return index }
        }
        return weights.count - 1
    }
}
