import Foundation
import Testing

/// A run small enough to take a second or two in a debug build.
let tinyRun = ["run", "--population-scale", "0.001", "--end", "2020-02-10", "--quiet", "--threads", "1"]

extension SarhadProcess {
    /// The hidden entries beside `name` in `directory` that Sarhad stages into (`.NAME.partial-PID`, `.NAME.replaced-PID`).
    static func stagingLeftovers(of name: String, in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".\(name).") }
    }

    /// The process number of a process that has ended.
    static func endedProcessNumber() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

@Suite("--output never deletes what the user owns")
struct OutputSafetyTests {
    let manager = FileManager.default

    @Test("--output . in a project folder is refused with status 2 before any work, and keep.txt stays")
    func currentFolderRefused() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        try "mine\n".write(to: directory.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        let outcome = try SarhadProcess.run(["run", "--population-scale", "0.001", "--end", "2020-02-10", "--output", "."],
                                            in: directory)
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("--output \(directory.resolvingSymlinksInPath().path)"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("Running"), "the refusal must come before the simulation")
        #expect(try String(contentsOf: directory.appendingPathComponent("keep.txt"), encoding: .utf8) == "mine\n")
        #expect(try manager.contentsOfDirectory(atPath: directory.path) == ["keep.txt"])
        #expect(try SarhadProcess.stagingLeftovers(of: directory.lastPathComponent, in: directory.deletingLastPathComponent()).isEmpty)
    }

