import ArgumentParser
import Foundation
import SarhadJobs

struct SlurmStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which shards of DIR are complete or missing, whether it is merged, and the Slurm jobs' states.",
        discussion: """
            Reads DIR/shards/ (a shard is complete once its shard.json exists), DIR's merged outputs, and \
            DIR/slurm/jobs.json; when squeue is on PATH, also the state of every job recorded there.
            Example: sarhad slurm status ensemble
            """)

    @Argument(help: "The --output directory of the submitted command.") var directory: String

    func run() throws {
        let path = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/"))
            .standardizedFileURL.path
        do {
            let status = try SlurmStatus(outputDirectory: path)
            let ids = status.record?.submissions.flatMap { [$0.arrayJob] + ($0.mergeJob.map { [$0] } ?? []) } ?? []
            print(status.render(queue: SlurmQueue.query(jobs: ids)), terminator: "")
        } catch {
            // The block throws only SlurmProblem, so `error` is one.
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
    }
}
