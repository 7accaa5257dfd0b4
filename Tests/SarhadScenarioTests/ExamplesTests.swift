import Foundation
import SarhadScenario
import Testing

/// The scenario files in examples/ are documentation that must keep working.
@Suite("Example scenarios")
struct ExamplesTests {
    static var examplesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples")
    }

    @Test("every example loads and writes back to the same scenario")
    func examplesLoad() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examplesDirectory.path).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 3)
        for file in files {
            let text = try String(contentsOf: Self.examplesDirectory.appendingPathComponent(file), encoding: .utf8)
            let scenario = try ScenarioLoader.load(text: text, name: file)
            #expect(try ScenarioLoader.load(text: ScenarioWriter.toml(scenario), name: file) == scenario, "\(file)")
        }
    }
}
