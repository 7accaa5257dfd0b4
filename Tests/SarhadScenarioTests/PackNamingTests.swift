import SarhadModel
import SarhadScenario
import Testing

/// `ScenarioLoader.namingPack`: a text that names no pack gets the one it was read over, so that it
/// reads the same wherever it goes; everything else it says is untouched.
@Suite("Naming a text's pack")
struct PackNamingTests {
    static func country(_ text: String) throws -> String? {
        let source = try TOMLSource(text: text, name: "named")
        guard case .string(let name)? = source.entry("scenario", "country") else { return nil }
        return name
    }

    @Test("a text without [scenario] gets one at its end, so its own lines keep their numbers")
    func appended() throws {
        let text = "[disease]\nr0 = 2.0\n"
        let named = ScenarioLoader.namingPack(text, reference: "nepal-2020")
        #expect(named.hasPrefix(text))
        #expect(try Self.country(named) == "nepal-2020")
        #expect(try ScenarioLoader.load(text: named, name: "named").pack.reference == "nepal-2020")
        #expect(try ScenarioLoader.load(text: named, name: "named").configuration.disease.r0 == 2.0)
    }

    @Test("a [scenario] table gets the line under its header; its other keys stay")
    func inserted() throws {
        let text = "# mine\n[scenario]\nname = \"Spring\"\n\n[disease]\nr0 = 1.9\n"
        let named = ScenarioLoader.namingPack(text, reference: "nepal-2020")
        let lines = named.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "[scenario]" && lines[2].hasPrefix("country = \"nepal-2020\""))
        let scenario = try ScenarioLoader.load(text: named, name: "named")
        #expect(scenario.pack.reference == "nepal-2020" && scenario.configuration.name == "Spring")
    }

    @Test("a text that names its pack, writes [scenario] another way, or does not parse comes back as it was")
    func unchanged() {
        for text in ["[scenario]\ncountry = \"afghanistan-2020\"\n", "scenario.name = \"Dotted\"\n", "scenario = { name = \"Inline\" }\n",
                     "[disease\nr0 = 2\n"] {
            #expect(ScenarioLoader.namingPack(text, reference: "nepal-2020") == text, "\(text)")
        }
    }
}
