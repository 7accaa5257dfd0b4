import SarhadInference

/// How the report writes a figure and its interval, and how many replicates an interval rests on.
enum FigureText {
    /// Below this many replicates, the ends of a 95 % interval are themselves uncertain (they fall
    /// between the lowest and highest replicates), so the text says how many there were.
    static let fewReplicates = 20

    static func value(_ figure: RunFigures.Figure) -> String { NumberText.grouped(figure.value) }

    /// "3,160–121,620", or nil without an interval.
    static func range(_ interval: Interval?) -> String? {
        interval.map { range($0.lower, $0.upper) }
    }

    /// A dash between two counts, or "to" when either is negative ("-3,986,130 to -952,430" reads; "–-952,430" does not).
    static func range(_ lower: Double, _ upper: Double) -> String {
        let separator = lower.rounded() < 0 || upper.rounded() < 0 ? " to " : "–"
        return NumberText.grouped(lower) + separator + NumberText.grouped(upper)
    }

    /// "95 % interval 3,160–121,620 over 5 replicates (too few for firm ends)".
    static func interval(_ figure: RunFigures.Figure, replicates: Int) -> String? {
        range(figure.interval).map { "95 % interval \($0) " + replicateCount(replicates) }
    }

    /// "over 40 replicates", or for fewer than 20, "from only 5 replicates (too few for firm ends)".
    static func replicateCount(_ replicates: Int) -> String {
        replicates < fewReplicates
            ? "from only \(replicates) replicate\(replicates == 1 ? "" : "s") (fewer than \(fewReplicates): its ends are rough)"
            : "over \(replicates) replicates"
    }

    /// A table cell: "37,700 (3,160–121,620)", or the value alone for a single run.
    static func cell(_ figure: RunFigures.Figure) -> String {
        value(figure) + (range(figure.interval).map { " (\($0))" } ?? "")
    }
}
