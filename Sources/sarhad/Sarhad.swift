import ArgumentParser
import Foundation
import SarhadJobs

// Async so that `serve` (an async subcommand) can run; the other subcommands stay synchronous.
@main
struct Sarhad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sarhad",
        abstract: "Simulates an epidemic entering a country across its land borders, person by person.",
        discussion: "With no scenario file, commands use the built-in scenario of the default country pack (`sarhad country list`).",
        version: SarhadVersion.current,
        subcommands: [RunCommand.self, CompareCommand.self, CalibrateCommand.self, SweepCommand.self, MergeCommand.self,
                      SlurmCommand.self, ValidateCommand.self, ReportCommand.self, ServeCommand.self, ScenarioCommand.self,
                      RecordCommand.self, ForecastCommand.self, BacktestCommand.self, CountryCommand.self, BenchCommand.self])

    /// ArgumentParser's own entry point, after tuning the allocator for the engine's daily lists.
    static func main() async {
        AllocatorTuning.keepFreedBlocksForReuse()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let refusal as Refusal {
            FileHandle.standardError.write(Data("error: \(refusal.description)\n".utf8))
            exit(withError: ExitCode(ExitStatus.refused))
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            exit(withError: ExitCode(ExitStatus.refused))
        } catch {
            exit(withError: error)
        }
    }
}
