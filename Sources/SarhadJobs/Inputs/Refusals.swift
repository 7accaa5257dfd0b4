import Foundation
import SarhadScenario

/// Sarhad declines to do what was asked (an output folder it did not write, work beyond its limits or
/// the machine's memory): the message names what and why. The command line ends with exit status 2
/// before anything is computed or written; the dashboard answers with the message.
package struct Refusal: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// A problem with what the user gave us (a file, an option, a request field), named by `underlying`.
package struct InputError: Error, CustomStringConvertible {
    package let underlying: ScenarioError
    package init(_ underlying: ScenarioError) { self.underlying = underlying }
    package var description: String { underlying.description }
}

/// The version written into output markers and shown by `sarhad --version`.
package enum SarhadVersion {
    package static let current = "0.1.0"
}
