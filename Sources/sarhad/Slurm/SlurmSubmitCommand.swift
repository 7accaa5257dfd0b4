import ArgumentParser
import Foundation

struct SlurmSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit COMMAND's shards as a job array, and a merge job that runs after every task succeeded.",
        discussion: """
            COMMAND is run, compare or sweep with its arguments (including --output DIR). Writes \
            DIR/slurm/array.sbatch and DIR/slurm/merge.sbatch, submits both with `sbatch --parsable` (the merge \
            job with --dependency=afterok on the array) and records the job ids in DIR/slurm/jobs.json. Task \
            logs go to DIR/slurm/logs/. With --only K,…, only those shards are resubmitted (with the same \
            COMMAND and arguments), followed by a new merge job.
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
            throw ExitCode(2)
        }
    }

    private func submit() throws {
        let work = try ShardableInvocation(invocation)
        let workingDirectory = FileManager.default.currentDirectoryPath
        let files = SlurmFiles(outputDirectory: work.outputDirectory(from: workingDirectory))
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
        let submission = (previous?.submissions.count ?? 0) + 1
        let executable = RunningExecutable.path
        let resources = SlurmResources(partition: partition, time: time, memory: mem, cpusPerTask: cpusPerTask)
        let arrayText = SbatchScript.array(executable: executable, command: work.command, taskArguments: taskArguments,
                                           shardCount: shardCount, tasks: tasks, workingDirectory: workingDirectory,
                                           files: files, resources: resources)
        func mergeText(after arrayJob: String) -> String {
            SbatchScript.merge(executable: executable, command: work.command, arrayJob: arrayJob,
                               workingDirectory: workingDirectory, files: files, resources: resources)
        }
        let arrayScript = files.arrayScript(submission: submission), mergeScript = files.mergeScript(submission: submission)

        if dryRun {
            print("""
                # Dry run: nothing written or submitted. `sarhad slurm submit` without --dry-run would write
                # \(arrayScript.path):
                \(arrayText)
                # and, once the array has a job id, \(mergeScript.path):
                \(mergeText(after: SbatchScript.arrayJobPlaceholder))
                # then run:
                #   sbatch --parsable \(arrayScript.path)
                #   sbatch --parsable \(mergeScript.path)
                """)
            return
        }

        try FileManager.default.createDirectory(at: files.logs, withIntermediateDirectories: true)
        try Data(arrayText.utf8).write(to: arrayScript, options: .atomic)
        let arrayJob = try SlurmClient.submit(arrayScript)
        var record = previous ?? SlurmJobsRecord(command: work.command, arguments: taskArguments, shardCount: shardCount,
                                                 workingDirectory: workingDirectory, executable: executable, submissions: [])
        record.submissions.append(.init(arrayJob: arrayJob, mergeJob: nil, shards: tasks.shards, arrayScript: arrayScript.path,
                                        mergeScript: mergeScript.path, submitted: Date().ISO8601Format()))
        // Recorded before the merge job is submitted, so a failure there still leaves the array findable.
        try record.save(files)
        try Data(mergeText(after: arrayJob).utf8).write(to: mergeScript, options: .atomic)
        let mergeJob: String
        do {
            mergeJob = try SlurmClient.submit(mergeScript)
        } catch {
            throw SlurmProblem("array job \(arrayJob) is submitted, but its merge job is not: \(error.description). "
                + "When the array has finished, run `sarhad merge \(files.outputDirectory)`")
        }
        record.submissions[record.submissions.count - 1].mergeJob = mergeJob
        try record.save(files)
        print("""
            Submitted shards \(tasks.arraySpecification) of \(shardCount) of `sarhad \(work.command)` as job array \(arrayJob); \
            merge job \(mergeJob) runs `sarhad merge \(files.outputDirectory)` once they have all succeeded.
            Scripts and job ids in \(files.folder.path), task logs in \(files.logs.path).
            Follow it with: sarhad slurm status \(files.outputDirectory)
            """)
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
