import ArgumentParser
import SarhadInference
import SarhadJobs

/// `--shard K/N` on every ensemble-like command.
struct ShardOption: ParsableArguments {
    @Option(name: .customLong("shard"), help: "Run only shard K of N (1 ≤ K ≤ N) and write it under OUTPUT/shards/; combine with `sarhad merge OUTPUT`.")
    var text: String?

    func validate() throws {
        if let text, Shard(text) == nil {
            throw ValidationError("--shard is \"\(text)\"; expected K/N with 1 ≤ K ≤ N, like 2/8")
        }
    }

    var shard: Shard? { text.flatMap(Shard.init) }

    /// The process's arguments after the subcommand, without --shard: what `sarhad merge` re-parses.
    static func jobArguments() -> [String] {
        var arguments = Array(CommandLine.arguments.dropFirst(2))
        var cleaned = [String]()
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--shard" { skipNext = true; continue }
            if argument.hasPrefix("--shard=") { continue }
            cleaned.append(argument)
        }
        arguments = cleaned
        return arguments
    }
}

