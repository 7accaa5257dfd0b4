import Foundation
import SarhadModel
import SarhadScenario
#if canImport(Glibc)
import Glibc
#endif

/// One run from its stored request to its files: resolves the scenario snapshot, simulates on a
/// thread of its own (the simulation is long, blocking work that must not hold a Swift
/// concurrency thread), and writes the outputs as the CLI does.
struct RunExecution: Sendable {
    enum Outcome: Sendable, Equatable {
        case succeeded
        case cancelled
        case failed(String)
    }

    let record: RunRecord
    let files: RunFiles
    let threads: Int
    let board: RunProgressBoard

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
        let scenario: Scenario
        do {
            let request = RunRequest(scenarioId: record.scenarioId ?? 0, seed: record.seed, endDate: record.endDate,
                                     populationScale: record.populationScale)
            scenario = try request.apply(to: ScenarioText.validate(record.scenarioToml))
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
        return .succeeded
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
