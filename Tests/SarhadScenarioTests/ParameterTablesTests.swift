import Foundation
import Testing
import SarhadModel
@testable import SarhadScenario

/// docs/MODEL.md's parameter tables are generated from `ParameterCatalog`, so the documented value,
/// unit, range and source of a setting cannot drift from the code that runs.
@Suite("Parameter tables in docs/MODEL.md")
struct ParameterTablesTests {
    static var modelDocument: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs").appendingPathComponent("MODEL.md")
    }

    /// The text between the marker lines, without the blank lines that frame it.
    static func generatedBlock(of document: String) -> String? {
        let lines = document.components(separatedBy: "\n")
        guard let begin = lines.firstIndex(of: ParameterTables.beginMarker),
              let end = lines.firstIndex(of: ParameterTables.endMarker), begin < end else { return nil }
        return lines[(begin + 1)..<end].joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    @Test("docs/MODEL.md's generated block is exactly what the catalogue and the built-in scenario give")
    func modelDocumentMatchesCatalogue() throws {
        let document = try String(contentsOf: Self.modelDocument, encoding: .utf8)
        let block = try #require(Self.generatedBlock(of: document),
                                 "docs/MODEL.md §16 needs the lines \(ParameterTables.beginMarker) and \(ParameterTables.endMarker)")
        let expected = ParameterTables.markdown(for: try Scenario.builtIn()).trimmingCharacters(in: .newlines)
        let firstDifference = zip(block.components(separatedBy: "\n"), expected.components(separatedBy: "\n"))
            .first { $0 != $1 }.map { "docs: \($0)\ncode: \($1)" } ?? "(the line counts differ)"
        let matches = block == expected  // compared as a Bool so the failure shows the advice, not two whole documents
        #expect(matches, """
            docs/MODEL.md's parameter tables differ from the catalogue. Run `swift run sarhad scenario show --markdown` \
            and paste its output between the marker lines of §16. First difference:
            \(firstDifference)
            """)
    }

    @Test("every catalogue entry says what it is, in what unit or kind, and where its value comes from")
    func everyEntryIsDescribed() {
        for spec in ParameterCatalog.all {
            #expect(!ParameterTables.unitOrKind(spec).isEmpty, "\(spec.path) has neither a unit nor a kind")
            #expect(!spec.source.trimmingCharacters(in: .whitespaces).isEmpty, "\(spec.path) has no source")
            #expect(!spec.summary.trimmingCharacters(in: .whitespaces).isEmpty, "\(spec.path) has no summary")
        }
    }

    @Test("one table per section and one row per catalogue entry, in catalogue order")
    func oneRowPerEntry() throws {
        let markdown = ParameterTables.markdown(for: try Scenario.builtIn())
        let rows = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.map { $0.components(separatedBy: "`")[1] } == ParameterCatalog.all.map(\.key))
        let headings = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("### ") }
        var sections: [String] = []
        for spec in ParameterCatalog.all where sections.last != spec.section { sections.append(spec.section) }
        #expect(headings == sections.map { "### `[\($0)]`" })
    }

    @Test("the value column is the scenario's value, not a copy")
    func valueComesFromTheScenario() throws {
        var scenario = try Scenario.builtIn()
        #expect(ParameterTables.markdown(for: scenario).contains("| `test_seeking_mild` | \(ParameterTables.shown(scenario.configuration.observation.testSeekingMild)) | probability |"))
        scenario.configuration.observation.testSeekingMild = 0.237
        #expect(ParameterTables.markdown(for: scenario).contains("| `test_seeking_mild` | 0.237 | probability | 0–1 |"))
    }

    @Test("whole numbers are shown exactly, others with six significant digits at most, with digit groups from 1,000")
    func numbersAreReadable() {
        #expect(ParameterTables.shown(38_400_000) == "38,400,000")
        #expect(ParameterTables.shown(83_992_953) == "83,992,953")
        #expect(ParameterTables.shown(0.0043) == "0.0043")
        #expect(ParameterTables.shown(1.0 / 3) == "0.333333")
        #expect(ParameterTables.shown(2383.0000001) == "2,383")
        #expect(ParameterTables.shown(999) == "999")
        #expect(ParameterTables.shown(-0.5) == "-0.5")
        #expect(ParameterTables.shown(0) == "0")
    }

    @Test("per-province values are summarised: one value, one exception, or the spread and total")
    func perProvinceSummaries() {
        let names = ["Kabul", "Herat", "Balkh"]
        #expect(ParameterTables.perProvince([0.5, 0.5, 0.5], names) == "0.5 in each of 3 provinces")
        #expect(ParameterTables.perProvince([0.95, 0.78, 0.78], names) == "Kabul 0.95, the other 2 provinces 0.78")
        #expect(ParameterTables.perProvince([0.78, 0.2, 0.78], names) == "Herat 0.2, the other 2 provinces 0.78")
        #expect(ParameterTables.perProvince([10, 20, 30], names) == "3 provinces, from 10 (Kabul) to 30 (Balkh); total 60")
    }

    @Test("a vertical bar or line break in a summary or source cannot break the table")
    func cellsAreEscaped() {
        #expect(ParameterTables.cell("a | b\nc") == "a \\| b c")
        #expect(ParameterTables.cell("") == "—")
    }
}
