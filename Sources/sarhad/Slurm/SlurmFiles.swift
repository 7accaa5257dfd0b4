import Foundation

/// Where `sarhad slurm` keeps its files: under OUTPUT/slurm/, beside OUTPUT/shards/, so the output
/// directory alone tells what was submitted and how far it got.
struct SlurmFiles {
    /// Absolute.
    let outputDirectory: String

    var folder: URL { URL(fileURLWithPath: outputDirectory).appendingPathComponent("slurm") }
    var logs: URL { folder.appendingPathComponent("logs") }
    var jobsFile: URL { folder.appendingPathComponent("jobs.json") }

    /// The first submission writes array.sbatch and merge.sbatch; resubmissions (`--only`) get
    /// numbered ones, so every script that ran stays readable.
    func arrayScript(submission: Int) -> URL {
        folder.appendingPathComponent(submission == 1 ? "array.sbatch" : "array-\(submission).sbatch")
    }

    func mergeScript(submission: Int) -> URL {
        folder.appendingPathComponent(submission == 1 ? "merge.sbatch" : "merge-\(submission).sbatch")
    }

    /// A calibration's scripts are named by step, and numbered when a resubmission runs that step again
    /// (`array-generation-2.sbatch`, then `array-generation-2-2.sbatch`).
    func arrayScript(step: CalibrationStep, time: Int) -> URL {
        folder.appendingPathComponent("array-\(step.name)\(time == 1 ? "" : "-\(time)").sbatch")
    }

    func mergeScript(step: CalibrationStep, time: Int) -> URL {
        folder.appendingPathComponent("merge-\(step.name)\(time == 1 ? "" : "-\(time)").sbatch")
    }

    /// Slurm fills in %A (the array's job id) and %a (the task id) itself.
    var shardLogPattern: String { logs.appendingPathComponent("shard-%a-job-%A.out").path }
    var mergeLogPattern: String { logs.appendingPathComponent("merge-job-%j.out").path }

    func shardLog(shard: Int, arrayJob: String) -> URL {
        logs.appendingPathComponent("shard-\(shard)-job-\(arrayJob).out")
    }

    func mergeLog(job: String) -> URL {
        logs.appendingPathComponent("merge-job-\(job).out")
    }
}
