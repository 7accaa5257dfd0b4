import Testing
import SarhadModel
import SarhadScenario
import SarhadMeanField

/// The twin follows the laboratories: one lossless laboratory is the national pool, and a province's
/// confirmed cases come its transport delay after its positive tests.
@Suite("Twin: laboratories")
struct LaboratoryTwinTests {
    static func builtIn(until end: String) throws -> ModelConfiguration {
        var configuration = try Scenario.builtIn().configuration
        configuration.endDate = SimDate(iso: end)!
        return configuration
    }

    /// The built-in national totals (12, 80, 210 a day) as one pool, and as one laboratory in Kabul
    /// whose samples travel instantly and are never lost: the same expected values (exact).
    @Test("one lossless laboratory gives the national pool's expected values")
    func oneLaboratoryIsNationalPool() throws {
        var national = try Self.builtIn(until: "2020-04-30")
        national.laboratories = []
        national.timeline = national.timeline.map { event in
            guard case .testCapacity = event.action else { return event }
            var changed = event
            changed.action = .testCapacity(perDay: event.date == SimDate(iso: "2020-03-29")! ? 210 : (event.date == SimDate(iso: "2020-03-18")! ? 80 : 12))
            return changed
        }
        var oneLaboratory = national
        oneLaboratory.laboratories = [Laboratory(name: "CPHL Kabul", province: oneLaboratory.provinces.firstIndex { $0.name == "Kabul" }!)]
        oneLaboratory.observation.sampleTransport = .none
        oneLaboratory.timeline = national.timeline.map { event in
            guard case .testCapacity(let perDay, _) = event.action else { return event }
            var changed = event
            changed.action = .testCapacity(perDay: perDay, laboratory: "CPHL Kabul")
            return changed
        }
        #expect(!national.usesLaboratories && oneLaboratory.usesLaboratories)
        let reference = MeanFieldModel(configuration: national).trajectory()
        let viaLaboratory = MeanFieldModel(configuration: oneLaboratory).trajectory()
        #expect(reference.expected == viaLaboratory.expected)
        #expect(reference.nationalSeries(.tests).reduce(0, +) > 100)
    }

    /// In the built-in scenario Balkh has no laboratory (delay round(1 + 3 × 0.22) = 2 days) and Kabul
    /// has CPHL: Balkh's confirmed cases on day d are its positive tests of day d − 2 − 2, Kabul's of
    /// day d − 2 (the same doubles, compared within 1e-9 relative).
    @Test("a province without a laboratory has its cases confirmed its transport delay later")
    func transportDelay() throws {
        let configuration = try Self.builtIn(until: "2020-05-15")
        let trajectory = MeanFieldModel(configuration: configuration).trajectory()
        let capacity = TestingCapacity(configuration: configuration)
        let balkh = configuration.provinces.firstIndex { $0.name == "Balkh" }!
        let kabul = configuration.provinces.firstIndex { $0.name == "Kabul" }!
        let delay = configuration.observation.reportingDelayDays
        #expect(capacity.remoteDelayDays[balkh] == 2)
        for (province, transport) in [(balkh, 2), (kabul, 0)] {
            var positives = 0.0
            for day in (delay + transport)..<trajectory.dayCount {
                let confirmed = trajectory.value(day: day, province: province, measure: .confirmed)
                let tested = trajectory.value(day: day - delay - transport, province: province, measure: .positiveTests)
                #expect(abs(confirmed - tested) <= 1e-9 * max(1, tested), "province \(province), day \(day)")
                positives += tested
            }
            #expect(positives > 0.5, "province \(province) has positive tests")
        }
    }
}
