import SarhadModel

/// The twin run a day at a time, with a transmission factor that may change between days and a state
/// that another stepper can take over: what a particle filter needs of the twin.
///
/// A stepper is used by one thread at a time; different steppers may run on different threads at once
/// (they share only the model's constant inputs).
public final class MeanFieldStepper: @unchecked Sendable {
    public let model: MeanFieldModel
    private let run: MeanFieldRun

    public init(model: MeanFieldModel) {
        self.model = model
        run = MeanFieldRun(configuration: model.configuration, inputs: model.inputs, layout: model.layout,
                           integration: model.integration)
    }

    public var provinceCount: Int { model.inputs.provinceCount }
    /// The next day `advance` simulates (0 before the first).
    public var nextDay: Int { run.nextDay }

    /// A factor on every contact layer (1: the scenario as written), applied from the next day simulated.
    public var transmissionFactor: Double {
        get { run.transmissionFactor }
        set { run.transmissionFactor = newValue }
    }

    /// Simulates up to, not including, day `end`.
    public func advance(to end: Int) {
        run.advance(to: end)
    }

    /// Takes over `other`'s state, history included; both must step the same model.
    public func adopt(_ other: MeanFieldStepper) {
        run.adopt(other.run)
    }

    /// The expected value of a measure on a simulated day (a day before `nextDay`).
    public func expected(_ measure: Measure, day: Int, province: Int) -> Double {
        run.expectedValue(measure, day: day, province: province)
    }

    /// The national expected value, summed over provinces.
    public func nationalExpected(_ measure: Measure, day: Int) -> Double {
        var total = 0.0
        for province in 0..<provinceCount { total += run.expectedValue(measure, day: day, province: province) }
        return total
    }
}
