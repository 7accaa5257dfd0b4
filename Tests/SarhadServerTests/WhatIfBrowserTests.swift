import Foundation
import SarhadTestSupport
import Testing

/// The what-if page in headless Chromium, on real time (DevTools over a pipe: `ChromiumPage`): a lever is
/// moved as a reader moves it (the input event the form listens to), the curves and figures are checked to
/// change as the twin says they should, and the page's own `performance.now()` timing of 20 changes, from
/// the change to the frame that shows the new curves, is printed as a figure (docs/PERFORMANCE.md), not
/// checked against a bound.
@Suite("The what-if page in a browser")
struct WhatIfBrowserTests {
    /// A key figure as the page shows it ("1,234" → 1234).
    static func figure(_ name: String) -> String {
        "(function () { var d = document.querySelector('[data-figure=\"\(name)\"]'); "
            + "return d ? Number(d.textContent.replace(/,/g, '')) : null; })()"
    }
    static let redraws = "document.getElementById('what-if-status').dataset.redraws || null"

    /// Sets a lever and fires the event a person's change fires; returns when the page has redrawn.
    static func move(_ page: ChromiumPage, _ lever: String, to value: String) throws {
        let before = Int(try page.evaluate(redraws) as? String ?? "0") ?? 0
        _ = try page.evaluate("""
            (function () { var f = document.querySelector('[name="\(lever)"]');
              if (f.type === 'checkbox') { f.checked = \(value == "on"); } else { f.value = '\(value)'; }
              f.dispatchEvent(new Event('input', {bubbles: true})); return true; })()
            """)
        _ = try page.waitFor("(Number(\(redraws)) > \(before)) || null", timeout: 120)
    }

