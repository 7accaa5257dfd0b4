import Foundation
import Testing
@testable import SarhadScenario
import SarhadTestSupport

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
