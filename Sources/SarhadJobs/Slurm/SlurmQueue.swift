import Foundation

/// Job states as `squeue` reports them. Without accounting, Slurm forgets a job MinJobAge after it
/// ends (5 minutes by default), so a job missing here has usually just finished long enough ago.
package enum SlurmQueue {
    package struct JobState: Equatable {
        /// The array's job id for array tasks, the job's own id otherwise.
        package var job: String
        /// The array task id, i.e. the shard, for array tasks.
        package var task: Int?
        package var state: String
        package var reason: String

        package var jobLabel: String { task.map { "\(job)_\($0)" } ?? job }

        /// Still to run or running: a fresh submission must not race it.
        package var isActive: Bool {
            ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED"].contains(state)
        }
    }

    package enum Answer: Equatable {
        case states([JobState])
        case unavailable(String)
    }

    package static func query(jobs: [String]) -> Answer {
        guard !jobs.isEmpty else { return .states([]) }
        guard SlurmClient.isAvailable("squeue") else { return .unavailable("squeue is not on PATH") }
        let output: SlurmClient.Output
        do {
            // --array: one line per task, pending ones too; --states=all: finished jobs Slurm still remembers.
            output = try SlurmClient.run("squeue", ["--noheader", "--array", "--states=all", "--jobs=\(jobs.joined(separator: ","))",
                                                    "--format=%F|%K|%T|%r"])
        } catch {
            return .unavailable(error.description)
        }
        guard output.status == 0 else {
            // Asked only about forgotten jobs, squeue fails with this; that is an answer, not a failure.
            if output.standardError.contains("Invalid job id") { return .states([]) }
            // squeue explains itself on its last line ("fatal: Could not establish a configuration source").
            let last = output.standardError.split(separator: "\n").last.map(String.init) ?? "exit \(output.status)"
            return .unavailable("squeue failed (is SLURM_CONF set?): \(last)")
        }
        return .states(parse(output.standardOutput))
    }

    package static func parse(_ text: String) -> [JobState] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 4, !fields[0].isEmpty else { return nil }
            return JobState(job: fields[0], task: Int(fields[1]), state: fields[2], reason: fields[3])
        }
    }
}
