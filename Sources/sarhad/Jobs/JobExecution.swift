import Foundation
import SarhadModel

/// How every ensemble-like command ends: with --shard, compute the shard's items and leave them for
/// `sarhad merge`; otherwise finish the results into the output directory, atomically, then run
/// the job's after-commit step (the HTML report) and print the summary.
enum JobExecution {
    static func complete<Job: ShardableJob & AfterCommit>(_ job: Job, results: [SimulationResult], output: String) throws {
        let directory = try OutputDirectory(path: output)
        let text: String
        do {
            text = try job.finish(results, into: directory)
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        try job.afterCommit(directory)
        print(text)
    }

    /// Runs the whole job (every item, progress per item) or, with `shard`, only its share.
    static func execute<Job: ShardableJob & AfterCommit>(_ job: Job, shard: Shard?, output: String, threads: Int,
                                                         quiet: Bool) throws {
        if let shard {
            print(try ShardFiles.runShard(job, shard: shard, arguments: ShardOption.jobArguments(), output: output,
                                          threads: threads, quiet: quiet))
            return
        }
        let progress = ProgressReporter(label: "replicates")
        let results = job.compute(Array(0..<job.totalItems), threads: threads) { done, total in
            if !quiet { progress.update(done, total) }
        }
        try complete(job, results: results, output: output)
    }
}

import SarhadInference
