import Foundation
import Testing
@testable import SarhadScenario

/// A seeded fuzz test of the scenario reader: mutated copies of the built-in scenario's TOML and of
/// examples/*.toml. Every input must load or be refused with a `ScenarioError`; a crash ends the test
/// process and so fails the run. Every accepted input must also write back to TOML that reloads to
/// the same scenario, and that second writing must give the same bytes.
///
/// The bounded run (`fuzzInputs` inputs, seed 19) is part of the normal suite. For a longer run, set
/// SARHAD_FUZZ_SECONDS (and optionally SARHAD_FUZZ_SEED for another stream):
///
///     SARHAD_FUZZ_SECONDS=3600 swift test --filter ScenarioFuzzTests
///
/// The time only decides how many inputs are tried; what passes or fails never depends on it.
@Suite("Scenario fuzzing")
struct ScenarioFuzzTests {
    static let fuzzInputs = 1_000

    @Test("mutated scenario files load or give a ScenarioError, and accepted ones round-trip")
    func fuzz() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["SARHAD_FUZZ_SECONDS"].flatMap(Double.init)
        var generator = SplitMix64(seed: environment["SARHAD_FUZZ_SEED"].flatMap(UInt64.init) ?? 19)
        let corpus = try Self.corpus()
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var tried = 0, accepted = 0
        while deadline.map({ Date() < $0 }) ?? (tried < Self.fuzzInputs) {
            var text = corpus[generator.below(corpus.count)]
            for _ in 0...generator.below(4) { text = FuzzMutation.apply(to: text, using: &generator) }
            tried += 1
            if try check(text, input: tried) { accepted += 1 }
        }
        // Both outcomes must be exercised, or the test proves nothing about one of them.
        print("scenario fuzzing: \(tried) inputs, \(accepted) accepted")
        #expect(accepted > 0, "no mutated input was accepted")
        #expect(accepted < tried, "every mutated input was accepted")
    }

    @Test("the known crashing inputs, inside otherwise valid scenarios")
    func knownCrashes() throws {
        for text in ["\"a\\u0000\" = 1\n", "[~a]\n", "[scenario]\nname = \"x\"\n[[~timeline]]\n", "[disease]\nr0 = [}]\n"] {
            #expect(try check(text, input: 0) == false)
        }
    }

    /// True if accepted (and then round-tripped); false if refused with a ScenarioError.
    func check(_ text: String, input: Int) throws -> Bool {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(text: text, name: "fuzz.toml")
        } catch {
            #expect(!error.message.isEmpty, "input \(input): an error without a message")
            return false
        }
        let written = ScenarioWriter.toml(scenario)
        let reloaded: Scenario
        do {
            reloaded = try ScenarioLoader.load(text: written, name: "written.toml")
        } catch {
            Issue.record("input \(input): the written scenario does not reload: \(error)\n--- input ---\n\(text)")
            return true
        }
        #expect(reloaded == scenario, "input \(input): the written scenario reloads differently\n--- input ---\n\(text)")
        #expect(ScenarioWriter.toml(reloaded) == written, "input \(input): writing again changes the bytes")
        return true
    }

    /// The built-in scenario as written, and every example file.
    static func corpus() throws -> [String] {
        let examples = ExamplesTests.examplesDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".toml") }.sorted()
        return [ScenarioWriter.toml(try Scenario.builtIn())]
            + (try files.map { try String(contentsOf: examples.appendingPathComponent($0), encoding: .utf8) })
    }
}

/// A deterministic generator (SplitMix64), so that the same seed gives the same inputs on every machine.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// The mutations: the kinds of damage that broke the reader before (control characters, brackets,
/// tildes, quotes, escapes), odd Unicode, extreme numbers and dates, and cut or shuffled text.
enum FuzzMutation {
    static let fragments = ["\u{0}", "\u{1}", "\t", "\u{B}", "\u{C}", "\r", "\n", "\u{1B}", "\u{7F}", "[", "]", "[[", "]]",
                            "{", "}", "~", "\"", "'", "\"\"\"", "'''", "\\", "=", ",", ".", "#", " = ", "[~a]", "a = [}]",
                            "\"a\\u0000\" = 1", "\\u0000", "\\U0001F600", "é", "\u{A0}", "\u{2028}", "😀", "\u{FEFF}",
                            "\u{202E}", "\u{301}", "inf", "nan", "-0.0", "1e308", "1e-320", "0x7FFFFFFFFFFFFFFF",
                            "99999999999999999999", "1_000", "0999-01-01", "2020-02-30", "T00:00:00Z", " 07:32:00"]
    static let numbers = ["0", "1", "-1", "0.1", "0.30000000000000004", "1e-5", "1e-320", "5e-324", "2.2250738585072014e-308",
                          "1e7", "1e8", "1e10", "1e15", "1.7976931348623157e308", "123456789.123456789", "9007199254740993",
                          "inf", "-inf", "nan", "-0.0", "1_000.5", "0x10", "99999999999999999999", "\"12\""]
    static let strings = ["\"line\\nbreak\"", "\"tab\\tand \\\"quotes\\\" and \\\\ slash\"", "\"\\u007F\\u0001\\b\\f\\r\"",
                          "\"\\u0000\"", "'literal \\ back'", "\"\"\"multi\nline\"\"\"", "\"é 😀 \\u202E\"", "\"\"",
                          "\"Kabul\"", "\"Herat\"", "\"Atlantis\""]
    static let dates = ["0999-03-01", "0001-01-01", "0000-01-01", "0999-12-31", "2019-12-31", "2020-02-29", "2020-02-30",
                        "2020-13-01", "2021-01-01", "9999-12-31", "2020-04-01T00:00:00Z", "07:32:00", "\"2020-04-10\""]

    static func apply(to text: String, using random: inout SplitMix64) -> String {
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
    static func replacingValue(in text: String, using random: inout SplitMix64, kinds: [String],
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

enum SimDateLike {
    static func isDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(10))
        return scalars.count == 10 && scalars[4] == "-" && scalars[7] == "-"
    }
}
