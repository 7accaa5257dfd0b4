/// One shardable step of a calibration: an ABC-SMC generation (its particle slots are the items) or
/// the posterior predictive (its replicates are). A calibration is generations 0, 1, … until the fit
/// ends, then the predictive; each step's shards need the step before it closed by `sarhad merge`.
package enum CalibrationStep: Equatable, CustomStringConvertible {
    case generation(Int)
    case predictive

    /// The folder of its shards under OUTPUT/shards/, and, with .json, the file that closes it.
    package var name: String {
        switch self {
        case .generation(let index): "generation-\(index)"
        case .predictive: "predictive"
        }
    }

    package var description: String {
        switch self {
        case .generation(let index): "generation \(index)"
        case .predictive: "the posterior predictive"
        }
    }

    package init?(name: String) {
        if name == "predictive" {
            self = .predictive
        } else if name.hasPrefix("generation-"), let index = Int(name.dropFirst("generation-".count)), index >= 0 {
            self = .generation(index)
        } else {
            return nil
        }
    }
}
