import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel

/// How every ensemble-like command ends: with --shard, compute the shard's items and leave them for
/// `sarhad merge`; otherwise finish the results into the output directory, atomically, then run
/// the job's after-commit step (the HTML report) and print the summary.
enum JobExecution {
    /// What every ensemble-like command checks before it simulates anything, each a refusal with exit
    /// status 2: the limits, the memory guard (this shard's share, when sharded), and the output folder.
    static func prepare<Job: ShardableJob & HasWorkload>(_ job: Job, shard: Shard?, output: String, threads: Int) throws {
        try WorkLimits.checkThreads(threads)
        let simulations = shard.map { $0.items(of: job.totalItems).count } ?? job.totalItems
        let workload = job.workload(simulations: simulations, threads: threads)
        try WorkLimits.checkReplicates(workload.replicates, option: workload.replicatesOption)
        try MemoryGuard.check(workload)
        try OutputDirectory.checkDestination(path: output, replacingWhole: shard == nil)
    }

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
    static func execute<Job: ShardableJob & AfterCommit & HasWorkload>(_ job: Job, shard: Shard?, output: String, threads: Int,
                                                                       quiet: Bool) throws {
        try prepare(job, shard: shard, output: output, threads: threads)
        if let shard {
            let progress = ProgressReporter(label: "shard \(shard)")
            print(try ShardFiles.runShard(job, shard: shard, arguments: ShardOption.jobArguments(), output: output,
                                          threads: threads) { done, total in if !quiet { progress.update(done, total) } })
            return
        }
        let progress = ProgressReporter(label: "replicates")
        let results = job.compute(Array(0..<job.totalItems), threads: threads) { done, total in
            if !quiet { progress.update(done, total) }
        }
        try complete(job, results: results, output: output)
    }
}
