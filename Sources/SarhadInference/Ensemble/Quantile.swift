/// Sample quantiles by linear interpolation between order statistics (Hyndman & Fan 1996,
/// definition 7; R's and NumPy's default), so the numbers match what an analyst computes from the
/// per-replicate file.
public enum Quantile {
    /// The levels every ensemble reports: the median, the 50 % and the 95 % intervals.
    public static let reportedLevels: [Double] = [0.025, 0.25, 0.5, 0.75, 0.975]

    /// `sorted` must be in ascending order and not empty.
    public static func of(sorted: [Double], level: Double) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(level))
        let position = level * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    public static func of(_ values: [Double], levels: [Double]) -> [Double] {
        let sorted = values.sorted()
        return levels.map { of(sorted: sorted, level: $0) }
    }
}
