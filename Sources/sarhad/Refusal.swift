import Foundation
import SarhadJobs

/// The exit statuses every subcommand uses besides 0 (done) and ArgumentParser's 64 (a command line
/// that does not parse); README, "Exit statuses".
enum ExitStatus {
    /// It ran but failed: a check of `sarhad validate` failed, a calibration accepted no particle,
    /// a file could not be written.
    static let failure: Int32 = 1
    /// It refused its input before doing any work: an invalid scenario or data file, an option value
    /// Sarhad does not accept, an output folder it did not write, work beyond the limits.
    static let refused: Int32 = 2
}
