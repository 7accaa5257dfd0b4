import Foundation

// The mutation code of the seeded fuzz tests, shared by the scenario reader's fuzzer
// (SarhadScenarioTests/ScenarioFuzzTests) and the dashboard API's (SarhadServerTests/APIFuzzTests),
// so that both damage scenario text in the same ways.

/// A deterministic generator (SplitMix64), so that the same seed gives the same inputs on every machine.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// The mutations: the kinds of damage that broke the reader before (control characters, brackets,
/// tildes, quotes, escapes), odd Unicode, extreme numbers and dates, and cut or shuffled text.
public enum FuzzMutation {
    public static let fragments = ["\u{0}", "\u{1}", "\t", "\u{B}", "\u{C}", "\r", "\n", "\u{1B}", "\u{7F}", "[", "]", "[[", "]]",
                            "{", "}", "~", "\"", "'", "\"\"\"", "'''", "\\", "=", ",", ".", "#", " = ", "[~a]", "a = [}]",
                            "\"a\\u0000\" = 1", "\\u0000", "\\U0001F600", "é", "\u{A0}", "\u{2028}", "😀", "\u{FEFF}",
                            "\u{202E}", "\u{301}", "inf", "nan", "-0.0", "1e308", "1e-320", "0x7FFFFFFFFFFFFFFF",
                            "99999999999999999999", "1_000", "0999-01-01", "2020-02-30", "T00:00:00Z", " 07:32:00"]
    public static let numbers = ["0", "1", "-1", "0.1", "0.30000000000000004", "1e-5", "1e-320", "5e-324", "2.2250738585072014e-308",
                          "1e7", "1e8", "1e10", "1e15", "1.7976931348623157e308", "123456789.123456789", "9007199254740993",
                          "inf", "-inf", "nan", "-0.0", "1_000.5", "0x10", "99999999999999999999", "\"12\""]
    public static let strings = ["\"line\\nbreak\"", "\"tab\\tand \\\"quotes\\\" and \\\\ slash\"", "\"\\u007F\\u0001\\b\\f\\r\"",
                          "\"\\u0000\"", "'literal \\ back'", "\"\"\"multi\nline\"\"\"", "\"é 😀 \\u202E\"", "\"\"",
                          "\"Kabul\"", "\"Herat\"", "\"Atlantis\""]
    public static let dates = ["0999-03-01", "0001-01-01", "0000-01-01", "0999-12-31", "2019-12-31", "2020-02-29", "2020-02-30",
                        "2020-13-01", "2021-01-01", "9999-12-31", "2020-04-01T00:00:00Z", "07:32:00", "\"2020-04-10\""]

    public static func apply(to text: String, using random: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        let position = scalars.isEmpty ? 0 : random.below(scalars.count + 1)
        switch random.below(9) {
        case 0, 1:
            scalars.insert(contentsOf: random.pick(fragments).unicodeScalars, at: position)
            return String(String.UnicodeScalarView(scalars))
        case 2:
            return String(String.UnicodeScalarView(scalars.prefix(position)))
        case 3:
            let end = min(scalars.count, position + random.below(40))
            scalars.removeSubrange(position..<end)
            return String(String.UnicodeScalarView(scalars))
        case 4:
            return replacingValue(in: text, using: &random, kinds: numbers) { $0.first.map { $0.isNumber || $0 == "-" } ?? false }
        case 5:
            return replacingValue(in: text, using: &random, kinds: strings) { $0.hasPrefix("\"") }
        case 6:
            return replacingValue(in: text, using: &random, kinds: dates) { SimDateLike.isDate($0) }
        case 7:
            var lines = text.components(separatedBy: "\n")
            guard lines.count > 1 else { return text }
            let from = random.below(lines.count), to = random.below(lines.count)
            if random.below(2) == 0 { lines.swapAt(from, to) } else { lines.insert(lines[from], at: to) }
            return lines.joined(separator: "\n")
        default:
            let extra = ["[[timeline]]\ndate = 2020-04-10\nkind = \"prisoner_release\"\ncount = \(random.pick(numbers))\n",
                         "[settings]\nprisoners = \(random.pick(numbers))\n",
                         "[population]\ntotal = \(random.pick(numbers))\n",
                         "[scenario]\nname = \(random.pick(strings))\nstart = \(random.pick(dates))\n"
                             + "population_scale = \(random.pick(numbers))\n",
                         "[[importation.crossings]]\nname = \(random.pick(strings))\nprovince = \"Herat\"\nshare = \(random.pick(numbers))\n",
                         "[[importation.arrivals]]\nstart = 2020-01-01\nend = 2020-01-31\narrivals = \(random.pick(numbers))\n",
                         "[[importation.seeds]]\ndate = \(random.pick(dates))\nprovince = \"Kabul\"\ncount = \(random.pick(numbers))\n",
                         "[[timeline]]\ndate = \(random.pick(dates))\nkind = \"contacts\"\nlayers = [\"work\"]\nmultiplier = 0.5\n"
                             + "label = \(random.pick(strings))\n"]
            return text + "\n" + random.pick(extra)
        }
    }

    /// Replaces the value of one `key = value` line whose value passes `matches`.
    public static func replacingValue(in text: String, using random: inout SplitMix64, kinds: [String],
                               matches: (String) -> Bool) -> String {
        var lines = text.components(separatedBy: "\n")
        let candidates = lines.indices.filter { index in
            guard let equals = lines[index].range(of: " = ") else { return false }
            return matches(String(lines[index][equals.upperBound...]))
        }
        guard !candidates.isEmpty else { return text }
        let index = random.pick(candidates)
        let equals = lines[index].range(of: " = ")!
        lines[index] = String(lines[index][..<equals.upperBound]) + random.pick(kinds)
        return lines.joined(separator: "\n")
    }
}

public enum SimDateLike {
    public static func isDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(10))
        return scalars.count == 10 && scalars[4] == "-" && scalars[7] == "-"
    }
}
