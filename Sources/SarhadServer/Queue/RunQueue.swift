import SarhadJobs
import Foundation
import SarhadModel
import SarhadScenario

/// Why a run was not accepted.
public enum RunRefusal: Error, Sendable, Equatable {
    case scenarioNotFound(Int64)
    case invalid(ScenarioError)
    case insufficientMemory(neededBytes: Int64, availableBytes: Int64)
    case runNotFound(Int64)
    case alreadyFinished(Int64, RunStatus)
    /// Scenarios that do not compare (different days or population scales).
    case incomparable(String)

    public var message: String {
        switch self {
        case .scenarioNotFound(let id): "There is no scenario \(id)."
        case .invalid(let error): error.description
        case .insufficientMemory(let needed, let available):
            "This run needs about \(MemoryEstimate.gigabytes(needed)) of memory and only \(MemoryEstimate.gigabytes(available)) "
                + "is available: lower the population scale, or wait for other runs to finish."
        case .runNotFound(let id): "There is no run \(id)."
        case .alreadyFinished(let id, let status): "Run \(id) has already ended (\(status.rawValue))."
        case .incomparable(let message): message
        }
    }
}

/// A request checked against its scenarios, as the record to store, with its memory estimate: ready to be queued.
public struct PreparedRun: Sendable {
    let record: RunRecord
    package let estimate: MemoryEstimate
}

