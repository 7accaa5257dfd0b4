import Foundation

/// Where `sarhad slurm` keeps its files: under OUTPUT/slurm/, beside OUTPUT/shards/, so the output
/// directory alone tells what was submitted and how far it got.
package struct SlurmFiles {
    package init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }

    /// Absolute.
    package let outputDirectory: String

    package var folder: URL { URL(fileURLWithPath: outputDirectory).appendingPathComponent("slurm") }
    package var logs: URL { folder.appendingPathComponent("logs") }
    package var jobsFile: URL { folder.appendingPathComponent("jobs.json") }

    /// The first submission writes array.sbatch and merge.sbatch; resubmissions (`--only`) get
    /// numbered ones, so every script that ran stays readable.
    package func arrayScript(submission: Int) -> URL {
        folder.appendingPathComponent(submission == 1 ? "array.sbatch" : "array-\(submission).sbatch")
    }

    package func mergeScript(submission: Int) -> URL {
        folder.appendingPathComponent(submission == 1 ? "merge.sbatch" : "merge-\(submission).sbatch")
    }

    /// A calibration's scripts are named by step, and numbered when a resubmission runs that step again
    /// (`array-generation-2.sbatch`, then `array-generation-2-2.sbatch`).
    package func arrayScript(step: CalibrationStep, time: Int) -> URL {
        folder.appendingPathComponent("array-\(step.name)\(time == 1 ? "" : "-\(time)").sbatch")
    }

    package func mergeScript(step: CalibrationStep, time: Int) -> URL {
        folder.appendingPathComponent("merge-\(step.name)\(time == 1 ? "" : "-\(time)").sbatch")
    }

    /// Slurm fills in %A (the array's job id) and %a (the task id) itself.
    package var shardLogPattern: String { logs.appendingPathComponent("shard-%a-job-%A.out").path }
    package var mergeLogPattern: String { logs.appendingPathComponent("merge-job-%j.out").path }

    package func shardLog(shard: Int, arrayJob: String) -> URL {
        logs.appendingPathComponent("shard-\(shard)-job-\(arrayJob).out")
    }

    package func mergeLog(job: String) -> URL {
        logs.appendingPathComponent("merge-job-\(job).out")
    }
}
