import Foundation
import SarhadModel
import SarhadScenario

/// The documented limits on how much one command may be asked to do (README, "Limits"). Past them
/// a command is refused with exit status 2 before it starts, rather than running for days or until
/// the kernel kills it; the memory guard (`MemoryGuard`) then checks what is within them.
package enum WorkLimits {
    /// Days from the start to the end, both included: the limit scenario files have (`scenario.end`),
    /// which --end and --through must keep too.
    package static let maximumDays = 3_660
    /// --replicates (run, compare, sweep) and calibrate's --predictive.
    package static let maximumReplicates = 10_000
    /// --threads: more than any machine Sarhad runs on has cores; past it threads only cost memory.
    package static let maximumThreads = 256
    /// calibrate --particles, --generations and --coverage-trials.
    package static let maximumParticles = 100_000
    package static let maximumGenerations = 100
    package static let maximumCoverageTrials = 10_000
    /// Points of a sweep's grid (the product of its values' counts).
    package static let maximumSweepPoints = 10_000

    package static func check(_ value: Int, _ option: String, atMost limit: Int) throws(Refusal) {
        guard value <= limit else {
            throw Refusal("\(option) is \(grouped(value)); at most \(grouped(limit)) is allowed (README, \"Limits\").")
        }
    }

    package static func checkThreads(_ threads: Int) throws(Refusal) {
        try check(threads, "--threads", atMost: maximumThreads)
    }

    package static func checkReplicates(_ replicates: Int, option: String = "--replicates") throws(Refusal) {
        try check(replicates, option, atMost: maximumReplicates)
    }

    /// `end` as an override of `configuration`'s end, checked against the day limit.
    package static func checkDays(from start: SimDate, to end: SimDate, option: String) throws(InputError) {
        let days = end.days(since: start) + 1
        guard days <= maximumDays else {
            throw InputError(ScenarioError(key: option, message: "(\(end)) is \(grouped(days)) days from the start (\(start))",
                                           expected: "at most \(grouped(maximumDays)) days, up to \(start.adding(days: maximumDays - 1))"))
        }
    }

    /// 10000 → "10,000", as the README writes limits.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(character)
        }
        return (value < 0 ? "-" : "") + text
    }
}