/// The bounded run queue: runs start in submission order, at most `maximumConcurrentRuns` at a
/// time, and only when the memory they are estimated to need is available.
public actor RunQueue {
    public nonisolated let board: RunProgressBoard
    let store: Store
    let runsDirectory: URL
    let maximumConcurrentRuns: Int
    let threadsPerRun: Int
    let availableMemory: @Sendable () -> Int64?
    let scenarios: ScenarioCache
    var waiting: [Int64] = []
    /// Each running run's task; it ends once the run's final state is stored.
    var running: [Int64: Task<Void, Never>] = [:]
    var stopping = false

    /// Memory available now (Linux's MemAvailable), or nil where it cannot be read.
    public static func availableMemory() -> Int64? { MemoryEstimate.availableBytes() }

    public init(store: Store, runsDirectory: URL, maximumConcurrentRuns: Int, threadsPerRun: Int,
                board: RunProgressBoard = RunProgressBoard(), reader: ScenarioReader = .standard,
                availableMemory: @escaping @Sendable () -> Int64? = RunQueue.availableMemory) {
        scenarios = ScenarioCache(reader: reader)
        self.store = store
        self.runsDirectory = runsDirectory
        self.maximumConcurrentRuns = max(1, maximumConcurrentRuns)
        self.threadsPerRun = max(1, threadsPerRun)
        self.board = board
        self.availableMemory = availableMemory
    }

    public nonisolated func files(of runId: Int64) -> RunFiles {
        RunFiles(runsDirectory: runsDirectory, runId: runId)
    }

    /// Validates the request against the stored scenario and estimates its memory. Not isolated to
    /// the queue: the slow part of queueing (reading and parsing the scenario, once per text thanks
    /// to the cache) runs in the caller's task, so concurrent requests do not wait on each other here.
    public nonisolated func prepare(_ request: RunRequest) throws(RunRefusal) -> PreparedRun {
        let scenarioRecord = try storedScenario(request.scenarioId)
        let scenario: Scenario
        do {
            scenario = try request.apply(to: scenarios.scenario(scenarioRecord.toml))
        } catch {
            throw .invalid(error)
        }
        let configuration = scenario.configuration
        let replicates = request.replicates ?? 1
        let estimate = replicates == 1
            ? MemoryEstimate(configuration: configuration)
            : estimate(JobPlans.ensemble(scenario, seed: request.seed, replicates: replicates))
        // With changes, the run keeps the changed scenario's whole text, as a run folder's scenario.toml does.
        let toml = request.overrides.map { $0.isEmpty ? scenarioRecord.toml : ScenarioWriter.toml(scenario) } ?? scenarioRecord.toml
        return PreparedRun(record: RunRecord(
            replicates: replicates, scenarioId: request.scenarioId, scenarioName: configuration.name, scenarioToml: toml,
            seed: request.seed, endDate: configuration.endDate.description, populationScale: configuration.populationScale,
            agents: estimate.agents, estimatedBytes: estimate.bytes, dayCount: replicates == 1 ? configuration.dayCount : replicates),
            estimate: estimate)
    }

    nonisolated func storedScenario(_ id: Int64) throws(RunRefusal) -> ScenarioRecord {
        do {
            return try store.scenario(id: id)
        } catch {
            throw .scenarioNotFound(id)
        }
    }

    /// Memory for a job of several simulations: as `sarhad run --replicates` and `compare` estimate it, with
    /// this queue's threads per run (each thread simulates one population at a time).
    nonisolated func estimate(_ job: some HasWorkload & ShardableJob) -> MemoryEstimate {
        let workload = job.workload(simulations: job.totalItems, threads: threadsPerRun)
        return MemoryEstimate(agents: workload.largestPopulation, bytes: MemoryGuard.estimatedBytes(workload))
    }

    public nonisolated func prepare(_ request: ComparisonRequest) throws(RunRefusal) -> PreparedRun {
        guard (2...Dashboard.maximumComparedRuns).contains(request.scenarioIds.count) else {
            throw .invalid(ScenarioError(key: "scenario_ids", message: "names \(request.scenarioIds.count) scenarios",
                                         expected: "2 to \(Dashboard.maximumComparedRuns) scenario ids, the baseline first"))
        }
        let records = try request.scenarioIds.map { (id) throws(RunRefusal) -> ScenarioRecord in try storedScenario(id) }
        let options = ComparisonOptions(request: request, scenarioTomls: records.map(\.toml),
                                        labels: records.map { "scenario-\($0.id ?? 0)" })
        let job = try JobPlans.comparison(options, cache: scenarios)
        let estimate = estimate(job)
        let first = job.scenarios[0].configuration
        return PreparedRun(record: RunRecord(
            kind: .comparison, replicates: job.replicates, options: JobPlans.encode(options), scenarioId: request.scenarioIds[0],
            scenarioName: job.scenarios.map(\.configuration.name).joined(separator: " vs "), scenarioToml: records[0].toml,
            seed: job.seed, endDate: first.endDate.description, populationScale: first.populationScale, agents: estimate.agents,
            estimatedBytes: estimate.bytes, dayCount: job.totalItems), estimate: estimate)
    }

    public nonisolated func prepare(_ request: SweepRequest) throws(RunRefusal) -> PreparedRun {
        let scenarioRecord = try storedScenario(request.scenarioId)
        let job = try JobPlans.sweep(request, toml: scenarioRecord.toml, cache: scenarios)
        return prepared(.sweep, request, scenarioRecord, job.scenario.configuration, replicates: job.replicates, seed: job.seed,
                        estimate: estimate(job), steps: job.totalItems)
    }

    /// A job of one stored scenario as the row to store: its request kept as JSON, `steps` the progress it counts.
    nonisolated func prepared(_ kind: RunKind, _ request: some Encodable, _ scenarioRecord: ScenarioRecord,
                              _ configuration: ModelConfiguration, replicates: Int = 1, seed: UInt64, endDate: SimDate? = nil,
                              estimate: MemoryEstimate, steps: Int) -> PreparedRun {
        PreparedRun(record: RunRecord(
            kind: kind, replicates: replicates, options: JobPlans.encode(request), scenarioId: scenarioRecord.id,
            scenarioName: configuration.name, scenarioToml: scenarioRecord.toml, seed: seed,
            endDate: (endDate ?? configuration.endDate).description, populationScale: configuration.populationScale,
            agents: estimate.agents, estimatedBytes: estimate.bytes, dayCount: steps), estimate: estimate)
    }

    public nonisolated func prepare(_ request: CalibrationRequest) throws(RunRefusal) -> PreparedRun {
        let scenarioRecord = try storedScenario(request.scenarioId)
        let job = try JobPlans.calibration(request, toml: scenarioRecord.toml, cache: scenarios)
        let workload = job.workload(predictiveShare: job.request.predictive, threads: threadsPerRun, replicatesOption: "predictive")
        return prepared(.calibration, request, scenarioRecord, job.scenario.configuration, replicates: job.request.predictive,
                        seed: job.request.seed,
                        estimate: MemoryEstimate(agents: workload.largestPopulation, bytes: MemoryGuard.estimatedBytes(workload)),
                        steps: job.request.generations + 1)
    }

    public nonisolated func prepare(_ request: ForecastRequest) throws(RunRefusal) -> PreparedRun {
        let scenarioRecord = try storedScenario(request.scenarioId)
        let job = try JobPlans.forecast(request, toml: scenarioRecord.toml, cache: scenarios)
        return prepared(.forecast, request, scenarioRecord, job.scenario.configuration, seed: job.seed,
                        endDate: job.origin.adding(days: job.horizon), estimate: MemoryEstimate(agents: 0, bytes: job.neededBytes), steps: 1)
    }

    public nonisolated func prepare(_ request: BacktestRequest) throws(RunRefusal) -> PreparedRun {
        let scenarioRecord = try storedScenario(request.scenarioId)
        let job = try JobPlans.backtest(request, toml: scenarioRecord.toml, cache: scenarios)
        return prepared(.backtest, request, scenarioRecord, job.scenario.configuration, seed: job.seed,
                        endDate: job.origins.max()!.adding(days: job.horizon), estimate: MemoryEstimate(agents: 0, bytes: job.neededBytes),
                        steps: job.origins.count)
    }

    /// Refuses a prepared run if it cannot fit in memory, stores it as queued, and starts it when a
    /// slot is free. Only quick steps: one row written, and the start of any run a slot is free for.
    public func enqueue(_ prepared: PreparedRun) throws(RunRefusal) -> RunRecord {
        try checkMemory(prepared.estimate)
        let record: RunRecord
        do {
            record = try store.insert(prepared.record)
        } catch {
            throw .invalid(ScenarioError(message: "could not be stored: \(error)"))
        }
        waiting.append(record.id!)
        startWaitingRuns()
        return record
    }

    /// `prepare` then `enqueue`.
    public func submit(_ request: RunRequest) throws(RunRefusal) -> RunRecord {
        try enqueue(prepare(request))
    }

    func checkMemory(_ estimate: MemoryEstimate) throws(RunRefusal) {
        guard let available = availableMemory() else { return }
        if estimate.bytes > available {
            throw .insufficientMemory(neededBytes: estimate.bytes, availableBytes: available)
        }
    }

    /// A queued run is cancelled at once; a running one stops before its next day.
    public func cancel(_ runId: Int64) throws(RunRefusal) -> RunRecord {
        let record: RunRecord
        do {
            record = try store.run(id: runId)
        } catch {
            throw .runNotFound(runId)
        }
        if record.status.isFinal { throw .alreadyFinished(runId, record.status) }
        if let index = waiting.firstIndex(of: runId) {
            waiting.remove(at: index)
            return finish(runId, .cancelled, message: "Cancelled before it started.") ?? record
        }
        board.requestCancel(runId)
        return record
    }

    /// Stops every run at its next day and waits until they have ended; they are recorded as
    /// interrupted, as after a crash. (A population still being built is finished first: the
    /// builder has no place to stop, and takes a few seconds at full scale.)
    public func stopAll() async {
        stopping = true
        for runId in running.keys { board.requestCancel(runId) }
        for runId in waiting { _ = finish(runId, .interrupted, message: "The server stopped before this run started.") }
        waiting = []
        for task in running.values { await task.value }
    }

    func startWaitingRuns() {
        while !stopping, running.count < maximumConcurrentRuns, !waiting.isEmpty {
            let runId = waiting.removeFirst()
            guard var record = try? store.run(id: runId) else { continue }
            do {
                try checkMemory(MemoryEstimate(agents: record.agents, bytes: record.estimatedBytes))
            } catch {
                _ = finish(runId, .failed, message: error.message)
                continue
            }
            let now = Date()
            record = (try? store.updateRun(id: runId) { $0.status = .running; $0.startedAt = now }) ?? record
            board.publish(RunProgress(runId: runId, status: .running, daysDone: 0, dayCount: record.dayCount))
            let execution = RunExecution(record: record, files: files(of: runId), threads: threadsPerRun, board: board,
                                         scenarios: scenarios)
            running[runId] = Task {
                let outcome = await execution.run()
                self.completed(runId, outcome)
            }
        }
    }

    func completed(_ runId: Int64, _ outcome: RunExecution.Outcome) {
        running[runId] = nil
        switch outcome {
        case .succeeded(let headline): _ = finish(runId, .succeeded, message: headline)
        case .cancelled where stopping: _ = finish(runId, .interrupted, message: "The server stopped before this run finished.")
        case .cancelled: _ = finish(runId, .cancelled, message: "Cancelled while running.")
        case .failed(let message): _ = finish(runId, .failed, message: message)
        }
        startWaitingRuns()
    }

    /// Stores the final state and tells the listeners.
    func finish(_ runId: Int64, _ status: RunStatus, message: String?) -> RunRecord? {
        let daysDone = board.latest(runId)?.daysDone
        let now = Date()
        let record = try? store.updateRun(id: runId) { record in
            record.status = status
            record.message = message
            record.finishedAt = now
            record.daysDone = status == .succeeded ? record.dayCount : (daysDone ?? record.daysDone)
        }
        if let record {
            board.publish(RunProgress(runId: runId, status: status, daysDone: record.daysDone, dayCount: record.dayCount,
                                      message: message))
        }
        return record
    }
}
