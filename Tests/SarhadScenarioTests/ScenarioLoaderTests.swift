import Testing
import SarhadModel
@testable import SarhadScenario

@Suite("Scenario files")
struct ScenarioLoaderTests {
    func load(_ text: String) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(text: text, name: "test.toml")
    }

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("the built-in scenario has 34 provinces and the documented defaults")
    func builtIn() throws {
        let configuration = try Scenario.builtIn().configuration
        #expect(configuration.provinces.count == 34)
        #expect(configuration.population.nationalTotal == 38_400_000)
        #expect(abs(configuration.population.ageShares.reduce(0, +) - 1) < 1e-12)
        #expect(abs(configuration.population.meanHouseholdSize - 8.0) < 0.2)
        #expect(configuration.startDate.description == "2020-01-01")
        #expect(configuration.endDate.description == "2020-12-31")
        #expect(configuration.importation.arrivalPeriods.first?.arrivals == 63_534)
        #expect(configuration.importation.sourcePrevalence.prevalence(on: SimDate(iso: "2020-03-15")!) > 0.001)
        #expect(configuration.timeline.contains { $0.label == "Kabul lockdown" })
        #expect(!configuration.border.screeningEnabled && !configuration.border.quarantineEnabled)
    }

    @Test("an empty file is the built-in scenario")
    func emptyFile() throws {
        #expect(try load("") == (try Scenario.builtIn()))
    }

    @Test("scenario show writes TOML that reads back to the same scenario")
    func roundTrip() throws {
        var scenario = try Scenario.builtIn()
        scenario.configuration.disease.r0 = 3.1
        scenario.configuration.timeline.append(TimelineEvent(
            date: SimDate(iso: "2020-04-10")!, action: .prisonerRelease(count: 5000), label: "Prisoner release"))
        let text = ScenarioWriter.toml(scenario)
        let reloaded = try load(text)
        #expect(reloaded == scenario)
    }

    @Test("keys left out keep their defaults; given keys override")
    func overrides() throws {
        let scenario = try load("""
            [disease]
            r0 = 3.0
            [border]
            screening = true
            [health]
            access = { Kabul = 0.5, "Sar-e Pul" = 0.4 }
            [[timeline]]
            date = 2020-04-10
            kind = "prisoner_release"
            count = 5000
            """)
        let defaults = try Scenario.builtIn().configuration
        #expect(scenario.configuration.disease.r0 == 3.0)
        #expect(scenario.configuration.border.screeningEnabled)
        #expect(scenario.configuration.access.access[scenario.provinceIndex("Kabul")!] == 0.5)
        #expect(scenario.configuration.access.access[scenario.provinceIndex("Sar-e Pul")!] == 0.4)
        #expect(scenario.configuration.access.access[scenario.provinceIndex("Herat")!] == defaults.access.access[scenario.provinceIndex("Herat")!])
        #expect(scenario.configuration.timeline.count == defaults.timeline.count + 1)
        #expect(scenario.configuration.disease.latent == defaults.disease.latent)
    }

    @Test("a source prevalence curve replaces the back-calculation")
    func prevalenceCurve() throws {
        let scenario = try load("""
            [importation.source]
            mode = "curve"
            curve = [{ date = 2020-03-01, prevalence = 0.01 }, { date = 2020-03-11, prevalence = 0.03 }]
            """)
        let prevalence = scenario.configuration.importation.sourcePrevalence
        #expect(abs(prevalence.prevalence(on: SimDate(iso: "2020-03-06")!) - 0.02) < 1e-12)
        #expect(prevalence.prevalence(on: SimDate(iso: "2020-02-01")!) == 0)
        #expect(prevalence.prevalence(on: SimDate(iso: "2020-06-01")!) == 0.03)
    }

    @Test("an unknown key names the key, the line and what was expected")
    func unknownKey() {
        let failure = error("[disease]\nr0 = 2.0\nr_zero = 3\n")
        #expect(failure?.key == "disease.r_zero")
        #expect(failure?.line == 3)
        #expect(failure?.expected?.contains("r0") == true)
    }

    @Test("a wrong type is refused with the expected type")
    func wrongType() {
        let failure = error("[disease]\nr0 = \"high\"\n")
        #expect(failure?.key == "disease.r0")
        #expect(failure?.line == 2)
        #expect(failure?.message.contains("a string") == true)
        #expect(failure?.expected?.contains("a number") == true)
    }

    @Test("an out-of-range value is refused")
    func outOfRange() {
        let failure = error("[border]\nscreening_sensitivity = 1.5\n")
        #expect(failure?.key == "border.screening_sensitivity")
        #expect(failure?.expected?.contains("from 0 to 1") == true)
    }

    @Test("dates out of order are refused")
    func datesOutOfOrder() {
        let failure = error("[scenario]\nstart = 2020-06-01\nend = 2020-03-01\n")
        #expect(failure?.key == "scenario.end")
        #expect(failure?.line == 3)
        let timeline = error("[[timeline]]\ndate = 2020-04-01\nuntil = 2020-03-01\nkind = \"contacts\"\nlayers = [\"school\"]\nmultiplier = 0.5\n")
        #expect(timeline?.key == "timeline[0].until")
        #expect(timeline?.line == 3)
    }

    @Test("malformed TOML reports the line")
    func malformed() {
        let failure = error("[disease]\nr0 = = 2\n")
        #expect(failure?.line == 2)
        #expect(failure?.message.contains("not valid TOML") == true)
    }

    @Test("an unknown province is refused with the list of provinces")
    func unknownProvince() {
        let failure = error("[health]\naccess = { Atlantis = 0.5 }\n")
        #expect(failure?.key == "health.access.Atlantis")
        #expect(failure?.expected?.contains("Kabul") == true)
        let timeline = error("[[timeline]]\ndate = 2020-04-01\nkind = \"contacts\"\nlayers = [\"work\"]\nprovinces = [\"Atlantis\"]\nmultiplier = 0.5\n")
        #expect(timeline?.key == "timeline[0].provinces")
    }

    @Test("an unknown timeline kind lists the known ones")
    func unknownKind() {
        let failure = error("[[timeline]]\ndate = 2020-04-01\nkind = \"curfew\"\n")
        #expect(failure?.key == "timeline[0].kind")
        #expect(failure?.expected?.contains("prisoner_release") == true)
    }

    @Test("errors print as file:line: `key` message; expected …")
    func errorText() {
        let text = ScenarioError(file: "a.toml", line: 4, key: "disease.r0", message: "is a string", expected: "a number").description
        #expect(text == "a.toml:line 4: `disease.r0` is a string; expected a number")
    }
}
