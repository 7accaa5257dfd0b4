import ArgumentParser
import Foundation
import SarhadModel
import SarhadReport
import SarhadScenario

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario (default: the built-in Afghanistan 2020 scenario, every resident).",
        discussion: """
            Writes timeseries.csv (date,province,measure,value), summary.json and scenario.toml (the fully \
            resolved scenario, to repeat the run exactly) to the output directory, then prints a table of \
            true and recorded totals.
            """)

    @Argument(help: "Scenario file (TOML). Omit for the built-in scenario.") var scenarioFile: String?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Last day to simulate (YYYY-MM-DD).") var end: String?
    @Option(name: .customLong("population-scale"), help: "Fraction of the real population to simulate (0 < X ≤ 1).")
    var populationScale: Double?
    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output directory.") var output: String = "sarhad-output"
    @Flag(help: "Do not print progress.") var quiet = false

    func run() throws {
        let scenario: Scenario
        do {
            scenario = try resolvedScenario()
        } catch let error as InputError {
            throw exitForInputError(error)
        }
        let configuration = scenario.configuration
        let progress = ProgressReporter(label: "sarhad")
        if !quiet {
            FileHandle.standardError.write(Data(("Building \(configuration.name): "
                + "\(PopulationBuilder.residentsPerProvince(configuration).reduce(0, +)) agents…\n").utf8))
        }
        let simulation = Simulation(configuration: configuration, seed: seed, threads: max(1, threads))
        let result = simulation.run { done, total in if !quiet { progress.update(done, total) } }

        let directory = try OutputDirectory(path: output)
        do {
            try directory.write("timeseries.csv", TimeseriesCSV.render(result))
            try directory.write("summary.json", SummaryJSON.render(result, engine: "agent"))
            try directory.write("scenario.toml", ScenarioWriter.toml(scenario))
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        print(SummaryTableText.render(RunSummary(result)))
        print("Outputs in \(directory.final.path) (population \(String(format: "%.1f", result.timings.populationSeconds)) s, "
              + "simulation \(String(format: "%.1f", result.timings.simulationSeconds)) s)")
    }

    func resolvedScenario() throws -> Scenario {
        var scenario = try ScenarioInput.load(scenarioFile)
        if let end {
            guard let date = SimDate(iso: end) else {
                throw InputError(ScenarioError(key: "--end", message: "is \"\(end)\"", expected: "a date like 2020-12-31"))
            }
            guard date >= scenario.configuration.startDate else {
                throw InputError(ScenarioError(key: "--end", message: "is before the scenario's start \(scenario.configuration.startDate)",
                                               expected: "a date on or after the start"))
            }
            scenario.configuration.endDate = date
        }
        if let populationScale {
            guard populationScale > 0, populationScale <= 1 else {
                throw InputError(ScenarioError(key: "--population-scale", message: "is \(populationScale)",
                                               expected: "a number above 0 and at most 1"))
            }
            scenario.configuration.populationScale = populationScale
        }
        return scenario
    }
}
