import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

/// The twin a day at a time, as the particle filter drives it: the same bytes as a whole run, a state
/// that another stepper can take over exactly, and a transmission factor that acts from the next day.
@Suite("Twin: stepping")
struct MeanFieldStepperTests {
    static func configuration() throws -> ModelConfiguration {
        var configuration = try Scenario.builtIn().configuration
        configuration.endDate = SimDate(iso: "2020-05-31")!
        return configuration
    }

    static func series(_ stepper: MeanFieldStepper, measures: [Measure] = Measure.allCases) -> [Double] {
        (0..<stepper.nextDay).flatMap { day in
            measures.flatMap { measure in (0..<stepper.provinceCount).map { stepper.expected(measure, day: day, province: $0) } }
        }
    }

    @Test("stepping in uneven pieces gives the whole run's expected values exactly")
    func steppingMatchesRun() throws {
        let model = MeanFieldModel(configuration: try Self.configuration())
        let whole = model.trajectory()
        let stepper = MeanFieldStepper(model: model)
        for end in [1, 8, 30, 31, 77, 200] { stepper.advance(to: end) }
        #expect(stepper.nextDay == model.configuration.dayCount)
        for day in [0, 40, 100, stepper.nextDay - 1] {
            for measure in Measure.allCases {
                for province in [0, 5, 33] {
                    #expect(stepper.expected(measure, day: day, province: province)
                            == whole.value(day: day, province: province, measure: measure))
                }
            }
        }
    }

    @Test("a stepper that adopts another's state continues with the same bytes")
    func adoptContinuesExactly() throws {
        let model = MeanFieldModel(configuration: try Self.configuration())
        let original = MeanFieldStepper(model: model), copy = MeanFieldStepper(model: model)
        original.transmissionFactor = 1.3
        original.advance(to: 60)
        copy.transmissionFactor = 0.5
        copy.advance(to: 20)  // a different past, to be overwritten entirely
        copy.adopt(original)
        #expect(copy.nextDay == 60 && copy.transmissionFactor == 1.3)
        for stepper in [original, copy] {
            stepper.transmissionFactor = 0.8
            stepper.advance(to: 120)
        }
        #expect(Self.series(original) == Self.series(copy))
    }

    @Test("the transmission factor acts from the next day: more infections when higher, none changed before")
    func factorActsForward() throws {
        let model = MeanFieldModel(configuration: try Self.configuration())
        let plain = MeanFieldStepper(model: model), raised = MeanFieldStepper(model: model)
        plain.advance(to: 70)
        raised.advance(to: 70)
        raised.transmissionFactor = 1.5
        plain.advance(to: 120)
        raised.advance(to: 120)
        let before = (0..<70).map { plain.nationalExpected(.infections, day: $0) }
        #expect(before == (0..<70).map { raised.nationalExpected(.infections, day: $0) })
        let after = (70..<120).reduce(0.0) { $0 + plain.nationalExpected(.infections, day: $1) }
        let afterRaised = (70..<120).reduce(0.0) { $0 + raised.nationalExpected(.infections, day: $1) }
        #expect(afterRaised > 1.5 * after, "\(afterRaised) vs \(after)")
    }
}
