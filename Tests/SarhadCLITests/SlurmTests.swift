import Foundation
import Testing

/// The small ensemble every Slurm test shards: 8 replicates, a few seconds in a debug build.
private let ensemble = ["run", "--population-scale", "0.002", "--end", "2020-04-30", "--replicates", "8"]

@Suite("sarhad slurm: scripts, checks and status, without a cluster")
struct SlurmScriptTests {
    @Test("--dry-run prints the array script (range, shard argument, absolute binary, logs) and the merge job's dependency, and writes nothing")
    func dryRun() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["slurm", "submit", "--shards", "4", "--time", "10:00", "--mem", "2G", "--partition", "short",
                                             "--dry-run", "--"] + ensemble + ["--output", "out"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let text = outcome.standardOutput
        let out = directory.appendingPathComponent("out").standardizedFileURL.path
        #expect(text.contains("#SBATCH --array=1-4\n"))
        #expect(text.contains("#SBATCH --output=\(out)/slurm/logs/shard-%a-job-%A.out\n"))
        #expect(text.contains("#SBATCH --time=10:00\n"))
        #expect(text.contains("#SBATCH --mem=2G\n"))
        #expect(text.contains("#SBATCH --partition=short\n"))
        #expect(text.contains("#SBATCH --dependency=afterok:<array job id>\n"))
        #expect(text.contains("#SBATCH --kill-on-invalid-dep=yes\n"))
        // The binary is named by its absolute path: Slurm runs the script elsewhere, with another PATH.
        let taskLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("exec ") && $0.contains(" run ") })
        #expect(taskLine.hasPrefix("exec /"))
        #expect(taskLine.hasSuffix("run --population-scale 0.002 --end 2020-04-30 --replicates 8 --output out --threads 1 "
            + "--shard \"$SLURM_ARRAY_TASK_ID/4\""))
        let binary = String(taskLine.dropFirst("exec ".count).prefix { $0 != " " })
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        #expect(text.contains("exec \(binary) merge \(out)\n"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--only resubmits just those shards; --threads given to the command is kept; odd paths are quoted")
    func onlyList() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["slurm", "submit", "--shards", "8", "--only", "2,4-6,8", "--dry-run", "--"] + ensemble
            + ["--threads", "2", "--output", "my out"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("#SBATCH --array=2,4-6,8\n"))
        #expect(outcome.standardOutput.contains("--threads 2 --output 'my out' --shard \"$SLURM_ARRAY_TASK_ID/8\"\n"))
        #expect(!outcome.standardOutput.contains("--threads 1"))
        // sbatch reads #SBATCH lines itself and honours double quotes, not the shell's quoting.
        let out = directory.appendingPathComponent("my out").standardizedFileURL.path
        #expect(outcome.standardOutput.contains("#SBATCH --output=\"\(out)/slurm/logs/shard-%a-job-%A.out\"\n"))
    }

    @Test("refuses what cannot work, with status 2 and the reason", arguments: [
        (["--", "calibrate", "--coverage-trials", "2"], "`calibrate --coverage-trials` cannot run as shards"),
        (["--", "validate"], "`validate` cannot run as shards"),
        (["--shards", "5", "--"] + smallCalibration, "more than the 4 work items"),
        (["--"] + ensemble + ["--shard", "1/2"], "leave --shard out"),
        (["--"] + ensemble + ["--shard=1/2"], "leave --shard out"),
        (["--shards", "9", "--"] + ensemble, "more than the 8 work items"),
        (["--shards", "4", "--only", "5", "--"] + ensemble, "--only names shard 5, but there are 4"),
        (["--only", "2", "--"] + ensemble + ["--output", "fresh"], "--only needs --shards N"),
        (["--"] + ensemble + ["--bogus"], "Unknown option '--bogus'"),
        (["--", "run", "missing.toml"], "missing.toml: cannot be read"),
        ([], "give the command to run after `--`"),
    ])
    func refusals(arguments: [String], reason: String) throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["slurm", "submit", "--dry-run"] + arguments, in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(reason), "\(outcome.standardError)")
    }

    @Test("submit calls sbatch for the array, then for the merge with its job id; records both; status reads squeue")
    func submitWithFakeSlurm() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Fake clients: sbatch answers as --parsable does on a multi-cluster setup ("id;cluster");
        // squeue tells that task 2 failed and the merge was cancelled.
        let bin = try fakeSbatch(in: directory, answerSuffix: ";fake")
        try writeExecutable(bin.appendingPathComponent("squeue"), """
            #!/bin/bash
            echo "$@" > "$(dirname "$0")/squeue-call"
            printf '4242|1|COMPLETED|None\\n4242|2|FAILED|NonZeroExitCode\\n4242|3|RUNNING|None\\n4243|N/A|CANCELLED|DependencyNeverSatisfied\\n'
            """)
        let environment = ["PATH": bin.path + ":/usr/bin:/bin"]
        let submitted = try SarhadProcess.run(["slurm", "submit", "--shards", "3", "--"] + ensemble + ["--output", "out"],
                                              in: directory, environment: environment)
        #expect(submitted.status == 0, "\(submitted.standardError)")
        #expect(submitted.standardOutput.contains("job array 4242; merge job 4243"))
        let out = directory.appendingPathComponent("out").standardizedFileURL
        let slurm = out.appendingPathComponent("slurm")
        let calls = try String(contentsOf: bin.appendingPathComponent("sbatch-calls"), encoding: .utf8)
        #expect(calls == "--parsable \(slurm.path)/array.sbatch\n--parsable \(slurm.path)/merge.sbatch\n")
        let merge = try String(contentsOf: slurm.appendingPathComponent("merge.sbatch"), encoding: .utf8)
        #expect(merge.contains("#SBATCH --dependency=afterok:4242\n"))
        let array = try String(contentsOf: slurm.appendingPathComponent("array.sbatch"), encoding: .utf8)
        #expect(array.contains("#SBATCH --array=1-3\n"))
        #expect(FileManager.default.fileExists(atPath: slurm.appendingPathComponent("logs").path))
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: slurm.appendingPathComponent("jobs.json")))
            as? [String: Any])
        let submissions = try #require(record["submissions"] as? [[String: Any]])
        #expect(submissions.count == 1)
        #expect(submissions.first?["arrayJob"] as? String == "4242")
        #expect(submissions.first?["mergeJob"] as? String == "4243")
        #expect(record["shardCount"] as? Int == 3)

        let status = try SarhadProcess.run(["slurm", "status", "out"], in: directory, environment: environment)
        #expect(status.status == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("complete: 0 of 3\n"))
        #expect(status.standardOutput.contains("missing: 1-3\n"))
        #expect(status.standardOutput.contains("array 4242, shards 1-3: COMPLETED 1; FAILED 2; RUNNING 3\n"))
        #expect(status.standardOutput.contains("merge 4243: CANCELLED (DependencyNeverSatisfied)\n"))
        // Shard 3 is still running, so only 1 and 2 are worth rerunning.
        #expect(status.standardOutput.contains("sarhad slurm submit --only 1-2 -- run --population-scale 0.002"))
        let query = try String(contentsOf: bin.appendingPathComponent("squeue-call"), encoding: .utf8)
        #expect(query.contains("--jobs=4242,4243"))

        // A fresh submission over a running one is refused; a resubmission of other work is too.
        let again = try SarhadProcess.run(["slurm", "submit", "--shards", "3", "--"] + ensemble + ["--output", "out"],
                                          in: directory, environment: environment)
        #expect(again.status == 2)
        #expect(again.standardError.contains("4242_3"), "\(again.standardError)")
        let other = try SarhadProcess.run(["slurm", "submit", "--only", "2", "--"] + ensemble + ["--seed", "5", "--output", "out"],
                                          in: directory, environment: environment)
        #expect(other.status == 2)
        #expect(other.standardError.contains("resubmit exactly that"), "\(other.standardError)")
        // Shard 3 is still running, so it cannot be resubmitted yet; shard 2 failed, so it can.
        let stillRunning = try SarhadProcess.run(["slurm", "submit", "--only", "2-3", "--"] + ensemble + ["--output", "out"],
                                                 in: directory, environment: environment)
        #expect(stillRunning.status == 2)
        #expect(stillRunning.standardError.contains("jobs 4242_3 of the earlier submission are still queued or running"),
                "\(stillRunning.standardError)")
        let resubmitted = try SarhadProcess.run(["slurm", "submit", "--only", "2", "--"] + ensemble + ["--output", "out"],
                                                in: directory, environment: environment)
        #expect(resubmitted.status == 0, "\(resubmitted.standardError)")
        #expect(try String(contentsOf: slurm.appendingPathComponent("array-2.sbatch"), encoding: .utf8).contains("#SBATCH --array=2\n"))
        #expect(try String(contentsOf: slurm.appendingPathComponent("merge-2.sbatch"), encoding: .utf8)
            .contains("#SBATCH --dependency=afterok:4244\n"))
    }

    @Test("calibrate is a chain of an array and a merge per step, each array after the merge before it; --only resubmits from the open step")
    func calibrationChainWithFakeSlurm() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // squeue has forgotten every job (as after MinJobAge).
        let bin = try fakeSbatch(in: directory)
        try writeExecutable(bin.appendingPathComponent("squeue"), "#!/bin/bash\nexit 0")
        let environment = ["PATH": bin.path + ":/usr/bin:/bin"]
        let arguments = smallCalibration + ["--output", "out"]
        let submitted = try SarhadProcess.run(["slurm", "submit", "--shards", "3", "--"] + arguments, in: directory, environment: environment)
        #expect(submitted.status == 0, "\(submitted.standardError)")
        #expect(submitted.standardOutput.contains("generation 0 (array 4242, merge 4243), generation 1 (array 4244, merge 4245), "
            + "the posterior predictive (array 4246, merge 4247)"), "\(submitted.standardOutput)")
        let slurm = directory.appendingPathComponent("out").standardizedFileURL.appendingPathComponent("slurm")
        let scripts = ["array-generation-0", "merge-generation-0", "array-generation-1", "merge-generation-1", "array-predictive",
                       "merge-predictive"]
        let calls = try String(contentsOf: bin.appendingPathComponent("sbatch-calls"), encoding: .utf8)
        #expect(calls == scripts.map { "--parsable \(slurm.path)/\($0).sbatch\n" }.joined())
        func script(_ name: String) throws -> String {
            try String(contentsOf: slurm.appendingPathComponent(name + ".sbatch"), encoding: .utf8)
        }
        #expect(!(try script("array-generation-0")).contains("--dependency"))
        // Each array waits for the merge that closes the step before it; each merge for its array.
        for (name, after) in [("merge-generation-0", 4242), ("array-generation-1", 4243), ("merge-generation-1", 4244),
                              ("array-predictive", 4245), ("merge-predictive", 4246)] {
            #expect(try script(name).contains("#SBATCH --dependency=afterok:\(after)\n#SBATCH --kill-on-invalid-dep=yes\n"), "\(name)")
        }
        // Every array runs the same command: the step comes from the output directory.
        #expect(try script("array-predictive").contains(" --output out --threads 1 --shard \"$SLURM_ARRAY_TASK_ID/3\"\n"))

        // Generation 0 closes; shard 2 of generation 1 is lost.
        let taskArguments = arguments + ["--threads", "1"]
        for k in 1...3 { try SarhadProcess.succeed(taskArguments + ["--shard", "\(k)/3"], in: directory) }
        try SarhadProcess.succeed(["merge", "out"], in: directory)
        for k in [1, 3] { try SarhadProcess.succeed(taskArguments + ["--shard", "\(k)/3"], in: directory) }
        let status = try SarhadProcess.run(["slurm", "status", "out"], in: directory, environment: environment)
        #expect(status.status == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("in progress: generation 1 (of up to 2), 2 of 3 shards done; closed: generation 0\n"),
                "\(status.standardOutput)")
        #expect(status.standardOutput.contains("missing: 2\n  shard 2: no log yet (\(slurm.path)/logs/shard-2-job-4244.out)\n"),
                "\(status.standardOutput)")
        #expect(status.standardOutput.contains("  2. generation 1: array 4244, shards 1-3: not in squeue\n"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("rerun shards that are no longer queued: sarhad slurm submit --only 2 -- calibrate "),
                "\(status.standardOutput)")

        // The resubmission starts at generation 1 with shard 2 alone; the rest of the chain follows it.
        let resubmitted = try SarhadProcess.run(["slurm", "submit", "--only", "2", "--"] + arguments, in: directory, environment: environment)
        #expect(resubmitted.status == 0, "\(resubmitted.standardError)")
        let again = try String(contentsOf: bin.appendingPathComponent("sbatch-calls"), encoding: .utf8).dropFirst(calls.count)
        #expect(again == ["array-generation-1-2", "merge-generation-1-2", "array-predictive-2", "merge-predictive-2"]
            .map { "--parsable \(slurm.path)/\($0).sbatch\n" }.joined())
        let rerun = try script("array-generation-1-2")
        #expect(rerun.contains("#SBATCH --array=2\n"))
        #expect(!rerun.contains("--dependency"))
        #expect(try script("array-predictive-2").contains("#SBATCH --array=1-3\n#SBATCH --dependency=afterok:4249\n"))
    }

    @Test("status follows shards run by hand: complete, missing, merged, out of date")
    func statusOfLocalShards() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // No jobs are recorded here, so the status comes from the directory alone (squeue is not asked).
        func shard(_ text: String) throws {
            let outcome = try SarhadProcess.run(ensemble + ["--output", "out", "--quiet", "--shard", text], in: directory)
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        func status() throws -> String {
            let outcome = try SarhadProcess.run(["slurm", "status", "out"], in: directory)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            return outcome.standardOutput
        }
        let empty = try SarhadProcess.run(["slurm", "status", "out"], in: directory)
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("nothing was submitted there"))

        try shard("1/3")
        try shard("3/3")
        let partial = try status()
        #expect(partial.contains("`sarhad run` in 3 shards\n"))
        #expect(partial.contains("complete: 2 of 3 (1,3)\n"))
        #expect(partial.contains("missing: 2\n"))
        #expect(partial.contains("merged: no\n"))
        #expect(!partial.contains("jobs:"))

        try shard("2/3")
        #expect(try status().contains("merged: no (run `sarhad merge "))
        let merge = try SarhadProcess.run(["merge", "out", "--quiet"], in: directory)
        #expect(merge.status == 0, "\(merge.standardError)")
        let merged = try status()
        #expect(merged.contains("missing: none\n"))
        #expect(merged.contains("merged: yes (quantiles.csv, scenario.toml, summary.json, timeseries.csv, timings.json)\n"))

        try shard("2/3")
        #expect(try status().contains("merged: out of date"))
    }

    /// `DIRECTORY/bin` with a fake sbatch that logs its arguments to `bin/sbatch-calls` and answers job
    /// ids 4242, 4243, … (each followed by `answerSuffix`); the caller adds the other clients.
    private func fakeSbatch(in directory: URL, answerSuffix: String = "") throws -> URL {
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try writeExecutable(bin.appendingPathComponent("sbatch"), """
            #!/bin/bash
            echo "$@" >> "$(dirname "$0")/sbatch-calls"
            echo "$(( $(wc -l < "$(dirname "$0")/sbatch-calls") + 4241 ))\(answerSuffix)"
            """)
        return bin
    }

    private func writeExecutable(_ url: URL, _ text: String) throws {
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
}

