import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// Forecasts from past origins with only the record then known, scored against what followed; its folder
/// holds backtest.csv, scores.csv, scores-summary.csv, forecast.csv and forecast.html. `sarhad backtest`
/// and a backtest queued in the dashboard both go through here.
package struct BacktestJob: Sendable {
    package static let maximumOrigins = 200

    package let scenario: Scenario
    package let record: EpidemicRecord
    package let serosurveys: [Serosurvey]
    package let origins: [SimDate]
    package let horizon: Int
    package let settings: TwinFilterSettings
    package let seed: UInt64

    /// `origins` as dates between the scenario's start and the day limit, 1 to `maximumOrigins` of them;
    /// `field` names them in messages ("--origins", "origins").
    package init(scenario: Scenario, record: EpidemicRecord, serosurveys: [Serosurvey] = [], origins: [String], horizon: Int,
                 settings: TwinFilterSettings, seed: UInt64, field: String = "--origins") throws(InputError) {
        guard !origins.isEmpty, origins.count <= Self.maximumOrigins else {
            throw InputError(ScenarioError(key: field, message: "has \(origins.count) dates", expected: "1 to \(Self.maximumOrigins) dates"))
        }
        var dates = [SimDate]()
        for text in origins {
            dates.append(try ForecastJob.date(text.trimmingCharacters(in: .whitespaces), option: field, scenario: scenario, horizon: horizon))
        }
        self.scenario = scenario
        self.record = record
        self.serosurveys = serosurveys
        self.origins = dates
        self.horizon = horizon
        self.settings = settings
        self.seed = seed
    }

    /// The days the filter's runs hold, from the start to the last origin's horizon.
    package var dayCount: Int { origins.max()!.adding(days: horizon).days(since: scenario.configuration.startDate) + 1 }

    package var neededBytes: Int64 {
        ForecastJob.neededBytes(particles: settings.particles, provinces: scenario.configuration.provinces.count, days: dayCount)
    }

    /// Fits and forecasts from every origin, scores, and writes the folder (committed); returns the summary
    /// to print. `originStarts` is told each origin as its fit begins; `shouldStop` is asked after the
    /// last (yes throws `CancellationError` and writes nothing).
    package func run(into output: String, option: String = "--output", threads: Int, originStarts: (SimDate) -> Void = { _ in },
                     shouldStop: () -> Bool = { false }) throws -> String {
        let backtest = Backtest.run(base: scenario.configuration, record: record, serosurveys: serosurveys, origins: origins,
                                    horizon: horizon, settings: settings, seed: seed, threads: threads, progress: originStarts)
        if shouldStop() { throw CancellationError() }
        let directory = try OutputDirectory(path: output, option: option)
        do {
            try directory.write("backtest.csv", ForecastTables.backtestCSV(backtest))
            try directory.write("scores.csv", ForecastTables.scoresCSV(backtest))
            try directory.write("scores-summary.csv", ForecastTables.summaryCSV(backtest))
            try directory.write("forecast.csv", ForecastTables.forecastCSV(backtest.forecasts))
            try directory.write("forecast.html", ForecastPage.render(title: "Sarhad backtest", forecasts: backtest.forecasts,
                                                                     record: record, backtest: backtest,
                                                                     configuration: scenario.configuration))
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        return "Backtest of \(origins.count) origin\(origins.count == 1 ? "" : "s"), \(backtest.rows.count) scored targets; "
            + "wrote \(directory.final.path)\n" + ForecastTables.summaryText(backtest)
    }
}
