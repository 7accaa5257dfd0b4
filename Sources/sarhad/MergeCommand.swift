import ArgumentParser
import Foundation
import SarhadJobs
import SarhadModel
import SarhadScenario

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shards under DIR/shards/ into the outputs an unsharded run writes.",
        discussion: """
            Refuses incomplete or mismatched shards, naming the missing ones. The merged files are the same \
            bytes as those of the same command run without --shard (timings.json aside). A calibration merges \
            one step at a time: each merge closes the step its shards ran (a generation, weighed into the \
            next one's proposal, or the posterior predictive, which writes the outputs). The outputs go in beside \
            shards/; a directory holding files Sarhad did not write is refused.
            Example: sarhad run --replicates 40 --output out --shard 1/2; sarhad run --replicates 40 --output out --shard 2/2; sarhad merge out
            """)

    @Argument(help: "The --output directory the shards were written under.") var directory: String
    @Flag(help: "Do not print progress.") var quiet = false

    func run() throws {
        let here = FileManager.default.currentDirectoryPath
        // Before reading any shard: the outputs go in beside shards/, into a folder that must be Sarhad's.
        try OutputDirectory.checkDestination(path: directory, replacingWhole: false)
        if CalibrationDirectory.holdsCalibration(directory) {
            let target = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: here + "/")).standardizedFileURL.path
            print(try ShardFiles.refusingProblems { try CalibrationShards.merge(output: target) })
            return
        }
        let (shards, results, workingDirectory) = try ShardFiles.refusingProblems {
            let shards = try ShardFiles.manifests(output: directory)
            let results = try ShardFiles.results(shards, as: SimulationResult.self)
            return (shards, results, try WorkingDirectory.enter(shards[0].0.workingDirectory))
        }
        defer { workingDirectory.leave() }
        let manifest = shards[0].0
        let target = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: here + "/")).standardizedFileURL.path
        switch manifest.command {
        case RunJob.command:
            let command = try RunCommand.parse(manifest.arguments)
            try finish(try RunJob(command: command, scenario: try command.resolvedScenario()), manifest, results, target)
        case CompareJob.command:
            let command = try CompareCommand.parse(manifest.arguments)
            try finish(try CompareJob(command: command), manifest, results, target)
        case SweepJob.command:
            let command = try SweepCommand.parse(manifest.arguments)
            try finish(try readingInput { try command.job() }, manifest, results, target)
        default:
            FileHandle.standardError.write(Data("error: shards of `\(manifest.command)` cannot be merged\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
    }

    func finish<Job: ShardableJob & AfterCommit>(_ job: Job, _ manifest: ShardManifest, _ results: [SimulationResult],
                                                 _ target: String) throws {
        guard job.fingerprint == manifest.fingerprint else {
            FileHandle.standardError.write(Data(("error: the inputs changed since the shards ran (a scenario file was edited?); "
                + "rerun the shards\n").utf8))
            throw ExitCode(ExitStatus.refused)
        }
        let output = try OutputDirectory(path: target)
        let text: String
        do {
            text = try job.finish(results, into: output)
            try output.commitAlongside()
        } catch {
            output.abandon()
            throw error
        }
        try job.afterCommit(output)
        print(text)
    }
}

protocol AfterCommit {
    func afterCommit(_ directory: OutputDirectory) throws
}

extension RunJob: AfterCommit {}

