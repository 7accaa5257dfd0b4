import SarhadInference

/// OUTPUT/shards/<step>.json, written by `sarhad merge` when it closes a step: the proof that the step
/// is done and, for a generation, its weighted particles, which the next step's shards start from.
package struct ClosedStep: Codable, Equatable {
    /// A generation's posterior exactly as `ABCSMC.close` made it (weights already normalised).
    package struct GenerationRecord: Codable, Equatable {
        package var attempts: Int
        package var values: [[Double]]
        package var weights: [Double]
        package var distances: [Double]
        package var tolerance: Double

        package init(_ generation: ABCSMC.Generation) {
            attempts = generation.attempts
            values = generation.posterior.values
            weights = generation.posterior.weights
            distances = generation.posterior.distances
            tolerance = generation.posterior.tolerance
        }

        package func generation(space: ParameterSpace) -> ABCSMC.Generation {
            ABCSMC.Generation(posterior: Posterior(space: space, values: values, normalizedWeights: weights, distances: distances,
                                                   tolerance: tolerance),
                              attempts: attempts)
        }
    }

    package var step: String
    package var fingerprint: String
    /// The calibrate arguments (without --shard) and where they were given, so `sarhad merge` and
    /// `sarhad slurm status` can rebuild the job before any shard of the next step exists.
    package var arguments: [String]
    package var workingDirectory: String
    package var shardCount: Int
    package var generation: GenerationRecord?
    /// Whether the fit ends with this generation (the last asked for, or a slot gave up): the
    /// posterior predictive comes next.
    package var endsFit: Bool

    package init(step: String, fingerprint: String, arguments: [String], workingDirectory: String, shardCount: Int,
                 generation: GenerationRecord?, endsFit: Bool) {
        self.step = step
        self.fingerprint = fingerprint
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.shardCount = shardCount
        self.generation = generation
        self.endsFit = endsFit
    }
}
