import SarhadInference

/// OUTPUT/shards/<step>.json, written by `sarhad merge` when it closes a step: the proof that the step
/// is done and, for a generation, its weighted particles, which the next step's shards start from.
struct ClosedStep: Codable, Equatable {
    /// A generation's posterior exactly as `ABCSMC.close` made it (weights already normalised).
    struct GenerationRecord: Codable, Equatable {
        var attempts: Int
        var values: [[Double]]
        var weights: [Double]
        var distances: [Double]
        var tolerance: Double

        init(_ generation: ABCSMC.Generation) {
            attempts = generation.attempts
            values = generation.posterior.values
            weights = generation.posterior.weights
            distances = generation.posterior.distances
            tolerance = generation.posterior.tolerance
        }

        func generation(space: ParameterSpace) -> ABCSMC.Generation {
            ABCSMC.Generation(posterior: Posterior(space: space, values: values, normalizedWeights: weights, distances: distances,
                                                   tolerance: tolerance),
                              attempts: attempts)
        }
    }

    var step: String
    var fingerprint: String
    /// The calibrate arguments (without --shard) and where they were given, so `sarhad merge` and
    /// `sarhad slurm status` can rebuild the job before any shard of the next step exists.
    var arguments: [String]
    var workingDirectory: String
    var shardCount: Int
    var generation: GenerationRecord?
    /// Whether the fit ends with this generation (the last asked for, or a slot gave up): the
    /// posterior predictive comes next.
    var endsFit: Bool
}
