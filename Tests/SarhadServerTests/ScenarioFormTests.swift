import Foundation
import SarhadModel
import SarhadScenario
import SarhadServer
import Testing

@Suite("Scenario form")
struct ScenarioFormTests {
    @Test("The form of the built-in scenario turns back into TOML that loads to the same scenario")
    func roundTrip() throws {
        let builtIn = try Scenario.builtIn()
        let form = ScenarioForm(scenario: builtIn)
        for spec in ParameterCatalog.all {
            #expect(form.values[spec.path]?.isEmpty == false, "\(spec.path) has no field")
        }
        #expect(form.values["disease.r0"] == "2.4")
        let (text, _) = form.toml()
        #expect(try ScenarioLoader.load(text: text, name: "form") == builtIn)
    }

    @Test("A scenario of another country keeps its country pack through the form")
    func otherCountry() throws {
        let nepal = try CountryPack.open("nepal-2020").scenario()
        let form = ScenarioForm(scenario: nepal)
        #expect(form.values[ScenarioForm.countryField] == "nepal-2020")
        let (text, fieldOfLine) = form.toml()
        #expect(try ScenarioLoader.load(text: text, name: "form") == nepal)
        let countryLine = try #require(fieldOfLine.first { $0.value == ScenarioForm.countryField }?.key)
        #expect(ScenarioForm.field(forKey: "scenario.country", line: countryLine, fieldOfLine: fieldOfLine) == ScenarioForm.countryField)
    }

    @Test("A blank field keeps the default; an edited one changes only that parameter")
    func blankAndEdited() throws {
        var form = ScenarioForm(scenario: try Scenario.builtIn())
        form.values["disease.r0"] = ""
        form.values["border.quarantine_days"] = "21"
        form.values["scenario.name"] = "Quarantine \"21\""
        let scenario = try ScenarioLoader.load(text: form.toml().text, name: "form")
        #expect(scenario.configuration.disease.r0 == 2.4)
        #expect(scenario.configuration.border.quarantineDays == 21)
        #expect(scenario.configuration.name == "Quarantine \"21\"")
    }

    @Test("A field cannot write other keys by adding a line")
    func noInjection() throws {
        var form = ScenarioForm(scenario: try Scenario.builtIn())
        form.values["disease.r0"] = "2.4\nr0 = 9"
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: form.toml().text, name: "form") }
    }

    @Test("Errors land on the field their key names, or else on the field that wrote their line")
    func errorFields() throws {
        #expect(ScenarioForm.field(forKey: "disease.r0", line: 3) == "disease.r0")
        #expect(ScenarioForm.field(forKey: "health.beds.Atlantis", line: nil) == "health.beds")
        #expect(ScenarioForm.field(forKey: "disease.symptomatic_probability[3]", line: nil) == "disease.symptomatic_probability")
        #expect(ScenarioForm.field(forKey: "importation.arrivals_per_day_after_data", line: nil) == "importation.arrivals_per_day_after_data")
        #expect(ScenarioForm.field(forKey: "importation.crossings", line: nil) == ScenarioForm.structuredField)
        #expect(ScenarioForm.field(forKey: "timeline", line: nil) == ScenarioForm.structuredField)

        var form = ScenarioForm(scenario: try Scenario.builtIn())
        form.values["mobility.distance_exponent"] = "two"
        let (text, fieldOfLine) = form.toml()
        do {
            _ = try ScenarioLoader.load(text: text, name: "form")
            Issue.record("`two` is not a number")
        } catch {
            // A TOML syntax error names no key; its line says which field it came from.
            #expect(ScenarioForm.field(forKey: error.key, line: error.line, fieldOfLine: fieldOfLine) == "mobility.distance_exponent")
        }
    }
}
