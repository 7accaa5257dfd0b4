import Foundation
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario
#if canImport(Glibc)
import Glibc
#endif

/// One run from its stored request to its files: resolves the scenario snapshot, simulates on a
/// thread of its own (the simulation is long, blocking work that must not hold a Swift
/// concurrency thread), and writes the outputs as the CLI does.
struct RunExecution: Sendable {
    enum Outcome: Sendable, Equatable {
        /// With the headline the runs list shows, when there is one.
        case succeeded(String?)
        case cancelled
        case failed(String)
    }

    let record: RunRecord
    let files: RunFiles
    let threads: Int
    let board: RunProgressBoard
    /// The queue's parsed scenarios: a job's texts were parsed when it was queued, and are read over the served pack.
    let scenarios: ScenarioCache

    func run() async -> Outcome {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                RunExecution.yieldToRequests()
                continuation.resume(returning: runBlocking())
            }
            thread.name = "sarhad-run-\(record.id ?? 0)"
            // The default 512 kB is tight for a debug build's deep call chains in the engine.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    func runBlocking() -> Outcome {
        guard let runId = record.id else { return .failed("The run has no id.") }
        switch record.kind {
        case .run where record.replicates == 1: return runOne(runId)
        case .run: return runEnsemble(runId)
        case .comparison: return runComparison(runId)
        case .sweep: return runSweep(runId)
        case .calibration: return runCalibration(runId)
        case .forecast: return runForecast(runId)
        case .backtest: return runBacktest(runId)
        }
    }

    func runOne(_ runId: Int64) -> Outcome {
        let scenario: Scenario
        do {
            let request = RunRequest(scenarioId: record.scenarioId ?? 0, seed: record.seed, endDate: record.endDate,
                                     populationScale: record.populationScale)
            scenario = try request.apply(to: scenarios.scenario(record.scenarioToml))
        } catch {
            return .failed("The scenario no longer validates: \(error.description)")
        }
        // A cancel is honoured while the population is built (before each province and between its
        // steps), not only between days.
        let board = self.board
        guard let population = PopulationBuilder.build(scenario.configuration, seed: record.seed, threads: threads,
                                                       shouldStop: { board.isCancelRequested(runId) })
        else { return .cancelled }
        // The same population `Simulation` would build itself from this seed, so the same bytes.
        let simulation = Simulation(configuration: scenario.configuration, seed: record.seed, threads: threads, population: population)
        let result = simulation.run(
            progress: { done, total in
                board.publish(RunProgress(runId: runId, status: .running, daysDone: done, dayCount: total))
            },
            shouldStop: { board.isCancelRequested(runId) })
        guard let result else { return .cancelled }
        do {
            try files.write(result, scenario: scenario)
        } catch {
            return .failed("Writing the outputs failed: \(error)")
        }
        return .succeeded(RunHeadline.run(result))
    }

    /// Progress of a job counted in steps (replicates, generations), published as its days.
    func stepProgress(_ runId: Int64) -> @Sendable (Int, Int) -> Void {
        let board = self.board
        return { done, _ in board.publish(RunProgress(runId: runId, status: .running, daysDone: done, dayCount: record.dayCount)) }
    }

    /// Runs `work` into the run's folder through the library's `OutputDirectory` (staged, then renamed
    /// into place, as the command line writes), turning what it throws into the run's failure message.
    func writing(_ work: (_ path: String) throws -> String?) -> Outcome {
        do {
            return .succeeded(try work(files.directory.path))
        } catch is CancellationError {
            return .cancelled
        } catch {
            return .failed("\(error)")
        }
    }

    func scenario() throws -> Scenario {
        try RunRequest(scenarioId: record.scenarioId ?? 0, seed: record.seed, endDate: record.endDate,
                       populationScale: record.populationScale).apply(to: scenarios.scenario(record.scenarioToml))
    }

    /// `sarhad run --replicates N`: the same `EnsembleJob`, so the same quantiles.csv; then bands.json and the report.
    func runEnsemble(_ runId: Int64) -> Outcome {
        runItems(runId, folder: "the run's folder", {
            do { return JobPlans.ensemble(try scenario(), seed: record.seed, replicates: record.replicates) } catch {
                throw RunRefusal.invalid(ScenarioError(message: "The scenario no longer validates: \(error)"))
            }
        }, extraFiles: { _, results, directory in try directory.write(EnsembleBands.fileName, EnsembleBands.json(results)) },
        afterCommit: { _, results, folder in
            _ = try ReportWriter.write(runDirectories: [folder], to: folder)
            return RunHeadline.ensemble(results)
        })
    }

    /// `sarhad compare`: the same `ComparisonJob`; then the side-by-side report.
    func runComparison(_ runId: Int64) -> Outcome {
        runItems(runId, folder: "the comparison's folder", {
            try JobPlans.comparison(try JobPlans.decode(ComparisonOptions.self, record.options), cache: scenarios)
        }, afterCommit: { job, results, folder in
            _ = try ReportWriter.write(runDirectories: job.names.map { folder.appendingPathComponent($0) }, to: folder)
            return RunHeadline.comparison(job, results)
        })
    }

    /// `sarhad sweep`: the same `SweepJob`.
    func runSweep(_ runId: Int64) -> Outcome {
        runItems(runId, folder: "the sweep's folder", {
            try JobPlans.sweep(try JobPlans.decode(SweepRequest.self, record.options), toml: record.scenarioToml, cache: scenarios)
        }, afterCommit: { job, results, _ in RunHeadline.sweep(job, results) })
    }

    /// A job of independent items, as the command line runs it unsharded: every item (progress per item),
    /// then the job's files (and `extraFiles`) staged in `OutputDirectory` and committed, then `afterCommit`
    /// on the committed folder, which returns the headline. A cancel asked for meanwhile discards the results.
    func runItems<Job: ShardableJob>(_ runId: Int64, folder: String, _ build: () throws -> Job,
                                     extraFiles: (Job, [SimulationResult], OutputDirectory) throws -> Void = { _, _, _ in },
                                     afterCommit: (Job, [SimulationResult], URL) throws -> String?) -> Outcome {
        let job: Job
        do {
            job = try build()
        } catch let refusal as RunRefusal {
            return .failed(refusal.message)
        } catch {
            return .failed("\(error)")
        }
        // In blocks, with a cancel asked for between them: each item's result depends only on its index,
        // so the results are the same as from one call (and as the command line's).
        let total = job.totalItems, block = max(1, 4 * threads), progress = stepProgress(runId)
        var results = [SimulationResult]()
        results.reserveCapacity(total)
        for start in stride(from: 0, to: total, by: block) {
            if board.isCancelRequested(runId) { return .cancelled }
            let done = start
            results += job.compute(Array(start..<min(total, start + block)), threads: threads) { finished, _ in progress(done + finished, total) }
        }
        if board.isCancelRequested(runId) { return .cancelled }
        return writing { path in
            let directory = try OutputDirectory(path: path, option: folder)
            do {
                _ = try job.finish(results, into: directory)
                try extraFiles(job, results, directory)
                try directory.commit()
            } catch {
                directory.abandon()
                throw error
            }
            return try afterCommit(job, results, directory.final)
        }
    }

    /// `sarhad calibrate`: the same `CalibrationJob`, each closed generation published as a step with its line.
    func runCalibration(_ runId: Int64) -> Outcome {
        let job: CalibrationJob
        do {
            job = try JobPlans.calibration(try JobPlans.decode(CalibrationRequest.self, record.options), toml: record.scenarioToml,
                                           cache: scenarios)
        } catch {
            return .failed(error.message)
        }
        let board = self.board, dayCount = record.dayCount
        return writing { path in
            let outcome = try job.runWhole(into: path, option: "the calibration's folder", threads: threads,
                                           generationDone: { index, generation in
                board.publish(RunProgress(runId: runId, status: .running, daysDone: index + 1, dayCount: dayCount,
                                          message: CalibrationJob.generationLine(index, generation)))
            }, predictiveStarts: {
                board.publish(RunProgress(runId: runId, status: .running, daysDone: dayCount - 1, dayCount: dayCount,
                                          message: "posterior predictive: \(job.request.predictive) replicates"))
            }, shouldStop: { board.isCancelRequested(runId) })
            return RunHeadline.calibration(outcome)
        }
    }

    /// `sarhad forecast`: the same `ForecastJob`.
    func runForecast(_ runId: Int64) -> Outcome {
        let job: ForecastJob
        do {
            job = try JobPlans.forecast(try JobPlans.decode(ForecastRequest.self, record.options), toml: record.scenarioToml,
                                        cache: scenarios)
        } catch {
            return .failed(error.message)
        }
        return writing { path in
            let text = try job.run(into: path, option: "the forecast's folder", threads: threads,
                                   shouldStop: { board.isCancelRequested(runId) })
            // The first week's line: "week 1: confirmed … (90 %: …), …".
            return text.split(separator: "\n").dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// `sarhad backtest`: the same `BacktestJob`, each origin a step.
    func runBacktest(_ runId: Int64) -> Outcome {
        let job: BacktestJob
        do {
            job = try JobPlans.backtest(try JobPlans.decode(BacktestRequest.self, record.options), toml: record.scenarioToml,
                                        cache: scenarios)
        } catch {
            return .failed(error.message)
        }
        let board = self.board, dayCount = record.dayCount
        return writing { path in
            var started = 0
            let text = try job.run(into: path, option: "the backtest's folder", threads: threads, originStarts: { origin in
                board.publish(RunProgress(runId: runId, status: .running, daysDone: started, dayCount: dayCount,
                                          message: "fitting through \(origin) and forecasting"))
                started += 1
            }, shouldStop: { board.isCancelRequested(runId) })
            return text.split(separator: "\n").first.map(String.init)
        }
    }

    /// Lowers the calling thread's scheduling priority (nice 10), so that a simulation using every
    /// core does not starve the threads answering requests. On Linux the nice value is per thread
    /// (who 0 is the calling thread) and inherited by threads it starts, such as the engine's worker
    /// pool when a run starts it. Results do not depend on it.
    static func yieldToRequests() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
