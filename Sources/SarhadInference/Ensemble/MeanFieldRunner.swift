import SarhadMeanField
import SarhadModel

/// The twin behind the `Engine` switch.
enum MeanFieldRunner {
    static func run(_ configuration: ModelConfiguration) -> SimulationResult {
        MeanFieldModel(configuration: configuration).run()
    }
}
