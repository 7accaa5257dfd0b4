import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario
import SarhadServer

/// The options `forecast` and `backtest` share: the scenario, the record and the particle filter.
struct ForecastOptions: ParsableArguments {
    @Argument(help: "Scenario file (TOML). Omit for the built-in scenario.") var scenarioFile: String?
    @OptionGroup var countryOption: CountryOption
    @Option(help: "The record to fit (date,province,measure,value; see `sarhad record check`). Default: the bundled record through 2020-04-08.")
    var record: String?
    @Option(help: "Serosurveys to fit too (start,end,province,age_min,age_max,sampled,positive[,sensitivity,specificity]).")
    var serosurvey: String?
    @Option(help: "Days to forecast beyond each origin, 1 to 365.") var horizon: Int = 28
    @Option(help: "Twin runs carried by the particle filter, 20 to 5,000.") var particles: Int = 200
    @Option(name: .customLong("walk-sd"), help: "Standard deviation of the weekly step of the log transmission factor.")
    var walkSD: Double = 0.1
    @Option(name: .customLong("recording-sd"),
            help: "Prior standard deviation of the log multiplier on what gets recorded (cases, deaths) against the scenario's.")
    var recordingSD: Double = 0
    @Option(name: .customLong("recording-walk-sd"), help: "Weekly step of that multiplier's random walk.")
    var recordingWalkSD: Double = 0
    @Flag(name: .customLong("national-only"), help: "Fit only the nation's series, even where every province has one.")
    var nationalOnly = false
    @Option(name: .customLong("population-scale"),
            help: "Share of the real population the twin simulates (its cost does not depend on it; default 1).")
    var populationScale: Double = 1
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: HelpText.threads) var threads: Int?

    func validate() throws {
        guard (1...365).contains(horizon) else { throw ValidationError("--horizon must be 1 to 365 days (got \(horizon))") }
        guard (20...5_000).contains(particles) else { throw ValidationError("--particles must be 20 to 5,000 (got \(particles))") }
        guard walkSD >= 0, walkSD <= 2 else { throw ValidationError("--walk-sd must be 0 to 2 (got \(walkSD))") }
        guard recordingSD >= 0, recordingSD <= 2 else { throw ValidationError("--recording-sd must be 0 to 2 (got \(recordingSD))") }
        guard recordingWalkSD >= 0, recordingWalkSD <= 2 else {
            throw ValidationError("--recording-walk-sd must be 0 to 2 (got \(recordingWalkSD))")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    var settings: TwinFilterSettings {
        var settings = TwinFilterSettings()
        settings.particles = particles
        settings.walkLogSD = walkSD
        settings.fitProvinces = !nationalOnly
        settings.initialAscertainmentLogSD = recordingSD
        settings.ascertainmentWalkLogSD = recordingWalkSD
        return settings
    }

    /// The scenario at the chosen scale, and the record read against its provinces.
    func load() throws -> (scenario: Scenario, record: EpidemicRecord, serosurveys: [Serosurvey]) {
        var scenario = try ScenarioInput.load(scenarioFile, country: countryOption.country)
        try ScenarioOverrides.apply(end: nil, populationScale: populationScale, to: &scenario)
        let loaded = try readingInput { try ReportedDataInput.epidemicRecord(path: record, scenario: scenario) }
        let provinces = scenario.configuration.provinces.map(\.name)
        var surveys = [Serosurvey]()
        if let serosurvey {
            do {
                surveys = try SerosurveyFile.parse(text: try readingInput { try RecordCommand.Check.text(of: serosurvey) },
                                                   name: serosurvey, provinces: provinces)
            } catch let errors as RecordErrors {
                FileHandle.standardError.write(Data(errors.errors.map { "error: \($0.description)\n" }.joined().utf8))
                throw ExitCode(ExitStatus.refused)
            }
        }
        return (scenario, loaded, surveys)
    }

    /// Refuses (exit status 2) a filter the machine has no memory for (`ForecastJob.checkMemory`).
    func checkMemory(provinces: Int, days: Int) throws {
        try ForecastJob.checkMemory(particles: particles, provinces: provinces, days: days)
    }

    /// A date option as a date between the scenario's start and the limit on days.
    static func date(_ text: String, option: String, scenario: Scenario, horizon: Int) throws -> SimDate {
        try ForecastJob.date(text, option: option, scenario: scenario, horizon: horizon)
    }
}

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Fit the twin to the record up to a date and forecast the weeks after it, with quantiles.",
        discussion: """
            A particle filter runs the deterministic twin with a transmission factor that follows a random walk and \
            weighs it by the record's confirmed cases and recorded deaths (negative binomial), then runs it on \
            (docs/CALIBRATION.md, "Forecasts"). Writes forecast.csv (the Forecast Hub's 23 quantiles of each day and week, \
            nation and provinces, counts of the real population), posterior.csv (the particles at the origin) \
            and forecast.html (fan charts over the record).
            Example: sarhad forecast --record ministry.csv --from 2020-06-01 --horizon 28
            """)

    @OptionGroup var options: ForecastOptions
    @Option(name: .customLong("from"), help: "The forecast's origin: the last day of the record used (default: the record's last day).")
    var origin: String?
    @Option(help: "Output directory (replaced only if Sarhad wrote it).") var output: String = "sarhad-forecast"
    @Flag(help: "Do not print the summary.") var quiet = false

    func run() throws {
        let (scenario, record, serosurveys) = try options.load()
        let job = try readingInput {
            try ForecastJob(scenario: scenario, record: record, serosurveys: serosurveys, origin: origin, horizon: options.horizon,
                            settings: options.settings, seed: options.seed)
        }
        try OutputDirectory.checkDestination(path: output)
        try options.checkMemory(provinces: scenario.configuration.provinces.count, days: job.dayCount)
        let text = try job.run(into: output, threads: workerThreads(options.threads))
        if !quiet { print(text) }
    }
}

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Forecast from past dates with only the record then known, and score the forecasts against what followed.",
        discussion: """
            For each origin, the record is cut at the origin, fitted and forecast as by `sarhad forecast`, and every \
            recorded day and whole week after it is scored: the weighted interval score (Bracher et al. 2021), 50 % and \
            90 % interval coverage, and the score relative to the Forecast Hub's baseline made from the same history. \
            Writes backtest.csv (quantiles beside the observed values), scores.csv (one line per target), \
            scores-summary.csv, forecast.csv and forecast.html (fan charts over the record, and the scores).
            Example: sarhad backtest --record truth.csv --origins 2020-05-01,2020-05-15,2020-06-01 --horizon 28
            """)

    @OptionGroup var options: ForecastOptions
    @Option(help: "Origins, comma-separated dates (YYYY-MM-DD).") var origins: String
    @Option(help: "Output directory (replaced only if Sarhad wrote it).") var output: String = "sarhad-backtest"
    @Flag(help: "Do not print progress and the summary.") var quiet = false

    func run() throws {
        let (scenario, record, serosurveys) = try options.load()
        let job = try readingInput {
            try BacktestJob(scenario: scenario, record: record, serosurveys: serosurveys,
                            origins: origins.split(separator: ",").map(String.init), horizon: options.horizon,
                            settings: options.settings, seed: options.seed)
        }
        try OutputDirectory.checkDestination(path: output)
        try options.checkMemory(provinces: scenario.configuration.provinces.count, days: job.dayCount)
        let silent = quiet
        let text = try job.run(into: output, threads: workerThreads(options.threads)) {
            if !silent { FileHandle.standardError.write(Data("fitting through \($0) and forecasting\n".utf8)) }
        }
        if !quiet { print(text) }
    }
}
