import ArgumentParser
import Foundation
import SarhadJobs
import SarhadScenario

/// Loads a scenario file, or the built-in one; bad input ends the process with status 2 and a clear message.
enum ScenarioInput {
    /// The scenario file at `path` (over the pack it names, else `country`), or the pack `country`'s
    /// own scenario, or the built-in one.
    static func load(_ path: String?, country: String? = nil) throws -> Scenario {
        do {
            guard let path else { return try country.map { try CountryPack.open($0).scenario() } ?? Scenario.builtIn() }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ScenarioError(file: path, message: "cannot be read", expected: "a readable UTF-8 TOML file")
            }
            return try ScenarioLoader.load(text: text, name: path, country: country)
        } catch let error as ScenarioError {
            throw InputError(error)
        }
    }
}

func exitForInputError(_ error: InputError) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    return ExitCode(ExitStatus.refused)
}

/// `body`'s result; an input error in it is printed and becomes exit status 2.
func readingInput<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        throw exitForInputError(error)
    }
}

/// `--country`: the country pack a command starts from when no scenario file names one.
struct CountryOption: ParsableArguments {
    @Option(help: "Country pack: a bundled pack's name (`sarhad country list`) or a pack folder's path. Default: the built-in country.")
    var country: String?
}
