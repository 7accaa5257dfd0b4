import ArgumentParser
import Foundation

/// Option help shared by the subcommands, each with its default spelled out once (ArgumentParser adds
/// no "(default: …)" of its own to an optional option).
enum HelpText {
    static let end = ArgumentHelp(
        "Last day to simulate, YYYY-MM-DD, at most \(WorkLimits.grouped(WorkLimits.maximumDays)) days after the start "
            + "(default: the scenario's end, 2020-12-31 for the built-in scenario).",
        valueName: "date")
    static let populationScale = ArgumentHelp(
        "Fraction of the real population to simulate, above 0 and at most 1 (default: the scenario's "
            + "scenario.population_scale, 1 (every resident) for the built-in scenario).",
        valueName: "fraction")
    static let threads = ArgumentHelp(
        "Worker threads, at most \(WorkLimits.maximumThreads) (default: all cores, \(ProcessInfo.processInfo.activeProcessorCount) "
            + "on this machine). Results do not depend on it.",
        valueName: "n")

    /// `what` ends the first sentence: "Replicates per scenario".
    static func replicates(_ what: String, _ more: String = "") -> ArgumentHelp {
        ArgumentHelp("\(what), at most \(WorkLimits.grouped(WorkLimits.maximumReplicates)).\(more.isEmpty ? "" : " " + more)")
    }
}

/// `--threads` resolved: the given count, or every core.
func workerThreads(_ given: Int?) -> Int {
    given ?? ProcessInfo.processInfo.activeProcessorCount
}

/// Intervals over few replicates are rough: whatever prints one from fewer than this says how many it rests on.
enum IntervalNote {
    static let fewReplicates = 20

    /// The note to print under intervals from `replicates` runs, or nil when there are enough.
    static func text(replicates: Int, what: String = "replicates") -> String? {
        guard replicates < fewReplicates else { return nil }
        return "Note: these intervals rest on only \(replicates) \(replicates == 1 ? String(what.dropLast()) : what); with "
            + "fewer than \(fewReplicates) they are rough (their ends are close to the lowest and highest run)."
    }
}
