import Foundation

/// A reason `sarhad slurm` refuses or fails, printed as `error: …`.
package struct SlurmProblem: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
