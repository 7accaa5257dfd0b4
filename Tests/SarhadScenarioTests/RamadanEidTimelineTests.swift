import Foundation
import Testing
@testable import SarhadModel
@testable import SarhadScenario

/// Ramadan (24 April – 23 May 2020) and Eid al-Fitr (24–26 May 2020) in the built-in timeline: dates
/// from the Islamic calendar as published before 8 April 2020, sizes a documented judgement
/// (docs/MODEL.md section 13).
@Suite("Ramadan and Eid in the default timeline")
struct RamadanEidTimelineTests {
    static func date(_ text: String) -> SimDate { SimDate(iso: text)! }

    static func contactEvents(labelled label: String, in timeline: [TimelineEvent]) -> [ContactLayer: (TimelineEvent, Double)] {
        var events = [ContactLayer: (TimelineEvent, Double)]()
        for event in timeline where event.label == label {
            guard case .contactMultiplier(let layers, let provinces, let multiplier) = event.action else { continue }
            #expect(provinces == nil, "\(label) is national")
            for layer in layers { events[layer] = (event, multiplier) }
        }
        return events
    }

    @Test("the built-in timeline has Ramadan from 24 April to 23 May and Eid from 24 to 26 May 2020, on the right layers")
    func datesAndLayers() throws {
        let timeline = try Scenario.builtIn().configuration.timeline
        let ramadan = Self.contactEvents(labelled: "Ramadan", in: timeline)
        #expect(Set(ramadan.keys) == [.household, .work, .community])
        for (event, _) in ramadan.values {
            #expect(event.date == Self.date("2020-04-24"))
            #expect(event.until == Self.date("2020-05-24"), "until is exclusive: 23 May is the last day of Ramadan")
        }
        #expect(try #require(ramadan[.work]).1 < 1, "daytime fasting: less work contact")
        #expect(try #require(ramadan[.household]).1 > 1, "iftar and suhoor at home")
        #expect(try #require(ramadan[.community]).1 > 1, "evening gatherings outweigh quieter days")

        let eid = Self.contactEvents(labelled: "Eid al-Fitr", in: timeline)
        #expect(Set(eid.keys) == [.work, .community])
        for (event, _) in eid.values {
            #expect(event.date == Self.date("2020-05-24"))
            #expect(event.until == Self.date("2020-05-27"), "three days: 24, 25 and 26 May")
        }
        let eidCommunity = try #require(eid[.community]).1, ramadanCommunity = try #require(ramadan[.community]).1
        #expect(eidCommunity > ramadanCommunity, "Eid's visits and travel home")
        #expect(try #require(eid[.work]).1 < 1, "a public holiday")
        // Nothing of either is left after Eid: contacts return to where the other events leave them.
        #expect(!timeline.contains { ["Ramadan", "Eid al-Fitr"].contains($0.label)
                && $0.isActive(on: Self.date("2020-05-27")) })
    }

    @Test("a scenario may remove them by writing the timeline without them")
    func removable() throws {
        let builtIn = try Scenario.builtIn()
        let kept = builtIn.configuration.timeline.filter {
            !["Ramadan", "Eid al-Fitr"].contains($0.label)
        }
        #expect(kept.count == builtIn.configuration.timeline.count - 5)
        var withoutFestivals = builtIn
        withoutFestivals.configuration.timeline = kept
        // As a user would: the written scenario (replace_timeline = true and the complete list) reloads without them.
        let reloaded = try ScenarioLoader.load(text: ScenarioWriter.toml(withoutFestivals), name: "no-ramadan.toml")
        #expect(reloaded.configuration.timeline == kept)
        // And a hand-written file that replaces the timeline by one event keeps just that event.
        let text = "[scenario]\nreplace_timeline = true\n\n[[timeline]]\ndate = 2020-03-14\nuntil = 2020-04-18\nkind = \"contacts\"\n"
            + "layers = [\"school\"]\nmultiplier = 0\nlabel = \"National school closure\"\n"
        let replaced = try ScenarioLoader.load(text: text, name: "replaced.toml")
        #expect(replaced.configuration.timeline.map(\.label) == ["National school closure"])
    }

    /// The effective multiplier of one event in a province of access `a` (docs/MODEL.md section 13).
    static func effective(_ multiplier: Double, access: Double) -> Double { max(0, 1 - (1 - multiplier) * access) }

    @Test("Ramadan and Eid multiply with the measures in force, and contacts return to them after Eid")
    func composes() throws {
        var scenario = try Scenario.builtIn()
        scenario.configuration.populationScale = 0.0001
        scenario.configuration.behaviour.enabled = false
        // Measured against the measures alone: Kabul's urban contact factor (MODEL.md §7b) is left out.
        scenario.configuration.urbanRural.enabled = false
        let kabul = try #require(scenario.provinceIndex("Kabul"))
        // A lockdown kept through June: Ramadan must not lift it.
        let lockdown = 0.6
        scenario.configuration.timeline.append(TimelineEvent(
            date: Self.date("2020-04-18"), until: Self.date("2020-07-01"),
            action: .contactMultiplier(layers: [.work, .community], provinces: [kabul], multiplier: lockdown), label: "Longer lockdown"))
        let timeline = scenario.configuration.timeline
        let ramadan = Self.contactEvents(labelled: "Ramadan", in: timeline)
        let eid = Self.contactEvents(labelled: "Eid al-Fitr", in: timeline)
        let simulation = Simulation(configuration: scenario.configuration, seed: 1)
        let access = scenario.configuration.access.access[kabul]
        func multiplier(_ layer: ContactLayer, on day: String) -> Double {
            simulation.applyTimeline(day: Self.date(day).days(since: scenario.configuration.startDate))
            return simulation.layerMultiplier[layer.rawValue][kabul]
        }
        let lockdownEffect = Self.effective(lockdown, access: access)
        for (day, festival) in [("2020-05-01", ramadan), ("2020-05-25", eid)] {
            for layer in [ContactLayer.work, .community] {
                let expected = lockdownEffect * Self.effective(try #require(festival[layer]).1, access: access)
                #expect(abs(multiplier(layer, on: day) - expected) < 1e-12, "\(layer) on \(day)")
            }
        }
        #expect(abs(multiplier(.household, on: "2020-05-01") - Self.effective(try #require(ramadan[.household]).1, access: access)) < 1e-12)
        for layer in [ContactLayer.work, .community] {
            #expect(abs(multiplier(layer, on: "2020-05-27") - lockdownEffect) < 1e-12, "back to the lockdown alone")
            #expect(abs(multiplier(layer, on: "2020-04-23") - lockdownEffect) < 1e-12, "as before Ramadan")
        }
        #expect(multiplier(.household, on: "2020-05-27") == 1)
    }
}
