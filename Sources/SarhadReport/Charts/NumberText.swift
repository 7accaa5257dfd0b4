/// How counts and rates are written for people: grouped digits, compact tick labels, percentages.
public enum NumberText {
    /// 1234567 → "1,234,567" (rounded to a whole number).
    public static func grouped(_ value: Double) -> String {
        let rounded = value.rounded()
        guard rounded.isFinite, abs(rounded) < 9e18 else { return "0" }
        let digits = String(Int64(abs(rounded)))
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (rounded < 0 ? "-" : "") + result
    }

    /// Tick labels: "0", "500", "2,500", "40k", "1.5M". Ticks are nice numbers, so few digits suffice.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        if magnitude >= 1_000_000_000 { return sign + FixedDecimal.text(magnitude / 1e9, decimals: 2, trimZeros: true) + "bn" }
        if magnitude >= 1_000_000 { return sign + FixedDecimal.text(magnitude / 1e6, decimals: 2, trimZeros: true) + "M" }
        if magnitude >= 10_000 { return sign + FixedDecimal.text(magnitude / 1e3, decimals: 1, trimZeros: true) + "k" }
        if magnitude >= 1 || magnitude == 0 { return sign + grouped(magnitude) }
        return sign + FixedDecimal.text(magnitude, decimals: 3, trimZeros: true)
    }

    /// Headline figures: "31.8 million", "289,300", "4,400".
    public static func headline(_ value: Double) -> String {
        abs(value) >= 1_000_000 ? FixedDecimal.text(value / 1e6, decimals: 1) + " million" : grouped(value)
    }

    /// A share as a percentage with enough digits to be non-zero when the share is: 0.00012 → "0.012 %".
    public static func percent(_ share: Double) -> String {
        let percent = share * 100
        guard percent.isFinite else { return "–" }
        let decimals = percent == 0 || abs(percent) >= 10 ? 0 : abs(percent) >= 1 ? 1 : abs(percent) >= 0.1 ? 2 : 3
        return FixedDecimal.text(percent, decimals: decimals, trimZeros: true) + " %"
    }
}
