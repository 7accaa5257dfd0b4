import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs

/// How far a sharded command has got, from its output directory alone (plus, when given, what
/// squeue says about the recorded jobs).
struct SlurmStatus {
    enum Merged: Equatable {
        case no
        /// Written after every shard that is there now.
        case upToDate([String])
        /// Merged before the newest shard was (re)written: the merge must run again.
        case outOfDate([String])
    }

    /// Where a calibration stands: the step whose shards are listed, and what is closed.
    struct CalibrationStage: Equatable {
        var closed: [CalibrationStep]
        /// The open step; nil once the posterior predictive is closed (the outputs are written).
        var open: CalibrationStep?
        /// --generations, when the arguments are known.
        var generations: Int?

        /// The step whose shards are counted: the open one, or the last once all are closed.
        var listed: CalibrationStep { open ?? closed.last ?? .generation(0) }
    }

    let files: SlurmFiles
    let record: SlurmJobsRecord?
    let command: String
    let shardCount: Int
    let complete: [Int]
    let missing: [Int]
    /// Folders under shards/ (a calibration: under its listed step's folder) that belong to another split.
    let strangers: [String]
    let merged: Merged
    let calibration: CalibrationStage?

    init(outputDirectory: String) throws(SlurmProblem) {
        files = SlurmFiles(outputDirectory: outputDirectory)
        record = try SlurmJobsRecord.load(files)
        if record?.command == CalibrationJob.command || CalibrationDirectory.holdsCalibration(outputDirectory) {
            let directory = CalibrationDirectory(output: outputDirectory)
            let progress: CalibrationDirectory.Progress
            do {
                progress = try directory.progress()
            } catch {
                throw SlurmProblem(error.description)
            }
            let closed = progress.generations.compactMap { CalibrationStep(name: $0.step) } + (progress.next == nil ? [.predictive] : [])
            let arguments = record?.arguments ?? directory.recordedInvocation()?.arguments
            calibration = CalibrationStage(closed: closed, open: progress.next,
                                           generations: arguments.flatMap { try? CalibrateCommand.parse($0).generations })
        } else {
            calibration = nil
        }
        let folders = ShardFolders(outputDirectory: outputDirectory, step: calibration?.listed)
        guard let count = record?.shardCount ?? folders.shardCount ?? calibration.flatMap({ _ in
            try? CalibrationDirectory(output: outputDirectory).progress().generations.last?.shardCount
        }) else {
            throw SlurmProblem("\(outputDirectory) has no jobs record (slurm/jobs.json) and no shards: nothing was submitted there")
        }
        shardCount = count
        let shards = (1...count).compactMap { Shard(index: $0, count: count) }
        complete = shards.filter(folders.isComplete).map(\.index)
        missing = shards.filter { !folders.isComplete($0) }.map(\.index)
        strangers = folders.strangers(count: count)
        command = record?.command ?? (calibration != nil ? CalibrationJob.command : nil) ?? shards.lazy.compactMap { shard -> String? in
            guard let data = FileManager.default.contents(atPath: folders.manifest(shard).path) else { return nil }
            return try? JSONDecoder().decode(ShardManifest.self, from: data).command
        }.first ?? "?"
        if let calibration {
            merged = calibration.open == nil ? Self.merged(in: URL(fileURLWithPath: outputDirectory), newestShard: nil) : .no
        } else {
            let newestShard = shards.compactMap { Self.modified(folders.manifest($0)) }.max()
            merged = Self.merged(in: URL(fileURLWithPath: outputDirectory), newestShard: newestShard)
        }
    }

    /// The submissions that ran the shards now listed: a calibration's for its listed step, otherwise all.
    private var listedSubmissions: [SlurmJobsRecord.Submission] {
        guard let record else { return [] }
        guard let calibration else { return record.submissions }
        return record.submissions.filter { $0.step == calibration.listed.name }
    }

