import SarhadModel

/// Seeds of an ensemble's replicates, derived from the base seed and the replicate index only, so a
/// replicate is the same run whether it is computed alone, in a shard, or with any number of threads.
/// Replicate 0 runs with the base seed itself: a one-replicate ensemble is the plain run.
public enum ReplicateSeeds {
    public static func seed(base: UInt64, replicate: Int) -> UInt64 {
        guard replicate > 0 else { return base }
        return CounterRandom.mix(base ^ CounterRandom.mix(0x5245_504C_4943_4154 &+ UInt64(replicate)))
    }
}
