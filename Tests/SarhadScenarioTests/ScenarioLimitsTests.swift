import Foundation
import Testing
import SarhadModel
@testable import SarhadScenario

/// Input the engine cannot honour used to be accepted and quietly shrunk (28 of 1e8 prisoners
/// released, 17,465 of 1e10 arrivals placed). Each is now refused, naming the key and its line.
@Suite("Scenario limits")
struct ScenarioLimitsTests {
    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(text: text, name: "limits.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test("ten million prisoners among 1,000 residents")
    func prisoners() throws {
        let failure = try #require(error("[population]\ntotal = 1000\n[settings]\nprisoners = 1e7\n"))
        #expect(failure.key == "settings.prisoners")
        #expect(failure.line == 4)
        #expect(failure.expected?.contains("aged 20–59") == true)
        // A tenth of the adults is allowed; the default 30,000 of 38.4 million is far inside.
        #expect(error("[settings]\nprisoners = 1000000\n") == nil)
    }

    @Test("crossing shares that sum to 1.8")
    func crossingShares() throws {
        let text = """
            [[importation.crossings]]
            name = "Islam Qala"
            province = "Herat"
            share = 0.9

            [[importation.crossings]]
            name = "Milak"
            province = "Nimroz"
            share = 0.9
            """
        let failure = try #require(error(text))
        #expect(failure.key == "importation.crossings")
        #expect(failure.line == 1)
        #expect(failure.message.contains("1.8"))
        #expect(error(text.replacingOccurrences(of: "share = 0.9\n", with: "share = 0.1\n")) == nil)
    }

    @Test("ten billion arrivals in a month")
    func arrivals() throws {
        let text = "[[importation.arrivals]]\nstart = 2020-03-01\nend = 2020-03-31\narrivals = 1e10\n"
        let failure = try #require(error(text))
        #expect(failure.key == "importation.arrivals[0].arrivals")
        #expect(failure.line == 4)
        #expect(failure.message.contains("aged 15–44"))
        #expect(error(text.replacingOccurrences(of: "1e10", with: "60000")) == nil)
        // Arrivals outside the run do not count.
        #expect(error(text.replacingOccurrences(of: "2020-03", with: "2023-03")) == nil)
        let after = try #require(error("[importation]\narrivals_per_day_after_data = 1e6\n"))
        #expect(after.key == "importation.arrivals_per_day_after_data")
        #expect(after.line == 2)
    }

    @Test("a destination weight that sends every returnee to one small province")
    func destinationConcentration() throws {
        let text = "[population]\ntotal = 100000\n[settings]\nprisoners = 100\nidp_settlement_residents = 1000\n"
        let failure = try #require(error(text))
        #expect(failure.key?.hasPrefix("importation.arrivals") == true)
        #expect(failure.message.contains("population.total 100,000"))
    }

    @Test("releasing a hundred million prisoners of 30,000")
    func prisonerRelease() throws {
        let release = { (count: String) in "[[timeline]]\ndate = 2020-04-10\nkind = \"prisoner_release\"\ncount = \(count)\n" }
        let failure = try #require(error(release("1e8")))
        #expect(failure.key == "timeline[0].count")
        #expect(failure.line == 4)
        #expect(failure.message.contains("30,000"))
        // Releases add up: two of 20,000 exceed 30,000, and the second is named.
        let twice = try #require(error(release("20000") + "\n" + release("20000")))
        #expect(twice.key == "timeline[1].count")
        #expect(twice.line == 9)
        #expect(error(release("30000")) == nil)
    }

    @Test("population.total above 1.5 billion")
    func populationTotal() throws {
        let failure = try #require(error("[population]\ntotal = 2e9\n"))
        #expect(failure.key == "population.total")
        #expect(failure.line == 2)
        #expect(failure.expected?.contains("1500000000") == true)
    }

    @Test("seeded infections beyond the residents of their province")
    func seeds() throws {
        let seed = { (count: String) in "[[importation.seeds]]\ndate = 2020-03-01\nprovince = \"Nimroz\"\ncount = \(count)\n" }
        let failure = try #require(error(seed("1e9")))
        #expect(failure.key == "importation.seeds[0].count")
        #expect(failure.line == 4)
        #expect(error(seed("1000")) == nil)
    }

    @Test("an end date past the documented 3,660 days")
    func endDate() throws {
        let failure = try #require(error("[scenario]\nend = 9999-12-31\n"))
        #expect(failure.key == "scenario.end")
        #expect(failure.line == 2)
        #expect(failure.expected?.contains("3,660") == true)
        // 3,660 days from 2020-01-01 (with fewer arrivals than the built-in flow, which ten years would exhaust).
        let fewerArrivals = "[importation]\narrivals_per_day_after_data = 100\n"
        #expect(error("[scenario]\nend = 2030-01-07\n" + fewerArrivals) == nil)
        #expect(error("[scenario]\nend = 2030-01-08\n" + fewerArrivals)?.key == "scenario.end")
    }

    @Test("a population scale that simulates fewer than 1,000 agents")
    func tinyScale() throws {
        let failure = try #require(error("[scenario]\npopulation_scale = 0.00001\n"))
        #expect(failure.key == "scenario.population_scale")
        #expect(failure.line == 2)
        #expect(failure.message.contains("384 agents"))
        #expect(error("[scenario]\npopulation_scale = 0.0001\n") == nil)
    }

    @Test("settlement residents beyond a province's residents")
    func settlements() throws {
        let failure = try #require(error("[settings]\nidp_settlement_residents = 50000000\n"))
        #expect(failure.key == "settings.idp_settlement_residents")
        #expect(failure.line == 2)
    }

    @Test("callers that change a loaded scenario check the same limits")
    func publicCheck() throws {
        var scenario = try Scenario.builtIn()
        try ScenarioLimits.check(scenario)
        scenario.configuration.endDate = SimDate(iso: "9999-12-31")!
        #expect(throws: ScenarioError.self) { try ScenarioLimits.check(scenario) }
        scenario = try Scenario.builtIn()
        scenario.configuration.populationScale = 0.00001
        do {
            try ScenarioLimits.check(scenario)
            Issue.record("accepted")
        } catch {
            #expect(error.key == "scenario.population_scale")
        }
        scenario = try Scenario.builtIn()
        scenario.configuration.timeline.append(TimelineEvent(date: SimDate(iso: "2020-04-10")!, action: .prisonerRelease(count: 100_000_000)))
        do {
            try ScenarioLimits.check(scenario)
            Issue.record("accepted")
        } catch {
            #expect(error.key == "timeline[\(scenario.configuration.timeline.count - 1)].count")
        }
    }
}
