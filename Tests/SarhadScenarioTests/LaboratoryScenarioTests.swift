import Testing
import SarhadModel
@testable import SarhadScenario

/// Laboratories in scenario files: the built-in pair, files that name their own, old files with a
/// national `test_capacity`, the written file reading back, and errors that name key and line.
@Suite("Scenario laboratories")
struct LaboratoryScenarioTests {
    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(text: text, name: "test.toml")
            return nil
        } catch {
            return error
        }
    }

    /// National totals on each date as the built-in timeline had them before laboratories: 12, 80, 210.
    @Test("the built-in scenario has CPHL Kabul and Herat, and its national totals stay 12, 80 and 210 a day")
    func builtInLaboratories() throws {
        let configuration = try Scenario.builtIn().configuration
        #expect(configuration.laboratories.map(\.name) == ["CPHL Kabul", "Herat regional laboratory"])
        #expect(configuration.laboratories.map { configuration.provinces[$0.province].name } == ["Kabul", "Herat"])
        #expect(configuration.usesLaboratories)
        var capacity = TestingCapacity(configuration: configuration)
        var totals = [String: Double]()
        for event in configuration.timeline.sorted(by: { $0.date < $1.date }) {
            guard case .testCapacity(let perDay, let laboratory) = event.action else { continue }
            capacity.apply(perDay: perDay, laboratory: laboratory)
            totals[event.date.description] = capacity.national
        }
        #expect(totals == ["2020-02-23": 12, "2020-03-18": 80, "2020-03-29": 210])
    }

    @Test("a written scenario with laboratories reads back to the same scenario and the same bytes")
    func roundTrip() throws {
        var scenario = try Scenario.builtIn()
        scenario.configuration.laboratories.append(Laboratory(name: "Balkh \"regional\" lab", province: scenario.provinceIndex("Balkh")!))
        scenario.configuration.timeline.append(TimelineEvent(date: SimDate(iso: "2020-05-01")!,
                                                             action: .testCapacity(perDay: 45.5, laboratory: "Balkh \"regional\" lab")))
        scenario.configuration.timeline.append(TimelineEvent(date: SimDate(iso: "2020-06-01")!, action: .testCapacity(perDay: 300)))
        scenario.configuration.observation.sampleTransport = SampleTransportParameters(baseDelayDays: 0.5, extraDelayDays: 7,
                                                                                      maximumLoss: 0.35)
        let written = ScenarioWriter.toml(scenario)
        let reloaded = try ScenarioLoader.load(text: written, name: "scenario.toml")
        #expect(reloaded == scenario)
        #expect(ScenarioWriter.toml(reloaded) == written)

        var withoutLaboratories = try Scenario.builtIn()
        withoutLaboratories.configuration.laboratories = []
        withoutLaboratories.configuration.timeline = [TimelineEvent(date: SimDate(iso: "2020-03-01")!, action: .testCapacity(perDay: 90))]
        let reloadedEmpty = try ScenarioLoader.load(text: ScenarioWriter.toml(withoutLaboratories), name: "scenario.toml")
        #expect(reloadedEmpty == withoutLaboratories)
        #expect(!reloadedEmpty.configuration.usesLaboratories)
    }

    /// A file written before laboratories existed: its complete timeline has national events only, so
    /// the run uses one national pool whatever laboratories the built-in scenario lists.
    @Test("an old file with national test_capacity events and its own timeline runs one national pool")
    func oldFileRunsNationalPool() throws {
        let scenario = try ScenarioLoader.load(text: """
            [scenario]
            replace_timeline = true

            [[timeline]]
            date = 2020-02-23
            kind = "test_capacity"
            tests_per_day = 12.0
            """, name: "old.toml")
        #expect(!scenario.configuration.usesLaboratories)
        let capacity = TestingCapacity(configuration: scenario.configuration)
        #expect(capacity.queueCapacity.count == 1)
    }

    /// A national event added to the built-in timeline sets the national total, shared in proportion.
    @Test("a national test_capacity added to the built-in laboratories rescales them in proportion")
    func nationalEventRescales() throws {
        let scenario = try ScenarioLoader.load(text: """
            [[timeline]]
            date = 2020-05-01
            kind = "test_capacity"
            tests_per_day = 105
            """, name: "aid-cut.toml")
        var capacity = TestingCapacity(configuration: scenario.configuration)
        for event in scenario.configuration.timeline.sorted(by: { $0.date < $1.date }) {
            if case .testCapacity(let perDay, let laboratory) = event.action { capacity.apply(perDay: perDay, laboratory: laboratory) }
        }
        #expect(capacity.perLaboratory == [40, 65])
    }

    @Test("a test_capacity event naming an unknown laboratory names the key and its line")
    func unknownLaboratory() {
        let failure = error("""
            [[timeline]]
            date = 2020-05-01
            kind = "test_capacity"
            tests_per_day = 50
            laboratory = "Mazar lab"
            """)
        #expect(failure?.key == "timeline[0].laboratory")
        #expect(failure?.line == 5)
        #expect(failure?.expected?.contains("CPHL Kabul") == true)
    }

    @Test("a laboratory in an unknown province names the key and its line")
    func unknownProvince() {
        let failure = error("""
            [[observation.laboratories]]
            name = "CPHL Kabul"
            province = "Kabul"

            [[observation.laboratories]]
            name = "Herat regional laboratory"
            province = "Atlantis"
            """)
        #expect(failure?.key == "observation.laboratories[1].province")
        #expect(failure?.line == 7)
        #expect(failure?.message.contains("Atlantis") == true)
    }

    @Test("dropping a laboratory the built-in timeline still names is refused, naming the list")
    func droppedLaboratory() {
        let failure = error("""
            [[observation.laboratories]]
            name = "CPHL Kabul"
            province = "Kabul"
            """)
        #expect(failure?.key == "observation.laboratories")
        #expect(failure?.line == 1)
        #expect(failure?.message.contains("Herat regional laboratory") == true)
    }

    @Test("a laboratory named twice is refused")
    func repeatedName() {
        let failure = error("""
            [[observation.laboratories]]
            name = "CPHL Kabul"
            province = "Kabul"

            [[observation.laboratories]]
            name = "CPHL Kabul"
            province = "Herat"
            """)
        #expect(failure?.key == "observation.laboratories[1].name")
        #expect(failure?.line == 6)
    }
}
