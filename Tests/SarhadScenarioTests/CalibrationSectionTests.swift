import SarhadModel
import SarhadScenario
import Testing

@Suite("Calibration section of scenario files")
struct CalibrationSectionTests {
    static let text = """
        [[calibration.parameters]]
        name = "r0"
        prior = "uniform"
        lower = 1.5
        upper = 3.5

        [[calibration.targets]]
        kind = "serosurvey"
        date = 2020-06-15
        province = "Kabul"
        positive_share = 0.17
        sample_size = 1500
        sensitivity = 0.9
        specificity = 0.99

        [[calibration.targets]]
        kind = "test_positivity"
        start = 2020-04-01
        end = 2020-04-30
        positive_share = 0.3
        tests = 6000
        """

    @Test("free parameters and targets are read, and written back to the same scenario")
    func roundTrip() throws {
        let scenario = try ScenarioLoader.load(text: Self.text, name: "calibration.toml")
        #expect(scenario.calibration == [CalibrationParameterSpec(name: "r0", prior: "uniform", lower: 1.5, upper: 3.5)])
        #expect(scenario.calibrationTargets.count == 2)
        guard case .serosurvey(_, let province, let share, _, _, _) = scenario.calibrationTargets[0] else {
            Issue.record("expected a serosurvey first")
            return
        }
        #expect(province == scenario.provinceIndex("Kabul"))
        #expect(share == 0.17)
        let again = try ScenarioLoader.load(text: ScenarioWriter.toml(scenario), name: "again.toml")
        #expect(again == scenario)
    }

    @Test("bad targets name the key and line")
    func errors() {
        let unknownKind = Self.text.replacingOccurrences(of: "kind = \"test_positivity\"", with: "kind = \"antigen\"")
        #expect { try ScenarioLoader.load(text: unknownKind, name: "bad.toml") } throws: { error in
            let description = "\(error)"
            return description.contains("calibration.targets[1].kind") && description.contains("serosurvey")
        }
        let badShare = Self.text.replacingOccurrences(of: "positive_share = 0.17", with: "positive_share = 17")
        #expect { try ScenarioLoader.load(text: badShare, name: "bad.toml") } throws: { error in
            "\(error)".contains("positive_share") && "\(error)".contains("line 11")
        }
        let unknownParameter = Self.text.replacingOccurrences(of: "name = \"r0\"", with: "name = \"beta\"")
        #expect { try ScenarioLoader.load(text: unknownParameter, name: "bad.toml") } throws: { error in
            "\(error)".contains("calibration.parameters[0].name")
        }
    }
}

import Foundation
