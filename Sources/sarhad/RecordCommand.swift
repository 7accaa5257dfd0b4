import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadScenario

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Check a record of cases, deaths and tests, and serosurveys, before fitting them.",
        discussion: "Example: sarhad record check ministry.csv --serosurvey sero.csv",
        subcommands: [Check.self, Synthesize.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a record file (and a serosurvey file); exit status 2 with every error and its line if invalid.",
            discussion: """
            A record file has the header date,province,measure,value (and optionally note); province is national or a \
            province of the scenario; measure is confirmed, recorded_deaths or tests (daily counts) or the same with \
            _cumulative (totals). A serosurvey file has start,end,province,age_min,age_max,sampled,positive and optionally \
            sensitivity,specificity.

            Example: sarhad record check ministry.csv --serosurvey sero.csv my-scenario.toml
            """)

        @Argument(help: "The record file (CSV date,province,measure,value).") var file: String
        @Argument(help: "Scenario file (TOML) whose provinces the files name. Omit for the built-in scenario.") var scenarioFile: String?
        @OptionGroup var countryOption: CountryOption
        @Option(help: "A serosurvey file to check too (CSV start,end,province,age_min,age_max,sampled,positive).")
        var serosurvey: String?

        func run() throws {
            let scenario = try readingInput { try ScenarioInput.load(scenarioFile, country: countryOption.country) }
            let provinces = scenario.configuration.provinces.map(\.name)
            var problems = [RecordError]()
            var summary = [String]()
            do {
                let record = try EpidemicRecord.parse(text: try readingInput { try Self.text(of: file) }, name: file, provinces: provinces)
                summary.append(Self.describe(record, file: file))
            } catch let errors as RecordErrors {
                problems += errors.errors
            }
            if let serosurvey {
                do {
                    let surveys = try SerosurveyFile.parse(text: try readingInput { try Self.text(of: serosurvey) }, name: serosurvey,
                                                           provinces: provinces)
                    summary.append(Self.describe(surveys, file: serosurvey))
                } catch let errors as RecordErrors {
                    problems += errors.errors
                }
            }
            guard problems.isEmpty else {
                FileHandle.standardError.write(Data(problems.map { "error: \($0.description)\n" }.joined().utf8))
                throw ExitCode(ExitStatus.refused)
            }
            print(summary.joined(separator: "\n"))
        }

        static func text(of path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw InputError(ScenarioError(file: path, message: "cannot be read", expected: "a readable UTF-8 CSV file"))
            }
            return text
        }

        static func describe(_ record: EpidemicRecord, file: String) -> String {
            let keys = record.series.keys
            let measures = Set(keys.map(\.measureName)).sorted { EpidemicRecord.measureNames.firstIndex(of: $0)! < EpidemicRecord.measureNames.firstIndex(of: $1)! }
            let provinces = Set(keys.compactMap { key -> Int? in
                if case .province(let index) = key.region { return index }
                return nil
            })
            let national = keys.contains { $0.region == .national }
            let dates = record.dateRange.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "no dates"
            return "\(file): valid — \(record.observationCount) observations, \(dates); measures: "
                + (measures.isEmpty ? "none" : measures.joined(separator: ", "))
                + "; \(national ? "national and " : "")\(provinces.count) province\(provinces.count == 1 ? "" : "s")"
        }

        static func describe(_ surveys: [Serosurvey], file: String) -> String {
            let sampled = surveys.reduce(0) { $0 + $1.sampled }, positive = surveys.reduce(0) { $0 + $1.positive }
            let dates = surveys.isEmpty ? "no dates"
                : "\(surveys.map(\.start).min()!) to \(surveys.map(\.end).max()!)"
            return "\(file): valid — \(surveys.count) serosurvey\(surveys.count == 1 ? "" : "s"), \(dates); "
                + "\(positive) positive of \(sampled) sampled"
        }
    }

    struct Synthesize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write what an agent run of a scenario would have recorded, as a record file: synthetic truth for backtests.",
            discussion: """
            Runs the agents once and writes their daily confirmed cases, recorded deaths and tests, national and by \
            province, counted for the real population (divided by the population scale), to the record file. Give the \
            scenario hidden settings the forecast's scenario does not have, and backtest against the file.
            Example: sarhad record synthesize truth.toml --seed 7 --through 2020-08-31 --output truth.csv
            """)

        @Argument(help: "Scenario file (TOML) of the truth. Omit for the built-in scenario.") var scenarioFile: String?
        @OptionGroup var countryOption: CountryOption
        @Option(help: "Last day recorded (YYYY-MM-DD; default: the scenario's end).") var through: String?
        @Option(name: .customLong("population-scale"), help: HelpText.populationScale) var populationScale: Double?
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: HelpText.threads) var threads: Int?
        @Option(help: "The record file to write (an existing file is not replaced).") var output: String

        func run() throws {
            var scenario = try ScenarioInput.load(scenarioFile, country: countryOption.country)
            try ScenarioOverrides.apply(end: through, populationScale: populationScale, to: &scenario)
            guard !FileManager.default.fileExists(atPath: output) else {
                throw Refusal("\(output) exists; Sarhad does not replace a file it may not own. Choose another --output.")
            }
            let result = Simulation(configuration: scenario.configuration, seed: seed, threads: workerThreads(threads)).run()
            let text = EpidemicRecord(run: result).csv()
            let staging = output + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: staging))
            // A hard link refuses to replace a file created meanwhile, where a rename would not.
            defer { try? FileManager.default.removeItem(atPath: staging) }
            try FileManager.default.linkItem(atPath: staging, toPath: output)
            print("Wrote \(output): \(result.dayCount) days from \(result.startDate), seed \(seed)")
        }
    }
}