    @Test("a folder holding a user's file is refused, for every command that writes a folder, and the file stays")
    func foreignFolderRefused() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        let mine = directory.appendingPathComponent("mydir")
        try manager.createDirectory(at: mine, withIntermediateDirectories: true)
        try "mine\n".write(to: mine.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            tinyRun + ["--output", "mydir"],
            tinyRun + ["--replicates", "2", "--output", "mydir", "--shard", "1/2"],
            ["compare", "built-in", "built-in", "--replicates", "1", "--population-scale", "0.001", "--end", "2020-02-10",
             "--quiet", "--output", "mydir"],
            ["sweep", "--set", "disease.r0=2,3", "--replicates", "1", "--population-scale", "0.001", "--end", "2020-02-10",
             "--quiet", "--output", "mydir"],
            smallCalibration + ["--output", "mydir"],
            ["validate", "--plan", "quick", "--only", "final-size", "--output", "mydir"],
            ["slurm", "submit", "--shards", "2", "--dry-run", "--"] + tinyRun + ["--replicates", "2", "--output", "mydir"],
        ]
        for arguments in commands {
            let outcome = try SarhadProcess.run(arguments, in: directory)
            #expect(outcome.status == 2, "sarhad \(arguments.joined(separator: " ")): \(outcome.standardError)")
            #expect(outcome.standardError.contains("mydir"), "\(outcome.standardError)")
            #expect(try manager.contentsOfDirectory(atPath: mine.path) == ["keep.txt"], "sarhad \(arguments[0]) wrote into mydir")
        }
        #expect(try String(contentsOf: mine.appendingPathComponent("keep.txt"), encoding: .utf8) == "mine\n")
        #expect(try manager.contentsOfDirectory(atPath: directory.path).sorted() == ["mydir"])
    }

    /// `slurm submit` writes its scripts and jobs.json atomically while earlier shards already run;
    /// Foundation stages each such write as a hidden `.dat.nosync…` file beside the old one. A shard
    /// that checked its folder at that moment refused it (seen in CI's Slurm tests).
    @Test("a shard accepts its folder while Sarhad is still writing a Slurm file in it")
    func shardDuringAtomicWrite() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        let first = try SarhadProcess.run(tinyRun + ["--replicates", "2", "--output", "mydir", "--shard", "1/2"], in: directory)
        try #require(first.status == 0, "\(first.standardError)")
        let slurm = directory.appendingPathComponent("mydir/slurm")
        try manager.createDirectory(at: slurm, withIntermediateDirectories: true)
        try "{}".write(to: slurm.appendingPathComponent("jobs.json"), atomically: false, encoding: .utf8)
        try "{}".write(to: slurm.appendingPathComponent(".dat.nosyncA1B.x2Y3z4"), atomically: false, encoding: .utf8)
        let second = try SarhadProcess.run(tinyRun + ["--replicates", "2", "--output", "mydir", "--shard", "2/2"], in: directory)
        #expect(second.status == 0, "\(second.standardError)")
    }

    @Test("--output naming a regular file is refused and the file keeps its bytes; so is --report")
    func regularFileRefused() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        let notes = directory.appendingPathComponent("notes.txt")
        try "my notes\n".write(to: notes, atomically: true, encoding: .utf8)
        for option in ["--output", "--report"] {
            let outcome = try SarhadProcess.run(tinyRun + [option, "notes.txt"], in: directory)
            #expect(outcome.status == 2, "\(option): \(outcome.standardError)")
            #expect(outcome.standardError.contains("\(option) \(notes.resolvingSymlinksInPath().path) is a file"), "\(outcome.standardError)")
            #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes\n")
        }
        #expect(!manager.fileExists(atPath: directory.appendingPathComponent("sarhad-output").path))
    }

    @Test("a previous Sarhad output is replaced whole; its marker lists the files, and nothing is left beside it")
    func previousOutputReplaced() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        try SarhadProcess.succeed(tinyRun + ["--replicates", "2", "--output", "out"], in: directory)
        #expect(manager.fileExists(atPath: out.appendingPathComponent("quantiles.csv").path))
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(".sarhad-output"))) as? [String: Any]
        #expect(marker?["sarhad_version"] as? String == "0.1.0")
        #expect((marker?["files"] as? [String])?.contains("quantiles.csv") == true)
        #expect((marker?["command"] as? [String])?.contains("--replicates") == true)

        try SarhadProcess.succeed(tinyRun + ["--seed", "9", "--output", "out"], in: directory)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect(summary?["seed"] as? Int == 9)
        // Replaced whole: the single run has no quantiles.csv, so the ensemble's is gone with the rest.
        #expect(!manager.fileExists(atPath: out.appendingPathComponent("quantiles.csv").path))
        #expect(try SarhadProcess.stagingLeftovers(of: "out", in: directory).isEmpty)

        // An output written before the marker existed is recognised by its summary.json.
        try manager.removeItem(at: out.appendingPathComponent(".sarhad-output"))
        try SarhadProcess.succeed(tinyRun + ["--seed", "10", "--output", "out"], in: directory)
        #expect(manager.fileExists(atPath: out.appendingPathComponent(".sarhad-output").path))

        // An empty folder is used as it is.
        try manager.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try SarhadProcess.succeed(tinyRun + ["--output", "empty"], in: directory)
        #expect(manager.fileExists(atPath: directory.appendingPathComponent("empty/summary.json").path))
    }

    @Test("a Sarhad output with a user's file added is not replaced: the file would be lost")
    func outputWithUserFileRefused() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        try SarhadProcess.succeed(tinyRun + ["--output", "out"], in: directory)
        let notes = directory.appendingPathComponent("out/analysis.R")
        try "plot(x)\n".write(to: notes, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: directory.appendingPathComponent("out/summary.json"))
        let outcome = try SarhadProcess.run(tinyRun + ["--seed", "3", "--output", "out"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("analysis.R"), "\(outcome.standardError)")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "plot(x)\n")
        #expect(try Data(contentsOf: directory.appendingPathComponent("out/summary.json")) == before)
    }

    @Test("staging folders a killed command left are removed by the next one; others' are kept")
    func stalePartialRemoved() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        // A real marker (this machine's) in each of Sarhad's leftovers, as a killed run leaves them.
        try SarhadProcess.succeed(tinyRun + ["--output", "donor"], in: directory)
        let marker = try Data(contentsOf: directory.appendingPathComponent("donor/.sarhad-output"))
        let ended = try SarhadProcess.endedProcessNumber()
        let stale = ".out.partial-\(ended)", staleReplaced = ".out.replaced-\(ended)"
        for name in [stale, staleReplaced] {
            let folder = directory.appendingPathComponent(name)
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try marker.write(to: folder.appendingPathComponent(".sarhad-output"))
            try "date,province,measure,value\n".write(to: folder.appendingPathComponent("timeseries.csv"), atomically: true, encoding: .utf8)
        }
        // Named like a leftover but not Sarhad's (no marker), and Sarhad's but of a process still running.
        // (Process numbers are handed out in turn: each leftover takes one of an ended process, not the next free one.)
        let foreign = ".out.partial-\(try SarhadProcess.endedProcessNumber())", running = ".out.partial-\(ProcessInfo.processInfo.processIdentifier)"
        try manager.createDirectory(at: directory.appendingPathComponent(foreign), withIntermediateDirectories: true)
        try "mine\n".write(to: directory.appendingPathComponent("\(foreign)/keep.txt"), atomically: true, encoding: .utf8)
        try manager.createDirectory(at: directory.appendingPathComponent(running), withIntermediateDirectories: true)
        try marker.write(to: directory.appendingPathComponent("\(running)/.sarhad-output"))

        try SarhadProcess.succeed(tinyRun + ["--output", "out"], in: directory)
        let left = try SarhadProcess.stagingLeftovers(of: "out", in: directory).sorted()
        #expect(left == [foreign, running].sorted())
        #expect(manager.fileExists(atPath: directory.appendingPathComponent("\(foreign)/keep.txt").path))
        #expect(manager.fileExists(atPath: directory.appendingPathComponent("out/summary.json").path))
    }

    @Test("shards and their merge write beside each other; the merged folder is Sarhad's, and a folder with a user's file is not")
    func shardsAndMerge() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        for k in 1...2 { try SarhadProcess.succeed(tinyRun + ["--replicates", "2", "--output", "out", "--shard", "\(k)/2"], in: directory) }
        try SarhadProcess.succeed(["merge", "out"], in: directory)
        let out = directory.appendingPathComponent("out")
        #expect(manager.fileExists(atPath: out.appendingPathComponent("quantiles.csv").path))
        #expect(manager.fileExists(atPath: out.appendingPathComponent(".sarhad-output").path))
        // The merged folder, shards and all, is replaced by a later run.
        try SarhadProcess.succeed(tinyRun + ["--output", "out"], in: directory)
        #expect(!manager.fileExists(atPath: out.appendingPathComponent("shards").path))

        // Shards written into a folder that later gained a user's file: merge refuses and keeps the file.
        for k in 1...2 { try SarhadProcess.succeed(tinyRun + ["--replicates", "2", "--output", "other", "--shard", "\(k)/2"], in: directory) }
        try "mine\n".write(to: directory.appendingPathComponent("other/keep.txt"), atomically: true, encoding: .utf8)
        let merge = try SarhadProcess.run(["merge", "other"], in: directory)
        #expect(merge.status == 2, "\(merge.standardError)")
        #expect(merge.standardError.contains("keep.txt"), "\(merge.standardError)")
        #expect(try manager.contentsOfDirectory(atPath: directory.appendingPathComponent("other").path).sorted() == ["keep.txt", "shards"])
        #expect(try manager.contentsOfDirectory(atPath: directory.path).sorted() == ["other", "out"], "merge left something beside")
    }

    @Test("outputs written before the marker existed are recognised: a run, a comparison, a shard")
    func earlierOutputsRecognised() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        let compare = ["compare", "built-in", "built-in", "--replicates", "1", "--population-scale", "0.001", "--end", "2020-02-10",
                       "--quiet", "--threads", "1", "--output", "cmp"]
        let shard = tinyRun + ["--replicates", "2", "--output", "sharded", "--shard", "1/2"]
        try SarhadProcess.succeed(compare, in: directory)
        try SarhadProcess.succeed(shard, in: directory)
        for marker in ["cmp/.sarhad-output", "sharded/shards/1-of-2/.sarhad-output"] {
            try manager.removeItem(at: directory.appendingPathComponent(marker))
        }
        try SarhadProcess.succeed(compare, in: directory)
        try SarhadProcess.succeed(shard, in: directory)
        #expect(manager.fileExists(atPath: directory.appendingPathComponent("cmp/.sarhad-output").path))
        #expect(manager.fileExists(atPath: directory.appendingPathComponent("sharded/shards/1-of-2/.sarhad-output").path))

        // A comparison folder with a folder of the user's in it is not one.
        try manager.removeItem(at: directory.appendingPathComponent("cmp/.sarhad-output"))
        try manager.createDirectory(at: directory.appendingPathComponent("cmp/drafts"), withIntermediateDirectories: true)
        try "x\n".write(to: directory.appendingPathComponent("cmp/drafts/x.txt"), atomically: true, encoding: .utf8)
        let refused = try SarhadProcess.run(compare, in: directory)
        #expect(refused.status == 2, "\(refused.standardError)")
        #expect(manager.fileExists(atPath: directory.appendingPathComponent("cmp/drafts/x.txt").path))
    }

    @Test("--report into a folder whose report.html Sarhad did not write is refused; into a new folder it is written")
    func reportDestination() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? manager.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site")
        try manager.createDirectory(at: site, withIntermediateDirectories: true)
        try "<p>my page</p>\n".write(to: site.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        let refused = try SarhadProcess.run(tinyRun + ["--output", "out", "--report", "site"], in: directory)
        #expect(refused.status == 2, "\(refused.standardError)")
        #expect(refused.standardError.contains("--report \(site.resolvingSymlinksInPath().path)"), "\(refused.standardError)")
        #expect(try String(contentsOf: site.appendingPathComponent("report.html"), encoding: .utf8) == "<p>my page</p>\n")
        #expect(!manager.fileExists(atPath: directory.appendingPathComponent("out").path))
    }
}
