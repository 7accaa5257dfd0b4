import Foundation

/// What every job of a submission asks Slurm for.
package struct SlurmResources: Equatable {
    package init(partition: String?, time: String?, memory: String?, cpusPerTask: Int) {
        self.partition = partition
        self.time = time
        self.memory = memory
        self.cpusPerTask = cpusPerTask
    }

    package var partition: String?
    package var time: String?
    package var memory: String?
    package var cpusPerTask: Int

    package var directives: [String] {
        var lines = ["--cpus-per-task=\(cpusPerTask)"]
        if let partition { lines.append("--partition=\(SbatchScript.directiveValue(partition))") }
        if let time { lines.append("--time=\(SbatchScript.directiveValue(time))") }
        if let memory { lines.append("--mem=\(SbatchScript.directiveValue(memory))") }
        return lines
    }
}

/// The two batch scripts of a submission, written to be read: a job array whose task K runs shard
/// K of N, and a merge job that runs once every task has succeeded.
package enum SbatchScript {
    /// What stands for the array's job id in a dry run, before Slurm has assigned one.
    package static let arrayJobPlaceholder = "<array job id>"

    /// A value on an `#SBATCH` line: sbatch splits those at whitespace unless it is double-quoted
    /// (they are not read by the shell, so shell quoting does not apply).
    package static func directiveValue(_ value: String) -> String {
        guard value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "\\" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `taskArguments` are the command's arguments as every task passes them (with --threads). A
    /// calibration's arrays name their `step` and, after the first, wait for the previous step's merge job.
    package static func array(executable: String, command: String, taskArguments: [String], shardCount: Int,
                      tasks: ArrayTaskList, workingDirectory: String, files: SlurmFiles,
                      resources: SlurmResources, step: CalibrationStep? = nil, after: String? = nil) -> String {
        let commandLine = ShellQuoting.join([executable, command] + taskArguments)
        var lines = ["#!/bin/bash"]
        if let step {
            lines += [
                "# Written by `sarhad slurm submit`: \(step) of `sarhad \(command)` as a job array of \(shardCount) shards.",
                "# Task K runs shard K/\(shardCount) of the step the output directory is waiting for: \(step)"
                    + (after == nil ? "." : ", once the merge job this array depends on has closed the step before it."),
                "# It writes \(files.outputDirectory)/shards/\(step.name)/K-of-\(shardCount)/; the merge job then closes \(step).",
                "#SBATCH --job-name=sarhad-\(command)-\(step.name)",
            ]
        } else {
            lines += [
                "# Written by `sarhad slurm submit`: `sarhad \(command)` as a job array of \(shardCount) shards.",
                "# Task K runs shard K/\(shardCount) and writes \(files.outputDirectory)/shards/K-of-\(shardCount)/;",
                "# the merge job then writes the outputs of the unsharded run (`sarhad merge`).",
                "#SBATCH --job-name=sarhad-\(command)",
            ]
        }
        lines.append("#SBATCH --array=\(tasks.arraySpecification)")
        if let after {
            lines += ["#SBATCH --dependency=afterok:\(after)", "#SBATCH --kill-on-invalid-dep=yes"]
        }
        lines += [
            "#SBATCH --chdir=\(directiveValue(workingDirectory))",
            "#SBATCH --output=\(directiveValue(files.shardLogPattern))",
        ]
        lines += resources.directives.map { "#SBATCH \($0)" }
        lines += [
            "set -euo pipefail",
            "",
            "exec \(commandLine) --shard \"$SLURM_ARRAY_TASK_ID/\(shardCount)\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    package static func merge(executable: String, command: String, arrayJob: String, workingDirectory: String,
                      files: SlurmFiles, resources: SlurmResources, step: CalibrationStep? = nil) -> String {
        var lines = [
            "#!/bin/bash",
            "# Written by `sarhad slurm submit`: merges the shards of \(step.map { "\($0) of " } ?? "")`sarhad \(command)` once every task of",
            "# array job \(arrayJob) has succeeded. If one fails, Slurm cancels this job (--kill-on-invalid-dep)",
            "# instead of leaving it pending; resubmit the failed shards with `sarhad slurm submit --only K,…`.",
            "#SBATCH --job-name=sarhad-merge\(step.map { "-\($0.name)" } ?? "")",
            "#SBATCH --dependency=afterok:\(arrayJob)",
            "#SBATCH --kill-on-invalid-dep=yes",
            "#SBATCH --chdir=\(directiveValue(workingDirectory))",
            "#SBATCH --output=\(directiveValue(files.mergeLogPattern))",
        ]
        // Merging is one process; it needs the tasks' time and memory limits, not their CPUs.
        var mergeResources = resources
        mergeResources.cpusPerTask = 1
        lines += mergeResources.directives.map { "#SBATCH \($0)" }
        lines += [
            "set -euo pipefail",
            "",
            "exec \(ShellQuoting.join([executable, "merge", files.outputDirectory]))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
