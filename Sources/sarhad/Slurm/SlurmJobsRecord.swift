import Foundation

/// OUTPUT/slurm/jobs.json: what was submitted for this output directory, so `sarhad slurm status`
/// can ask Slurm about the right jobs and `--only` can check it resubmits the same work.
struct SlurmJobsRecord: Codable, Equatable {
    struct Submission: Codable, Equatable {
        var arrayJob: String
        var mergeJob: String?
        var shards: [Int]
        var arrayScript: String
        var mergeScript: String
        /// ISO 8601, for people reading the file.
        var submitted: String
        /// A calibration submits one array and merge per step ("generation-0", …, "predictive").
        var step: String?
    }

    var command: String
    /// As every task passes them, without --shard; equal to what each shard.json records.
    var arguments: [String]
    var shardCount: Int
    var workingDirectory: String
    var executable: String
    var submissions: [Submission]

    static func load(_ files: SlurmFiles) throws(SlurmProblem) -> SlurmJobsRecord? {
        guard let data = FileManager.default.contents(atPath: files.jobsFile.path) else { return nil }
        do {
            return try JSONDecoder().decode(SlurmJobsRecord.self, from: data)
        } catch {
            throw SlurmProblem("\(files.jobsFile.path) is not a jobs record written by `sarhad slurm submit` (\(error))")
        }
    }

    func save(_ files: SlurmFiles) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Atomic: a status read while submitting sees the old record or the new one.
        try encoder.encode(self).write(to: files.jobsFile, options: .atomic)
    }
}
