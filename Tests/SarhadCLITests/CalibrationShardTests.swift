import Foundation
import Testing

/// A calibration small enough for a debug build (a few seconds): 10 particles, 2 generations, 4
/// predictive replicates to mid-April, at 1/500 of the population. Generation 1 rejects most
/// proposals at this size, so every slot's attempt stream is exercised.
let smallCalibration = ["calibrate", "--population-scale", "0.002", "--particles", "10", "--generations", "2",
                        "--predictive", "4", "--through", "2020-04-08", "--end", "2020-04-15", "--quiet"]

/// What the unsharded calibrate writes; a merged calibration must have the same bytes in each.
let calibrationOutputs = ["generations.csv", "hidden-epidemic.csv", "posterior-summary.csv", "posterior.csv", "quantiles.csv",
                          "scenario.toml"]

extension SarhadProcess {
    /// Runs `arguments` and fails the test, with stderr, unless it exits 0.
    @discardableResult
    static func succeed(_ arguments: [String], in directory: URL) throws -> Outcome {
        let outcome = try run(arguments, in: directory)
        try #require(outcome.status == 0, "sarhad \(arguments.joined(separator: " ")): \(outcome.standardError)")
        return outcome
    }

    /// Every file the unsharded calibrate wrote has the same bytes in `merged`.
    static func expectSameCalibration(_ unsharded: URL, _ merged: URL) throws {
        // The hidden .sarhad-output marker records the command line, which differs between the two.
        let names = try FileManager.default.contentsOfDirectory(atPath: unsharded.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == calibrationOutputs)
        for name in names {
            let expected = try Data(contentsOf: unsharded.appendingPathComponent(name))
            let actual = try? Data(contentsOf: merged.appendingPathComponent(name))
            #expect(actual == expected, "\(name) differs between the unsharded and the sharded calibration")
        }
    }
}

@Suite("calibrate --shard and merge")
struct CalibrationShardTests {
    @Test("three shards per step, merged step by step, write the unsharded calibration's bytes")
    func shardedMatchesUnsharded() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try SarhadProcess.succeed(smallCalibration + ["--output", "unsharded"], in: directory)
        // Uneven shards (3, 3, 4 slots; 1, 1, 2 replicates) on one thread each, against the unsharded
        // run on every core: neither changes a bit. (A step's shards must share their arguments.)
        let steps = ["generation 0", "generation 1", "the posterior predictive"]
        for (index, step) in steps.enumerated() {
            for k in 1...3 {
                let shard = try SarhadProcess.succeed(smallCalibration + ["--output", "sharded", "--threads", "1", "--shard", "\(k)/3"], in: directory)
                #expect(shard.standardOutput.contains("Shard \(k)/3 of \(step):"), "\(shard.standardOutput)")
            }
            if index < steps.count - 1 {
                // Not finished yet: the outputs appear only when the last step closes.
                #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("sharded/posterior.csv").path))
            }
            let merged = try SarhadProcess.succeed(["merge", "sharded"], in: directory)
            if index < steps.count - 1 {
                #expect(merged.standardOutput.contains("Closed \(step); next: \(steps[index + 1])"), "\(merged.standardOutput)")
            }
        }
        try SarhadProcess.expectSameCalibration(directory.appendingPathComponent("unsharded"), directory.appendingPathComponent("sharded"))

