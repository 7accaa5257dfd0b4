import ArgumentParser
import Foundation
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (no JavaScript) for one or more run directories.",
        discussion: """
            Reads timeseries.csv, summary.json, scenario.toml and, for ensembles, quantiles.csv from each run \
            directory. With several directories, each is compared against the first. Writes report.html to \
            --output (default: the first run directory). A report.html is replaced only in a folder Sarhad wrote.             Runs of different dates or population scales are refused (status 2).

            Example: sarhad report sarhad-output
            Example: sarhad report base/ screening/ --output compared/
            """)

    @Argument(help: "Run directories written by `sarhad run`; the first is the baseline.") var runDirectories: [String]
    @Option(help: "Directory to write report.html into (default: the first run directory).") var output: String?

    func validate() throws {
        guard !runDirectories.isEmpty else { throw ValidationError("Give at least one run directory.") }
    }

    func run() throws {
        let destination = URL(fileURLWithPath: output ?? runDirectories[0])
        try OutputDirectory.checkReportDestination(path: destination.path, option: output == nil ? "the run directory" : "--output")
        do {
            let url = try ReportWriter.write(runDirectories: runDirectories.map { URL(fileURLWithPath: $0) }, to: destination)
            print("Report in \(url.path)")
        } catch let error as ReportRun.LoadError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
    }
}
