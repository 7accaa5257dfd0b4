import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

/// `sarhad run`: the items are replicates.
struct RunJob: ShardableJob, HasWorkload {
    static let command = "run"
    let command: RunCommand
    let scenario: Scenario
    /// Set with --posterior: replicates draw their parameters from it.
    let predictive: PosteriorPredictive?

    init(command: RunCommand, scenario: Scenario) throws {
        self.command = command
        self.scenario = scenario
        predictive = try command.posterior.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(ScenarioError(file: path, message: "cannot be read", expected: "a posterior.csv from sarhad calibrate"))
            }
            do {
                let posterior = try PosteriorTable.parse(String(decoding: data, as: UTF8.self))
                return PosteriorPredictive(base: scenario.configuration, posterior: posterior, seed: command.seed)
            } catch let error as PosteriorTable.ParseError {
                throw InputError(ScenarioError(file: path, line: error.line, message: error.message,
                                               expected: "the posterior.csv format (particle,weight,distance,<parameter>…)"))
            }
        }
    }

    /// The library's job for these options: `sarhad run` only turns its arguments into it.
    var core: EnsembleJob {
        EnsembleJob(scenario: scenario, seed: command.seed, replicates: command.replicates, engine: command.engine.engine,
                    predictive: predictive, byDistrict: command.by == .district,
                    provenance: [fileFingerprint(command.scenarioFile), fileFingerprint(command.posterior)])
    }

    var totalItems: Int { command.replicates }
    var fingerprint: String { core.fingerprint }

    func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult] {
        core.compute(items, threads: threads, progress: progress)
    }

    func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String {
        try core.finish(results, into: directory)
    }

    func workload(simulations: Int, threads: Int) -> Workload { core.workload(simulations: simulations, threads: threads) }

    func afterCommit(_ directory: OutputDirectory) throws {
        guard let report = command.report else { return }
        let file = try ReportWriter.write(runDirectories: [directory.final], to: URL(fileURLWithPath: report))
        if !command.quiet { FileHandle.standardError.write(Data("Report: \(file.path)\n".utf8)) }
    }
}
