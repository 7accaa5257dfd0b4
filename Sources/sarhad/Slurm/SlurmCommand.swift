import ArgumentParser
import SarhadJobs

/// `sarhad slurm`: the same sharded work as a Slurm job array, and where it stands.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a command's shards as a Slurm job array and merge them when all have succeeded.",
        discussion: """
            Example: sarhad slurm submit --shards 16 --time 1:00:00 -- run --replicates 64 --output ensemble
            then: sarhad slurm status ensemble
            """,
        subcommands: [SlurmSubmitCommand.self, SlurmStatusCommand.self])
}