    @Test("moving R0, closing the border or halving contacts from a date redraws the curves and figures as the twin says; the median redraw of 20 changes")
    func leverRedraws() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-what-if-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await TestServer.with { server in
            let levers = try await ChromiumPage.with(server.url("/what-if?end=2020-03-31&r0=3.0"), in: work) { page in
                _ = try page.waitFor(Self.redraws, timeout: 120)
                let high = try page.evaluate(Self.figure("True infections")) as? Double
                let drawn = try page.evaluate("document.querySelectorAll('[data-series]').length") as? Int
                let caption = try page.evaluate("document.querySelector('#shortfall caption').textContent") as? String
                let plannedBefore = try page.evaluate("document.querySelectorAll('[data-planned]').length") as? Int
                try Self.move(page, "r0", to: "1.4")
                let low = try page.evaluate(Self.figure("True infections")) as? Double
                // Against the plan: grey curves under the new ones, and the change beside each figure.
                let plannedAfter = try page.evaluate("document.querySelectorAll('[data-planned]').length") as? Int
                let delta = try page.evaluate("document.querySelector('[data-delta=\"True infections\"]').textContent") as? String
                let againstPlan: Double? = plannedBefore == 0 && plannedAfter == 8 && delta?.hasPrefix("−") == true
                    && delta?.hasSuffix("% against as planned") == true ? 1 : 0
                try Self.move(page, "r0", to: "3.0")
                try Self.move(page, "open", to: "off")
                let closed = try page.evaluate(Self.figure("True infections")) as? Double
                // A dated measure: contacts at work and in the community halved from 1 February.
                try Self.move(page, "open", to: "on")
                _ = try page.evaluate("document.querySelector('[name=\"contacts_from\"]').value = '2020-02-01'")
                try Self.move(page, "contacts", to: "0.5")
                let distanced = try page.evaluate(Self.figure("True infections")) as? Double
                let table: Double? = caption?.hasPrefix("Where beds run out") == true ? 1 : 0
                return [high, low, closed, drawn.map(Double.init), distanced, table, againstPlan]
            }
            let high = try #require(levers[0]), low = try #require(levers[1]), closed = try #require(levers[2])
            #expect(low < 0.8 * high, "R0 1.4: \(low), R0 3.0: \(high)")
            // Screening and quarantine at the border can only lower what comes in.
            #expect(closed <= high, "border closed: \(closed), open: \(high)")
            #expect(levers[3] == 8, "eight curves: true and recorded infections and deaths, beds and intensive care needed and there are")
            #expect(levers[5] == 1, "the table of provinces whose beds run out is drawn")
            #expect(levers[6] == 1, "once R0 moved, the plan's eight curves are drawn in grey and the figures say the change against it")
            let distanced = try #require(levers[4])
            #expect(distanced < 0.8 * high, "work and community contacts halved: \(distanced), as planned: \(high)")

            // The figure the issue asks for: the median of 20 changes of R0, here over January to June (the
            // whole year doubles this test's time in CI's debug build; docs/PERFORMANCE.md has the year, release).
            let timing = try await ChromiumPage.with(server.url("/what-if?end=2020-06-30&repeat=20"), in: work) { page in
                let median = try page.waitFor("document.getElementById('what-if-status').dataset.medianMs || null", timeout: 600) as? String
                let changes = try page.evaluate("document.getElementById('what-if-status').dataset.changes") as? String
                return [median, changes]
            }
            #expect(timing[1] == "20")
            let median = try #require(timing[0].flatMap(Double.init))
            print("what-if redraw, the built-in scenario to 30 June, median of 20 changes of R0 (debug build, under test load): \(median) ms")
        }
    }

    /// Sets a field's value without an event, as choosing in a select or a date the reader then follows with a lever.
    static func set(_ page: ChromiumPage, _ name: String, to value: String) throws {
        _ = try page.evaluate("document.querySelector('[name=\"\(name)\"]').value = '\(value)'")
    }

    @Test("measures for one province or one laboratory, a dated border closure and protective equipment move the curves as the twin says, and only where they apply")
    func scopedLevers() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-what-if-scoped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await TestServer.with { server in
            let figures = try await ChromiumPage.with(server.url("/what-if?end=2020-04-30"), in: work) { page in
                _ = try page.waitFor(Self.redraws, timeout: 120)
                var seen = [String: Double]()
                func read(_ name: String, as key: String) throws { seen[key] = try page.evaluate(Self.figure(name)) as? Double ?? .nan }
                try read("Health workers infected", as: "workers")
                try read("Beds", as: "beds")
                try Self.move(page, "ppe", to: "0.9")
                try read("Health workers infected", as: "protected")
                // Twice the beds in Herat alone from 1 April.
                try Self.set(page, "care_province", to: "Herat")
                try Self.move(page, "beds", to: "2")
                try read("Beds", as: "moreBeds")
                for province in ["Herat", "Kabul"] {
                    try Self.move(page, "region", to: province)
                    try read("Beds", as: "\(province) beds")
                    try read("Recorded cases", as: "\(province) cases")
                    try read("True infections", as: "\(province) infections")
                }
                // Herat's laboratory down to 10 tests a day from 1 April (Kabul shown, then Herat).
                try Self.set(page, "tests_lab", to: "Herat regional laboratory")
                try Self.move(page, "tests", to: "10")
                try read("Recorded cases", as: "Kabul cases, Herat's laboratory cut")
                try Self.move(page, "region", to: "Herat")
                try read("Recorded cases", as: "Herat cases, Herat's laboratory cut")
                // Work and community contacts in Herat alone cut to 0.3 from 1 February (Herat shown, then Kabul).
                try Self.set(page, "contacts_province", to: "Herat")
                try Self.set(page, "contacts_from", to: "2020-02-01")
                try Self.move(page, "contacts", to: "0.3")
                try read("True infections", as: "Herat infections, Herat distanced")
                try Self.move(page, "region", to: "Kabul")
                try read("True infections", as: "Kabul infections, Herat distanced")
                try Self.move(page, "region", to: "")
                try read("True infections", as: "open")
                // The border closed from 1 February; a reopening before the closure is refused on the page.
                try Self.set(page, "closure_from", to: "2020-02-01")
                try Self.move(page, "closure", to: "on")
                try read("True infections", as: "closed")
                _ = try page.evaluate("""
                    (function () { var f = document.querySelector('[name="closure_until"]'); f.value = '2020-01-15';
                      f.dispatchEvent(new Event('input', {bubbles: true})); return true; })()
                    """)
                let refusal = try page.waitFor("document.getElementById('what-if-status').dataset.problem || null", timeout: 30) as? String
                seen["refused"] = refusal?.contains("cannot reopen") == true ? 1 : 0
                return seen
            }
            func value(_ key: String) throws -> Double { try #require(figures[key], "\(key) was not read") }
            #expect(try value("workers") > 0 && value("protected") < 0.5 * value("workers"), "protective equipment stopping 90 %: \(figures)")
            #expect(try abs(value("moreBeds") - value("beds") - value("Herat beds") / 2) <= 1, "the nation gains Herat's beds once more: \(figures)")
            #expect(try value("Herat cases, Herat's laboratory cut") < 0.8 * value("Herat cases"), "\(figures)")
            #expect(try abs(value("Kabul cases, Herat's laboratory cut") - value("Kabul cases")) <= 0.02 * value("Kabul cases"),
                    "Kabul's laboratory is not Herat's: \(figures)")
            #expect(try value("Herat infections, Herat distanced") < 0.8 * value("Herat infections"), "\(figures)")
            #expect(try abs(value("Kabul infections, Herat distanced") - value("Kabul infections")) <= 0.03 * value("Kabul infections"),
                    "Herat's measure is not Kabul's: \(figures)")
            #expect(try value("closed") < 0.5 * value("open"), "the border closed from 1 February: \(figures)")
            #expect(figures["refused"] == 1, "a reopening before the closure is said, not sent")
        }
    }

    @Test("screening and quarantine from a date: later than from the start, sooner than never")
    func datedBorderMeasures() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-what-if-dated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await TestServer.with { server in
            let infections = try await ChromiumPage.with(server.url("/what-if?end=2020-04-30&screening=off&quarantine=off"), in: work) { page in
                _ = try page.waitFor(Self.redraws, timeout: 120)
                func read() throws -> Double { try page.evaluate(Self.figure("True infections")) as? Double ?? .nan }
                let never = try read()
                try Self.set(page, "sensitivity", to: "0.9")
                try Self.set(page, "screening_from", to: "2020-03-15")
                try Self.move(page, "screening", to: "on")
                let screenedLater = try read()
                try Self.set(page, "days", to: "14")
                try Self.set(page, "adherence", to: "0.9")
                try Self.set(page, "quarantine_from", to: "2020-03-15")
                try Self.move(page, "quarantine", to: "on")
                let quarantinedLater = try read()
                try Self.set(page, "quarantine_from", to: "")
                try Self.set(page, "screening_from", to: "")
                try Self.move(page, "quarantine", to: "on")
                let fromTheStart = try read()
                return [never, screenedLater, quarantinedLater, fromTheStart]
            }
            #expect(infections[1] < infections[0], "screening from 15 March: \(infections)")
            #expect(infections[2] < infections[1], "and quarantine from 15 March: \(infections)")
            #expect(infections[3] < infections[2], "both from the start: \(infections)")
        }
    }

    @Test("Confirm with agents queues an ensemble of the levers shown and draws its median and band over the twin's curves")
    func confirmWithAgents() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-confirm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await TestServer.with { server in
            let drawn = try await ChromiumPage.with(server.url("/what-if?end=2020-02-20&r0=2.8"), in: work) { page in
                _ = try page.waitFor(Self.redraws, timeout: 120)
                _ = try page.evaluate("""
                    (function () { var f = document.getElementById('confirm-form');
                      f.elements.replicates.value = '2'; f.elements.scale.value = '0.001';
                      document.getElementById('confirm').click(); return true; })()
                    """)
                let replicates = try page.waitFor("document.getElementById('confirm-status').dataset.replicates || null", timeout: 300)
                let bands = try page.evaluate("document.querySelectorAll('[data-band]').length") as? Int
                let medians = try page.evaluate("document.querySelectorAll('[data-agent-median]').length") as? Int
                try Self.move(page, "r0", to: "1.5")
                let cleared = try page.evaluate("document.querySelectorAll('[data-band]').length") as? Int
                return [replicates as? String, bands.map(String.init), medians.map(String.init), cleared.map(String.init)]
            }
            #expect(drawn[0] == "2")
            #expect(drawn[1] == "6" && drawn[2] == "6", "a band and a median under each of the six curves the agents count: \(drawn)")
            #expect(drawn[3] == "0", "moving a lever clears the agents' bands: \(drawn)")
            let runs = try await server.get("/api/v1/runs").jsonArray()
            let run = try #require(runs.first)
            #expect(run["replicates"] as? Int == 2 && run["status"] as? String == "succeeded", "\(run)")
            let toml = try await server.get("/api/v1/runs/\(run["id"] as? Int ?? 0)/files/scenario.toml").text
            #expect(toml.contains("r0 = 2.8"), "the run has the levers' values")
        }
    }
}
