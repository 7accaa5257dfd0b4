import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel

/// `calibrate --shard K/N` and `sarhad merge` of a calibration directory. A shard runs its share of
/// the step the directory is waiting for; the merge closes that step. Both go through the same
/// `ABCSMC.sample` / `close` and `PosteriorPredictive.run` as the unsharded run, and a closed
/// generation is stored with every bit of its particles, so the final outputs are the same bytes.
enum CalibrationShards {
    static func runShard(_ job: CalibrationJob, shard: Shard, arguments: [String], output: String, threads: Int,
                         quiet: Bool) throws -> String {
        let directory = CalibrationDirectory(output: output)
        let progress = try directory.progress(fingerprint: job.fingerprint)
        guard let step = progress.next else {
            return "The calibration in \(output) is complete (its outputs are written): shard \(shard) has nothing to do."
        }
        let history = progress.generations.map { $0.generation!.generation(space: job.space) }
        let reporter = ProgressReporter(label: "shard \(shard) of \(step)", unit: step == .predictive ? "replicate" : "particle")
        let report: @Sendable (Int, Int) -> Void = { done, total in if !quiet { reporter.update(done, total) } }
        let total = step == .predictive ? job.request.predictive : job.request.particles
        let items = Array(shard.items(of: total))
        let manifest = ShardManifest(command: CalibrationJob.command, arguments: arguments,
                                     workingDirectory: FileManager.default.currentDirectoryPath, fingerprint: job.fingerprint,
                                     shard: shard, items: items, totalItems: total, step: step.name)
        let path = directory.folder(step).appendingPathComponent(shard.folderName).path
        let written: URL
        switch step {
        case .generation(let index):
            let outcomes = job.smc(threads: threads).sample(generation: index, slots: items, previous: history.last?.posterior,
                                                            threads: threads, progress: report)
            written = try ShardFiles.write(manifest, outcomes, to: path)
        case .predictive:
            let forward = job.predictive(history.last!.posterior).run(items, threads: threads, progress: report)
            written = try ShardFiles.write(manifest, forward, to: path)
        }
        let what = step == .predictive ? "replicates" : "particle slots"
        return "Shard \(shard) of \(step): \(what) \(ShardFiles.itemRange(items)) of \(total) written to \(written.path); "
            + "run `sarhad merge \(output)` when every shard of \(step) is done."
    }

    /// Closes the step `output` is waiting for from its shards; `output` is absolute (merge runs in
    /// the shards' working directory).
    static func merge(output: String) throws -> String {
        let directory = CalibrationDirectory(output: output)
        guard let invocation = directory.recordedInvocation() else {
            throw ShardFiles.Problem(description: "\(directory.folder(.generation(0)).path) holds no finished shard "
                + "(run `sarhad calibrate … --shard K/N` first)")
        }
        let workingDirectory = try WorkingDirectory.enter(invocation.workingDirectory)
        defer { workingDirectory.leave() }
        let job = try readingInput { try CalibrateCommand.parse(invocation.arguments).job() }
        let progress = try directory.progress(fingerprint: job.fingerprint)
        guard let step = progress.next else {
            return "The calibration in \(output) is complete: nothing left to merge."
        }
        let shards: [(ShardManifest, URL)]
        do {
            shards = try ShardFiles.manifests(in: directory.folder(step))
        } catch let problem as ShardFiles.Problem {
            throw ShardFiles.Problem(description: "cannot close \(step): \(problem.description)")
        }
        let expectedItems = step == .predictive ? job.request.predictive : job.request.particles
        for (manifest, folder) in shards where manifest.fingerprint != job.fingerprint || manifest.step != step.name
            || manifest.command != CalibrationJob.command || manifest.totalItems != expectedItems {
            throw ShardFiles.Problem(description: "\(folder.path) is not a shard of \(step) of this calibration (its inputs, "
                + "options or step differ); remove it and rerun that shard")
        }
        let history = progress.generations.map { $0.generation!.generation(space: job.space) }
        var closed = ClosedStep(step: step.name, fingerprint: job.fingerprint, arguments: shards[0].0.arguments,
                                workingDirectory: shards[0].0.workingDirectory, shardCount: shards[0].0.shard.count,
                                generation: nil, endsFit: true)
        let text: String
        switch step {
        case .generation(let index):
            let smc = job.smc(threads: 1)
            let generation = smc.close(try ShardFiles.results(shards, as: ABCSMC.SlotOutcome.self), previous: history.last?.posterior)
            guard generation.posterior.count > 0 else {
                FileHandle.standardError.write(Data("error: \(step): \(CalibrationJob.noParticleMessage)\n".utf8))
                throw ExitCode(ExitStatus.failure)
            }
            closed.generation = ClosedStep.GenerationRecord(generation)
            closed.endsFit = smc.endsFit(generation, index: index)
            try save(closed, to: directory.closedFile(step))
            let next: CalibrationStep = closed.endsFit ? .predictive : .generation(index + 1)
            text = CalibrationJob.generationLine(index, generation)
                + "\nClosed \(step); next: \(next) (run its shards with the same command, then `sarhad merge \(output)` again)."
        case .predictive:
            let forward = try ShardFiles.results(shards, as: SimulationResult.self)
            let outputs = try OutputDirectory(path: output)
            do {
                text = try job.write(history: history, forward: forward, into: outputs) + "\nOutputs in \(outputs.final.path)"
                try outputs.commitAlongside()
            } catch {
                outputs.abandon()
                throw error
            }
            // Last: a merge killed before this line leaves the predictive open, and merging again redoes it.
            try save(closed, to: directory.closedFile(step))
        }
        return text
    }

    private static func save(_ closed: ClosedStep, to file: URL) throws {
        try ShardFiles.encoder.encode(closed).write(to: file, options: .atomic)
    }
}
