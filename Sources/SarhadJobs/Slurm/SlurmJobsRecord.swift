import Foundation

/// OUTPUT/slurm/jobs.json: what was submitted for this output directory, so `sarhad slurm status`
/// can ask Slurm about the right jobs and `--only` can check it resubmits the same work.
package struct SlurmJobsRecord: Codable, Equatable {
    package init(command: String, arguments: [String], shardCount: Int, workingDirectory: String, executable: String, submissions: [Submission]) {
        self.command = command
        self.arguments = arguments
        self.shardCount = shardCount
        self.workingDirectory = workingDirectory
        self.executable = executable
        self.submissions = submissions
    }

    package struct Submission: Codable, Equatable {
        package init(arrayJob: String, mergeJob: String?, shards: [Int], arrayScript: String, mergeScript: String, submitted: String, step: String?) {
            self.arrayJob = arrayJob
            self.mergeJob = mergeJob
            self.shards = shards
            self.arrayScript = arrayScript
            self.mergeScript = mergeScript
            self.submitted = submitted
            self.step = step
        }

        package var arrayJob: String
        package var mergeJob: String?
        package var shards: [Int]
        package var arrayScript: String
        package var mergeScript: String
        /// ISO 8601, for people reading the file.
        package var submitted: String
        /// A calibration submits one array and merge per step ("generation-0", …, "predictive").
        package var step: String?
    }

    package var command: String
    /// As every task passes them, without --shard; equal to what each shard.json records.
    package var arguments: [String]
    package var shardCount: Int
    package var workingDirectory: String
    package var executable: String
    package var submissions: [Submission]

    package static func load(_ files: SlurmFiles) throws(SlurmProblem) -> SlurmJobsRecord? {
        guard let data = FileManager.default.contents(atPath: files.jobsFile.path) else { return nil }
        do {
            return try JSONDecoder().decode(SlurmJobsRecord.self, from: data)
        } catch {
            throw SlurmProblem("\(files.jobsFile.path) is not a jobs record written by `sarhad slurm submit` (\(error))")
        }
    }

    package func save(_ files: SlurmFiles) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Atomic: a status read while submitting sees the old record or the new one.
        try encoder.encode(self).write(to: files.jobsFile, options: .atomic)
    }
}
