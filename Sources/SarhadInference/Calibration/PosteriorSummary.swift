/// Median and 90 % interval of each parameter under the posterior, with its prior.
public struct PosteriorSummary: Sendable {
    public struct Row: Sendable {
        public var parameter: FreeParameter
        public var prior: Prior
        public var median: Double
        public var lower: Double
        public var upper: Double
    }

    public let rows: [Row]
    public let particles: Int
    public let effectiveSampleSize: Double
    public let tolerance: Double

    public init(_ posterior: Posterior) {
        rows = posterior.space.parameters.indices.map { index in
            Row(parameter: posterior.space.parameters[index], prior: posterior.space.priors[index],
                median: posterior.quantile(index, 0.5), lower: posterior.quantile(index, 0.05),
                upper: posterior.quantile(index, 0.95))
        }
        particles = posterior.count
        effectiveSampleSize = posterior.effectiveSampleSize
        tolerance = posterior.tolerance
    }
}
