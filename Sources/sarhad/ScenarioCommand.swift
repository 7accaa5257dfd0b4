import ArgumentParser
import Foundation
import SarhadJobs
import SarhadModel
import SarhadScenario

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario", abstract: "Show or check scenario files.",
        discussion: "Example: sarhad scenario show > my.toml; sarhad scenario check my.toml",
        subcommands: [Show.self, Check.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a scenario (default: the built-in one) as TOML with every default and its source.",
            discussion: """
                Example: sarhad scenario show examples/aid-cut.toml
                With --markdown, prints the parameter tables of docs/MODEL.md §16 instead (paste them between its markers).
                """)

        @Argument(help: "A scenario file to resolve over the defaults.") var file: String?
        @OptionGroup var countryOption: CountryOption
        @Flag(help: "Print the parameter tables (key, value, unit, range, summary, source) as Markdown.") var markdown = false

        func run() throws {
            let scenario = try readingInput { try ScenarioInput.load(file, country: countryOption.country) }
            print(markdown ? ParameterTables.markdown(for: scenario) : ScenarioWriter.toml(scenario), terminator: "")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a scenario file; exit status 2 if it is invalid.",
            discussion: "Example: sarhad scenario check examples/border-measures.toml")

        @Argument(help: "The scenario file to check.") var file: String

        func run() throws {
            let scenario = try readingInput { try ScenarioInput.load(file) }
            print("\(file): valid — \(scenario.configuration.name), \(scenario.configuration.startDate) to "
                  + "\(scenario.configuration.endDate), \(scenario.configuration.timeline.count) timeline events")
        }
    }
}
