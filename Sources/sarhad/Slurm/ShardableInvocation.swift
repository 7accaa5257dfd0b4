import ArgumentParser
import Foundation
import SarhadJobs

/// `COMMAND ARGS…` as given after `sarhad slurm submit --`: checked here, before anything is
/// queued, by parsing it exactly as the array tasks will (so a typo fails now, not in 64 tasks).
struct ShardableInvocation {
    static let commands = [RunJob.command, CompareJob.command, SweepJob.command, CalibrationJob.command]

    let command: String
    let arguments: [String]
    /// The command's --output (its default when not given), as the user wrote it.
    let output: String
    /// Work items of the smallest step: a calibration's shards each need a particle and a predictive replicate.
    let totalItems: Int
    /// A calibration's --generations: it is submitted as a chain of steps, one array and merge each.
    let calibrationGenerations: Int?

    init(_ words: [String]) throws(SlurmProblem) {
        guard let command = words.first else {
            throw SlurmProblem("give the command to run after `--`, e.g. `sarhad slurm submit --shards 4 -- run --replicates 8 --output out`")
        }
        guard Self.commands.contains(command) else {
            throw SlurmProblem("`\(command)` cannot run as shards; Slurm can run \(Self.commands.map { "`\($0)`" }.joined(separator: ", "))")
        }
        let arguments = Array(words.dropFirst())
        if arguments.contains(where: { $0 == "--shard" || $0.hasPrefix("--shard=") }) {
            throw SlurmProblem("leave --shard out: each array task adds its own `--shard $SLURM_ARRAY_TASK_ID/N`")
        }
        self.command = command
        self.arguments = arguments
        do {
            switch command {
            case RunJob.command:
                let parsed = try RunCommand.parse(arguments)
                (output, totalItems) = (parsed.output, try RunJob(command: parsed, scenario: try parsed.resolvedScenario()).totalItems)
                calibrationGenerations = nil
            case CompareJob.command:
                let parsed = try CompareCommand.parse(arguments)
                (output, totalItems) = (parsed.output, try CompareJob(command: parsed).totalItems)
                calibrationGenerations = nil
            case CalibrationJob.command:
                let parsed = try CalibrateCommand.parse(arguments)
                guard parsed.coverageTrials == nil else {
                    throw SlurmProblem("`calibrate --coverage-trials` cannot run as shards; leave it out to shard the fit")
                }
                _ = try parsed.job()
                (output, totalItems) = (parsed.output, min(parsed.particles, parsed.predictive))
                calibrationGenerations = parsed.generations
            default:
                let parsed = try SweepCommand.parse(arguments)
                (output, totalItems) = (parsed.output, try parsed.job().totalItems)
                calibrationGenerations = nil
            }
        } catch let error as InputError {
            throw SlurmProblem("`\(command)`: \(error.description)")
        } catch let problem as SlurmProblem {
            throw problem
        } catch {
            let message = switch command {
            case RunJob.command: RunCommand.message(for: error)
            case CompareJob.command: CompareCommand.message(for: error)
            case CalibrationJob.command: CalibrateCommand.message(for: error)
            default: SweepCommand.message(for: error)
            }
            throw SlurmProblem("`\(command)`: \(message)")
        }
    }

    var givesThreads: Bool {
        arguments.contains { $0 == "--threads" || $0.hasPrefix("--threads=") }
    }

    func outputDirectory(from workingDirectory: String) -> String {
        URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: workingDirectory + "/")).standardizedFileURL.path
    }
}
