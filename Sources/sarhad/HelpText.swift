import ArgumentParser
import Foundation
import SarhadJobs

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