        // Once complete, a stray shard or merge (a chain's later jobs after a shortened fit) does nothing, successfully.
        let late = try SarhadProcess.succeed(smallCalibration + ["--output", "sharded", "--shard", "1/3"], in: directory)
        #expect(late.standardOutput.contains("is complete"))
        let again = try SarhadProcess.succeed(["merge", "sharded"], in: directory)
        #expect(again.standardOutput.contains("nothing left to merge"))
        let status = try SarhadProcess.succeed(["slurm", "status", "sharded"], in: directory)
        #expect(status.standardOutput.contains("in progress: nothing, every step is closed (generation 0, generation 1, the posterior predictive)\n"),
                "\(status.standardOutput)")
    }

    @Test("merge refuses a generation with a missing, foreign or differently split shard, naming it; a shard of changed inputs is refused")
    func mergeRefusals() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = smallCalibration + ["--output", "out"]
        let generation0 = directory.appendingPathComponent("out/shards/generation-0")
        try SarhadProcess.succeed(arguments + ["--shard", "1/3"], in: directory)
        try SarhadProcess.succeed(arguments + ["--shard", "3/3"], in: directory)

        let missing = try SarhadProcess.run(["merge", "out"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("cannot close generation 0: shards 2/3 have not finished"), "\(missing.standardError)")
        let status = try SarhadProcess.succeed(["slurm", "status", "out"], in: directory)
        #expect(status.standardOutput.contains("in progress: generation 0 (of up to 2), 2 of 3 shards done; closed: none\n"),
                "\(status.standardOutput)")
        #expect(status.standardOutput.contains("missing: 2\n"))

        // Shard 2 of another seed: the set is complete but not one calibration's.
        try SarhadProcess.succeed(arguments + ["--seed", "2", "--shard", "2/3"], in: directory)
        let foreign = try SarhadProcess.run(["merge", "out"], in: directory)
        #expect(foreign.status == 2)
        #expect(foreign.standardError.contains("2-of-3 belongs to a different job"), "\(foreign.standardError)")
        try FileManager.default.removeItem(at: generation0.appendingPathComponent("2-of-3"))

        // A shard of a 4-way split among the 3-way one.
        try SarhadProcess.succeed(arguments + ["--shard", "2/4"], in: directory)
        let split = try SarhadProcess.run(["merge", "out"], in: directory)
        #expect(split.status == 2)
        #expect(split.standardError.contains("belongs to a different job"), "\(split.standardError)")
        try FileManager.default.removeItem(at: generation0.appendingPathComponent("2-of-4"))

        try SarhadProcess.succeed(arguments + ["--shard", "2/3"], in: directory)
        try SarhadProcess.succeed(["merge", "out"], in: directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/shards/generation-0.json").path))
        // Generation 1 starts from generation 0's particles: a shard with other options cannot join it.
        let changed = try SarhadProcess.run(arguments + ["--seed", "2", "--shard", "1/3"], in: directory)
        #expect(changed.status == 2)
        #expect(changed.standardError.contains("generation-0.json was closed for a calibration with other inputs or options"),
                "\(changed.standardError)")
        let tooMany = try SarhadProcess.run(arguments + ["--shard", "5/5"], in: directory)
        #expect(tooMany.status != 0)
        #expect(tooMany.standardError.contains("more shards than there are particles (10) or predictive replicates (4)"),
                "\(tooMany.standardError)")
    }

    /// Shards record the directory they ran in, because their paths are relative to it: a merge must
    /// refuse, not read relative paths from wherever it was started, if that directory is gone.
    @Test("merge refuses shards whose recorded working directory is gone, for an ensemble and a calibration")
    func mergeWithoutWorkingDirectory() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let ensemble = ["run", "--population-scale", "0.002", "--end", "2020-03-31", "--replicates", "2", "--quiet"]
        try SarhadProcess.succeed(ensemble + ["--output", "../ensemble", "--shard", "1/1"], in: work)
        try SarhadProcess.succeed(smallCalibration + ["--output", "../calibration", "--shard", "1/1"], in: work)
        try FileManager.default.removeItem(at: work)
        for output in ["ensemble", "calibration"] {
            let merge = try SarhadProcess.run(["merge", output], in: directory)
            #expect(merge.status == 2, "merge \(output): \(merge.standardError)")
            #expect(merge.standardError.contains("the shards ran in \(work.path), which cannot be entered now"),
                    "merge \(output): \(merge.standardError)")
        }
    }
}
