/// One row of `sarhad validate`: what is compared, what theory or the other engine expects, what was
/// observed, how far apart they may be and why, and the verdict.
public struct ValidationCheck: Sendable {
    public var group: String
    public var compared: String
    public var expected: Double
    public var observed: Double
    public var tolerance: Double
    /// How the tolerance was chosen (Monte-Carlo error and false-alarm rate, or exactness).
    public var toleranceBasis: String
    public var passed: Bool

    public init(group: String, compared: String, expected: Double, observed: Double, tolerance: Double,
                toleranceBasis: String, passed: Bool? = nil) {
        self.group = group
        self.compared = compared
        self.expected = expected
        self.observed = observed
        self.tolerance = tolerance
        self.toleranceBasis = toleranceBasis
        self.passed = passed ?? (abs(observed - expected) <= tolerance)
    }
}
