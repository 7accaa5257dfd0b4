/// How every CSV and JSON file writes a count that may be a quantile or a scaled value: the nearest
/// whole number, halves away from zero (so 3160.0000000000027 is 3160 and 2.5 is 3). The report rounds
/// the same way, so a table and the file behind it show the same digits.
public enum CountText {
    public static func integer(_ value: Double) -> Int64 {
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        guard rounded.isFinite, abs(rounded) < 9e18 else { return 0 }
        return Int64(rounded)
    }

    public static func text(_ value: Double) -> String { String(integer(value)) }
}
