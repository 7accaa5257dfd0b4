import Foundation

/// Intervals over few replicates are rough: whatever prints one from fewer than this says how many it rests on.
package enum IntervalNote {
    package static let fewReplicates = 20

    /// The note to print under intervals from `replicates` runs, or nil when there are enough.
    package static func text(replicates: Int, what: String = "replicates") -> String? {
        guard replicates < fewReplicates else { return nil }
        return "Note: these intervals rest on only \(replicates) \(replicates == 1 ? String(what.dropLast()) : what); with "
            + "fewer than \(fewReplicates) they are rough (their ends are close to the lowest and highest run)."
    }
}