    /// DIR's own files and folders, which only `merge` (or an unsharded run) writes.
    private static func merged(in directory: URL, newestShard: Date?) -> Merged {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0 != ShardFiles.folder && $0 != "slurm" }.sorted()
        guard !names.isEmpty else { return .no }
        let oldest = names.compactMap { modified(directory.appendingPathComponent($0)) }.min()
        if let newestShard, let oldest, oldest < newestShard { return .outOfDate(names) }
        return .upToDate(names)
    }

    private static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    func render(queue: SlurmQueue.Answer) -> String {
        var lines = ["\(files.outputDirectory): `sarhad \(command)` in \(shardCount) shards"]
        if let calibration {
            let closed = calibration.closed.isEmpty ? "none" : calibration.closed.map(\.description).joined(separator: ", ")
            if let open = calibration.open {
                let of: String
                if case .generation = open, let generations = calibration.generations { of = " (of up to \(generations))" } else { of = "" }
                lines.append("in progress: \(open)\(of), \(complete.count) of \(shardCount) shards done; closed: \(closed)")
            } else {
                lines.append("in progress: nothing, every step is closed (\(closed))")
            }
        }
        lines.append("complete: \(complete.count) of \(shardCount)" + (complete.isEmpty ? "" : " (\(ArrayTaskList(shards: complete).arraySpecification))"))
        if missing.isEmpty {
            lines.append("missing: none")
        } else {
            lines.append("missing: \(ArrayTaskList(shards: missing).arraySpecification)")
            for shard in missing {
                if let log = latestLog(shard: shard) { lines.append("  shard \(shard): \(log)") }
            }
        }
        if !strangers.isEmpty {
            lines.append("foreign: shards/\(strangers.joined(separator: ", shards/")) (another split; merge refuses them)")
        }
        let knownStates: [SlurmQueue.JobState]
        if case .states(let states) = queue { knownStates = states } else { knownStates = [] }
        switch merged {
        case .no:
            let mergeJob = listedSubmissions.last?.mergeJob
            if let running = knownStates.first(where: { $0.job == mergeJob && $0.task == nil && $0.isActive }) {
                lines.append("merged: no (merge job \(running.job) is \(running.state))")
            } else {
                lines.append("merged: no" + (missing.isEmpty ? " (run `sarhad merge \(files.outputDirectory)`)" : ""))
            }
        case .upToDate(let names):
            lines.append("merged: yes (\(names.joined(separator: ", ")))")
        case .outOfDate(let names):
            lines.append("merged: out of date (\(names.joined(separator: ", ")) older than a shard; merge again once all are complete)")
        }
        lines += jobLines(queue)
        if let record {
            // Shards still pending or running are not failures; suggest rerunning only the others.
            let arrays = Set(listedSubmissions.map(\.arrayJob))
            let queued = Set(knownStates.filter { $0.isActive && arrays.contains($0.job) }.compactMap(\.task))
            let rerun = missing.filter { !queued.contains($0) }
            if !rerun.isEmpty {
                let command = "sarhad slurm submit --only \(ArrayTaskList(shards: rerun).arraySpecification) -- "
                    + ShellQuoting.join([self.command] + record.arguments)
                if case .unavailable = queue {
                    lines.append("if those shards are no longer queued, rerun them: \(command)")
                } else {
                    lines.append("rerun shards that are no longer queued: \(command)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The log of the latest submission that ran `shard`, with its last line (usually the error).
    private func latestLog(shard: Int) -> String? {
        guard let submission = listedSubmissions.last(where: { $0.shards.contains(shard) }) else { return nil }
        let log = files.shardLog(shard: shard, arrayJob: submission.arrayJob)
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return "no log yet (\(log.path))" }
        let last = text.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return "\(log.path)" + (last.map { ": \(String($0.prefix(200)))" } ?? " (empty)")
    }

    private func jobLines(_ queue: SlurmQueue.Answer) -> [String] {
        guard let record, !record.submissions.isEmpty else { return [] }
        let states: [SlurmQueue.JobState]
        var lines = ["jobs:"]
        switch queue {
        case .unavailable(let reason):
            lines.append("  (states unknown: \(reason))")
            states = []
        case .states(let known):
            states = known
        }
        for (number, submission) in record.submissions.enumerated() {
            let tasks = states.filter { $0.job == submission.arrayJob && $0.task != nil }
            var byState = [String: [Int]]()
            for task in tasks { byState[task.state, default: []].append(task.task!) }
            var summary = byState.keys.sorted().map { "\($0) \(ArrayTaskList(shards: byState[$0]!).arraySpecification)" }
            // squeue leaves out array tasks cancelled before they started.
            let unlisted = submission.shards.filter { shard in !tasks.contains { $0.task == shard } }
            if !summary.isEmpty, !unlisted.isEmpty {
                summary.append("not listed \(ArrayTaskList(shards: unlisted).arraySpecification)")
            }
            let step = submission.step.flatMap(CalibrationStep.init(name:)).map { "\($0): " } ?? ""
            lines.append("  \(number + 1). \(step)array \(submission.arrayJob), shards \(ArrayTaskList(shards: submission.shards).arraySpecification): "
                + (summary.isEmpty ? "not in squeue" : summary.joined(separator: "; ")))
            if let mergeJob = submission.mergeJob {
                let state = states.first { $0.job == mergeJob && $0.task == nil }
                let text = state.map { $0.state + ($0.reason == "None" || $0.reason.isEmpty ? "" : " (\($0.reason))") }
                lines.append("     merge \(mergeJob): \(text ?? "not in squeue")")
            } else {
                lines.append("     merge: not submitted")
            }
        }
        if case .states = queue, states.isEmpty {
            lines.append("  (squeue no longer lists these jobs: Slurm forgets finished jobs after MinJobAge)")
        }
        return lines
    }
}
