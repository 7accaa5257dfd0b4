import ArgumentParser
import Foundation
import SarhadJobs

struct SlurmSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit COMMAND's shards as a job array, and a merge job that runs after every task succeeded.",
        discussion: """
            COMMAND is run, compare, sweep or calibrate with its arguments (including --output DIR). Writes \
            DIR/slurm/array.sbatch and DIR/slurm/merge.sbatch, submits both with `sbatch --parsable` (the merge \
            job with --dependency=afterok on the array) and records the job ids in DIR/slurm/jobs.json. Task \
            logs go to DIR/slurm/logs/. With --only K,…, only those shards are resubmitted (with the same \
            COMMAND and arguments), followed by a new merge job. A calibration is a chain: an array and a merge \
            job for each generation and for the posterior predictive (array-generation-0.sbatch, \
            merge-generation-0.sbatch, …), each array waiting for the merge before it; --only resubmits shards \
            of the step the directory is waiting for, and the rest of the chain after them. DIR must be new, \
            empty or Sarhad's own.
            Example: sarhad slurm submit --shards 8 --time 30:00 -- run --replicates 64 --output ensemble
            """)

    @Option(help: "Number of shards (array tasks). Default: one per work item, or the earlier submission's count with --only.")
    var shards: Int?
    @Option(help: "Slurm partition (default: the cluster's default).") var partition: String?
    @Option(help: "Time limit of each task and of the merge job, as sbatch takes it (e.g. 30:00, 2:00:00).") var time: String?
    @Option(help: "Memory of each task and of the merge job, as sbatch takes it (e.g. 4G).") var mem: String?
    @Option(name: .customLong("cpus-per-task"), help: "CPUs per task; tasks get --threads of the same number unless COMMAND sets it.")
    var cpusPerTask: Int = 1
    @Option(help: "Submit only these shards (e.g. 3 or 2,5-7), to rerun those that failed.") var only: String?
    @Flag(name: .customLong("dry-run"), help: "Print the scripts and the sbatch commands; write and submit nothing.")
    var dryRun = false
    @Argument(parsing: .postTerminator, help: "-- COMMAND ARGS…: the command to shard, e.g. -- run --replicates 8 --output out")
    var invocation: [String] = []

    func validate() throws {
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1 (got \(shards))") }
        guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1 (got \(cpusPerTask))") }
        if let only, ArrayTaskList(parsing: only) == nil {
            throw ValidationError("--only is \"\(only)\"; expected shard numbers like 3 or 2,5-7")
        }
    }

    func run() throws {
        do {
            try submit()
        } catch let problem as SlurmProblem {
            FileHandle.standardError.write(Data("error: \(problem.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
    }

    private func submit() throws {
        let work = try ShardableInvocation(invocation)
        let workingDirectory = FileManager.default.currentDirectoryPath
        let files = SlurmFiles(outputDirectory: work.outputDirectory(from: workingDirectory))
        try OutputDirectory.checkDestination(path: files.outputDirectory, replacingWhole: false)
        let recorded = try SlurmJobsRecord.load(files)
        // Only a resubmission adds to the earlier record; a fresh submission starts a new one.
        let previous = only == nil ? nil : recorded
        let shardCount = try chooseShardCount(work: work, previous: previous, files: files)
        let tasks = try chooseTasks(shardCount: shardCount, files: files)
        if let recorded, !dryRun {
            try refuseWhileQueued(recorded, resubmitting: only == nil ? nil : Set(tasks.shards))
        }
        // Each task gets the CPUs it asked Slurm for, not every core of the node it lands on.
        let taskArguments = work.givesThreads ? work.arguments : work.arguments + ["--threads", "\(cpusPerTask)"]
        if let previous {
            guard previous.command == work.command, previous.arguments == taskArguments, previous.shardCount == shardCount else {
                throw SlurmProblem("\(files.jobsFile.path) records `sarhad \(ShellQuoting.join([previous.command] + previous.arguments))` "
                    + "in \(previous.shardCount) shards; resubmit exactly that (with --only), or use another --output")
            }
        }
        let executable = RunningExecutable.path
        let resources = SlurmResources(partition: partition, time: time, memory: mem, cpusPerTask: cpusPerTask)
        let links = try chain(work: work, previous: previous, tasks: tasks, shardCount: shardCount, files: files)
        func arrayText(_ link: Link, after: String?) -> String {
            SbatchScript.array(executable: executable, command: work.command, taskArguments: taskArguments,
                               shardCount: shardCount, tasks: link.tasks, workingDirectory: workingDirectory,
                               files: files, resources: resources, step: link.step, after: after)
        }
        func mergeText(_ link: Link, after arrayJob: String) -> String {
            SbatchScript.merge(executable: executable, command: work.command, arrayJob: arrayJob,
                               workingDirectory: workingDirectory, files: files, resources: resources, step: link.step)
        }

        if dryRun {
            var text = "# Dry run: nothing written or submitted. `sarhad slurm submit` without --dry-run would write\n"
            var previousMerge: String?
            for link in links {
                let arrayPlaceholder = link.step.map { "<array job of \($0.name)>" } ?? SbatchScript.arrayJobPlaceholder
                text += "# \(link.arrayScript.path):\n\(arrayText(link, after: previousMerge))"
                text += "# and, once the array has a job id, \(link.mergeScript.path):\n\(mergeText(link, after: arrayPlaceholder))"
                previousMerge = link.step.map { "<merge job of \($0.name)>" }
            }
            text += "# then run, in this order:\n"
            text += links.map { "#   sbatch --parsable \($0.arrayScript.path)\n#   sbatch --parsable \($0.mergeScript.path)\n" }.joined()
            print(text, terminator: "")
            return
        }

        try FileManager.default.createDirectory(at: files.logs, withIntermediateDirectories: true)
        var record = previous ?? SlurmJobsRecord(command: work.command, arguments: taskArguments, shardCount: shardCount,
                                                 workingDirectory: workingDirectory, executable: executable, submissions: [])
        var previousMerge: String?
        var submitted = [String]()
        for link in links {
            do {
                try Data(arrayText(link, after: previousMerge).utf8).write(to: link.arrayScript, options: .atomic)
                let arrayJob = try SlurmClient.submit(link.arrayScript)
                submitted.append(arrayJob)
                record.submissions.append(.init(arrayJob: arrayJob, mergeJob: nil, shards: link.tasks.shards,
                                                arrayScript: link.arrayScript.path, mergeScript: link.mergeScript.path,
                                                submitted: Date().ISO8601Format(), step: link.step?.name))
                // Recorded before the merge job is submitted, so a failure there still leaves the array findable.
                try record.save(files)
                try Data(mergeText(link, after: arrayJob).utf8).write(to: link.mergeScript, options: .atomic)
                let mergeJob = try SlurmClient.submit(link.mergeScript)
                submitted.append(mergeJob)
                record.submissions[record.submissions.count - 1].mergeJob = mergeJob
                try record.save(files)
                previousMerge = mergeJob
            } catch {
                let problem = (error as? SlurmProblem)?.description ?? "\(error)"
                if links.count == 1, let arrayJob = submitted.first {
                    throw SlurmProblem("array job \(arrayJob) is submitted, but its merge job is not: \(problem). "
                        + "When the array has finished, run `sarhad merge \(files.outputDirectory)`")
                }
                throw SlurmProblem("\(link.step.map { "\($0)" } ?? "the array") could not be submitted: \(problem)"
                    + (submitted.isEmpty ? "" : ". Jobs \(submitted.joined(separator: ", ")) are submitted (see \(files.jobsFile.path)); "
                        + "cancel them with scancel, or follow them with `sarhad slurm status` and resubmit with --only"))
            }
        }
        let jobs = record.submissions.suffix(links.count)
        if links.count == 1, let only = jobs.first {
            print("""
                Submitted shards \(tasks.arraySpecification) of \(shardCount) of `sarhad \(work.command)` as job array \(only.arrayJob); \
                merge job \(only.mergeJob ?? "?") runs `sarhad merge \(files.outputDirectory)` once they have all succeeded.
                Scripts and job ids in \(files.folder.path), task logs in \(files.logs.path).
                Follow it with: sarhad slurm status \(files.outputDirectory)
                """)
        } else {
            let steps = zip(links, jobs).map { link, job in "\(link.step!) (array \(job.arrayJob), merge \(job.mergeJob ?? "?"))" }
            print("""
                Submitted `sarhad \(work.command)` in \(shardCount) shards as a chain of \(links.count) steps, each array waiting for \
                the merge before it: \(steps.joined(separator: ", ")). Shards \(tasks.arraySpecification) of the first step; \
                the last merge writes the outputs into \(files.outputDirectory).
                Scripts and job ids in \(files.folder.path), task logs in \(files.logs.path).
                Follow it with: sarhad slurm status \(files.outputDirectory)
                """)
        }
    }

    /// One array and the merge job after it; a calibration submits one per step, the others just one.
    private struct Link {
        var step: CalibrationStep?
        var tasks: ArrayTaskList
        var arrayScript: URL
        var mergeScript: URL
    }

    /// A calibration's chain runs from the step its directory is waiting for (generation 0 when fresh) to
    /// the posterior predictive; the given tasks are the first step's, later steps run every shard.
    /// Steps a shortened fit skips still run: their tasks find the calibration complete and exit.
    private func chain(work: ShardableInvocation, previous: SlurmJobsRecord?, tasks: ArrayTaskList, shardCount: Int,
                       files: SlurmFiles) throws(SlurmProblem) -> [Link] {
        guard let generations = work.calibrationGenerations else {
            let submission = (previous?.submissions.count ?? 0) + 1
            return [Link(step: nil, tasks: tasks, arrayScript: files.arrayScript(submission: submission),
                         mergeScript: files.mergeScript(submission: submission))]
        }
        let all = (0..<generations).map(CalibrationStep.generation) + [.predictive]
        var first = all[0]
        if only != nil {
            let progress: CalibrationDirectory.Progress
            do {
                progress = try CalibrationDirectory(output: files.outputDirectory).progress()
            } catch {
                throw SlurmProblem(error.description)
            }
            guard let next = progress.next else {
                throw SlurmProblem("the calibration in \(files.outputDirectory) is complete; there is nothing to resubmit")
            }
            first = next
        }
        guard let start = all.firstIndex(of: first) else {
            throw SlurmProblem("\(files.outputDirectory) is waiting for \(first), which this calibration (--generations \(generations)) does not have")
        }
        return all[start...].enumerated().map { offset, step in
            let time = 1 + (previous?.submissions.filter { $0.step == step.name }.count ?? 0)
            return Link(step: step, tasks: offset == 0 ? tasks : ArrayTaskList(shards: 1...shardCount),
                        arrayScript: files.arrayScript(step: step, time: time), mergeScript: files.mergeScript(step: step, time: time))
        }
    }

    /// Two jobs must not write the same shard: a fresh submission waits until nothing of the earlier
    /// one is queued, a resubmission until the shards it names are not.
    private func refuseWhileQueued(_ record: SlurmJobsRecord, resubmitting shards: Set<Int>?) throws(SlurmProblem) {
        let ids = record.submissions.flatMap { [$0.arrayJob] + ($0.mergeJob.map { [$0] } ?? []) }
        guard case .states(let states) = SlurmQueue.query(jobs: ids) else { return }
        let active = states.filter { state in
            state.isActive && (shards.map { shards in state.task.map(shards.contains) ?? false } ?? true)
        }.map(\.jobLabel)
        guard active.isEmpty else {
            throw SlurmProblem("jobs \(active.joined(separator: ", ")) of the earlier submission are still queued or running; "
                + "wait for them, or cancel them with scancel, before submitting again")
        }
    }

    private func chooseShardCount(work: ShardableInvocation, previous: SlurmJobsRecord?, files: SlurmFiles) throws(SlurmProblem) -> Int {
        let count: Int
        if let shards {
            count = shards
        } else if only != nil {
            // A resubmission must split the work as the first submission did, or the shards will not merge.
            guard let earlier = previous?.shardCount ?? ShardFolders(outputDirectory: files.outputDirectory).shardCount else {
                throw SlurmProblem("--only needs --shards N: \(files.outputDirectory) has neither a jobs record nor shards to take N from")
            }
            count = earlier
        } else {
            count = work.totalItems
        }
        guard count <= work.totalItems else {
            throw SlurmProblem("--shards \(count) is more than the \(work.totalItems) work items of this `\(work.command)`; "
                + "every shard needs at least one (use --shards \(work.totalItems) or fewer)")
        }
        return count
    }

    private func chooseTasks(shardCount: Int, files: SlurmFiles) throws(SlurmProblem) -> ArrayTaskList {
        guard let only, let list = ArrayTaskList(parsing: only) else {
            // A fresh submission next to finished shards would mix two runs that `merge` cannot combine.
            let existing = ShardFolders(outputDirectory: files.outputDirectory).names
            guard existing.isEmpty else {
                throw SlurmProblem("\(files.outputDirectory)/shards/ already holds \(existing.joined(separator: ", ")); "
                    + "resubmit the missing ones with --only K,… (see `sarhad slurm status \(files.outputDirectory)`), "
                    + "or remove that folder to start over")
            }
            return ArrayTaskList(shards: 1...shardCount)
        }
        let outside = list.shards.filter { !(1...shardCount).contains($0) }
        guard outside.isEmpty else {
            throw SlurmProblem("--only names shard \(outside.map(String.init).joined(separator: ", ")), but there are \(shardCount) (1…\(shardCount))")
        }
        return list
    }
}