/// Needs a running cluster whose clients find it (SLURM_CONF): CI starts one with
/// scripts/slurm-local.sh and sets SARHAD_SLURM_E2E=1.
enum SlurmCluster {
    static let isRequested = ProcessInfo.processInfo.environment["SARHAD_SLURM_E2E"] == "1"
    static let skipReason: Comment = "set SARHAD_SLURM_E2E=1 with a running cluster (scripts/slurm-local.sh start; eval \"$(scripts/slurm-local.sh env)\")"
}

@Suite("sarhad slurm on a real cluster", .serialized, .enabled(if: SlurmCluster.isRequested, SlurmCluster.skipReason))
struct SlurmClusterTests {
    @Test("a 4-task job array and its merge job give the bytes of the unsharded run")
    func arrayMatchesUnshardedRun() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let submitted = try SarhadProcess.run(["slurm", "submit", "--shards", "4", "--time", "5:00", "--"] + ensemble
            + ["--output", "sharded"], in: directory)
        try #require(submitted.status == 0, "\(submitted.standardError)")
        try reference(in: directory)
        try waitForMerge(of: directory.appendingPathComponent("sharded"), submission: 1)
        try expectSameOutputs(directory.appendingPathComponent("unsharded"), directory.appendingPathComponent("sharded"))
        let status = try SarhadProcess.run(["slurm", "status", "sharded"], in: directory)
        #expect(status.standardOutput.contains("complete: 4 of 4 (1-4)\n"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("COMPLETED 1-4\n"), "\(status.standardOutput)")
    }

    @Test("a lost shard makes merge refuse; --only resubmits it alone and the merge completes and matches")
    func resubmitLostShard() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ensemble + ["--output", "sharded"]
        let submitted = try SarhadProcess.run(["slurm", "submit", "--shards", "4", "--"] + arguments, in: directory)
        try #require(submitted.status == 0, "\(submitted.standardError)")
        try reference(in: directory)
        let sharded = directory.appendingPathComponent("sharded")
        try waitForMerge(of: sharded, submission: 1)

        // As if task 3 had died: its shard and the merged outputs are gone.
        try FileManager.default.removeItem(at: sharded.appendingPathComponent("shards/3-of-4"))
        for name in try FileManager.default.contentsOfDirectory(atPath: sharded.path) where !["shards", "slurm"].contains(name) {
            try FileManager.default.removeItem(at: sharded.appendingPathComponent(name))
        }
        let refused = try SarhadProcess.run(["merge", "sharded"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("shards 3/4 have not finished"), "\(refused.standardError)")
        let status = try SarhadProcess.run(["slurm", "status", "sharded"], in: directory)
        #expect(status.standardOutput.contains("missing: 3\n"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("sarhad slurm submit --only 3 -- run"), "\(status.standardOutput)")

        let resubmitted = try SarhadProcess.run(["slurm", "submit", "--only", "3", "--"] + arguments, in: directory)
        try #require(resubmitted.status == 0, "\(resubmitted.standardError)")
        #expect(try String(contentsOf: sharded.appendingPathComponent("slurm/array-2.sbatch"), encoding: .utf8)
            .contains("#SBATCH --array=3\n"))
        try waitForMerge(of: sharded, submission: 2)
        try expectSameOutputs(directory.appendingPathComponent("unsharded"), sharded)
    }

    @Test("calibrate as a chain of 4-task job arrays and merges gives the bytes of the unsharded calibration")
    func calibrationChainMatchesUnsharded() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let submitted = try SarhadProcess.run(["slurm", "submit", "--shards", "4", "--time", "5:00", "--"] + smallCalibration
            + ["--output", "sharded"], in: directory)
        try #require(submitted.status == 0, "\(submitted.standardError)")
        try SarhadProcess.succeed(smallCalibration + ["--output", "unsharded"], in: directory)
        let sharded = directory.appendingPathComponent("sharded")
        // Generations 0 and 1, then the posterior predictive: the third merge writes the outputs.
        try waitForMerge(of: sharded, submission: 3)
        try SarhadProcess.expectSameCalibration(directory.appendingPathComponent("unsharded"), sharded)
        let status = try SarhadProcess.run(["slurm", "status", "sharded"], in: directory)
        #expect(status.standardOutput.contains("every step is closed (generation 0, generation 1, the posterior predictive)"),
                "\(status.standardOutput)")
    }

    @Test("a lost shard of generation 1 cancels the rest of the chain; --only resubmits it and the chain after it, which matches")
    func calibrationLostShard() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = smallCalibration + ["--output", "sharded"]
        let submitted = try SarhadProcess.run(["slurm", "submit", "--shards", "4", "--time", "5:00", "--"] + arguments, in: directory)
        try #require(submitted.status == 0, "\(submitted.standardError)")
        let sharded = directory.appendingPathComponent("sharded")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sharded.appendingPathComponent("slurm/jobs.json")))
            as? [String: Any])
        let submissions = try #require(record["submissions"] as? [[String: Any]])
        let generation1 = try #require(submissions[1]["arrayJob"] as? String)
        let lastMerge = try #require(submissions[2]["mergeJob"] as? String)
        // Task 2 of generation 1 is still waiting for generation 0's merge: cancelling it is losing it.
        let cancel = Process()
        cancel.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cancel.arguments = ["scancel", "\(generation1)_2"]
        try cancel.run()
        cancel.waitUntilExit()
        try #require(cancel.terminationStatus == 0)
        try SarhadProcess.succeed(smallCalibration + ["--output", "unsharded"], in: directory)

        // Slurm cancels generation 1's merge, then the predictive's array and merge, which wait on it.
        let deadline = Date().addingTimeInterval(180)
        var status = ""
        while Date() < deadline, !status.contains("merge \(lastMerge): CANCELLED") {
            Thread.sleep(forTimeInterval: 1)
            status = try SarhadProcess.run(["slurm", "status", "sharded"], in: directory).standardOutput
        }
        try #require(status.contains("merge \(lastMerge): CANCELLED"), "\(status)")
        #expect(status.contains("in progress: generation 1 (of up to 2), 3 of 4 shards done; closed: generation 0\n"), "\(status)")
        #expect(status.contains("missing: 2\n"), "\(status)")
        #expect(status.contains("sarhad slurm submit --only 2 -- calibrate "), "\(status)")

        let resubmitted = try SarhadProcess.run(["slurm", "submit", "--only", "2", "--"] + arguments, in: directory)
        try #require(resubmitted.status == 0, "\(resubmitted.standardError)")
        #expect(try String(contentsOf: sharded.appendingPathComponent("slurm/array-generation-1-2.sbatch"), encoding: .utf8)
            .contains("#SBATCH --array=2\n"))
        // Submissions 4 and 5: generation 1's shard 2 and its merge, then the predictive.
        try waitForMerge(of: sharded, submission: 5)
        try SarhadProcess.expectSameCalibration(directory.appendingPathComponent("unsharded"), sharded)
    }

    /// The same ensemble without shards, run here while the cluster works.
    private func reference(in directory: URL) throws {
        let outcome = try SarhadProcess.run(ensemble + ["--output", "unsharded", "--quiet"], in: directory)
        try #require(outcome.status == 0, "\(outcome.standardError)")
    }

    /// Polls `sarhad slurm status` until the submission's merge job has completed (its outputs are then
    /// all in place), and fails at once if a job of it failed or was cancelled.
    private func waitForMerge(of output: URL, submission: Int, timeout: TimeInterval = 180) throws {
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("slurm/jobs.json")))
            as? [String: Any])
        let submissions = try #require(record["submissions"] as? [[String: Any]])
        let arrayJob = try #require(submissions[submission - 1]["arrayJob"] as? String)
        let mergeJob = try #require(submissions[submission - 1]["mergeJob"] as? String)
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            let status = try SarhadProcess.run(["slurm", "status", output.path], in: output.deletingLastPathComponent())
            last = status.standardOutput + status.standardError
            if last.contains("merge \(mergeJob): COMPLETED") { return }
            let ours = last.split(separator: "\n").filter { $0.contains("array \(arrayJob),") || $0.contains("merge \(mergeJob):") }
            for failure in ["FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL"] where ours.contains(where: { $0.contains(failure) }) {
                let logs = output.appendingPathComponent("slurm/logs")
                let texts = ((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []).sorted().map { name in
                    "--- \(name)\n" + ((try? String(contentsOf: logs.appendingPathComponent(name), encoding: .utf8)) ?? "")
                }
                throw ClusterJobFailure(description: "a job ended \(failure):\n\(last)\n\(texts.joined(separator: "\n"))")
            }
            Thread.sleep(forTimeInterval: 1)
        }
        throw ClusterJobFailure(description: "merge job \(mergeJob) did not complete within \(Int(timeout)) s; last status:\n\(last)")
    }

    struct ClusterJobFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Every file of the unsharded run has the same bytes in the merged directory (timings.json and the
    /// hidden `.sarhad-output` marker aside: the marker records the command that wrote the folder).
    private func expectSameOutputs(_ unsharded: URL, _ merged: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: unsharded.path)
            .filter { $0 != "timings.json" && !$0.hasPrefix(".") }.sorted()
        #expect(names == ["quantiles.csv", "scenario.toml", "summary.json", "timeseries.csv"])
        for name in names {
            let expected = try Data(contentsOf: unsharded.appendingPathComponent(name))
            let actual = try Data(contentsOf: merged.appendingPathComponent(name))
            #expect(expected == actual, "\(name) differs between the unsharded run and the Slurm merge")
        }
    }
}
