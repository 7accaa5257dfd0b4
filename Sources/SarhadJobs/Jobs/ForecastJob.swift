import Foundation
import SarhadInference
import SarhadModel
import SarhadReport
import SarhadScenario

/// A forecast from a record: the twin's particle filter fitted through the origin, then run on for the
/// horizon; its folder holds forecast.csv, posterior.csv and forecast.html. `sarhad forecast` and a
/// forecast queued in the dashboard both go through here.
package struct ForecastJob: Sendable {
    package let scenario: Scenario
    package let record: EpidemicRecord
    package let serosurveys: [Serosurvey]
    package let origin: SimDate
    package let horizon: Int
    package let settings: TwinFilterSettings
    package let seed: UInt64

    /// `origin` nil: the record's last day. Refuses an origin before the start, past the day limit, or a record without observations.
    package init(scenario: Scenario, record: EpidemicRecord, serosurveys: [Serosurvey] = [], origin: String?, horizon: Int,
                 settings: TwinFilterSettings, seed: UInt64, fields: FieldNames = .commandLine) throws(InputError) {
        guard let last = record.dateRange?.upperBound else {
            throw InputError(ScenarioError(key: fields.record, message: "has no observations", expected: "a record with dated counts"))
        }
        self.scenario = scenario
        self.record = record
        self.serosurveys = serosurveys
        self.origin = try Self.date(origin ?? last.description, option: fields.origin, scenario: scenario, horizon: horizon)
        self.horizon = horizon
        self.settings = settings
        self.seed = seed
    }

    /// How a caller names the record and the origin in messages.
    package struct FieldNames: Sendable {
        package let record: String
        package let origin: String
        package static let commandLine = FieldNames(record: "--record", origin: "--from")
        package static let request = FieldNames(record: "record", origin: "from")
    }

    /// A date as a date between the scenario's start and the limit on days.
    package static func date(_ text: String, option: String, scenario: Scenario, horizon: Int) throws(InputError) -> SimDate {
        guard let date = SimDate(iso: text) else {
            throw InputError(ScenarioError(key: option, message: "is \"\(text)\"", expected: "a date like 2020-05-01"))
        }
        let start = scenario.configuration.startDate
        guard date >= start else {
            throw InputError(ScenarioError(key: option, message: "is \(date), before the scenario's start \(start)",
                                           expected: "a date on or after the start"))
        }
        try WorkLimits.checkDays(from: start, to: date.adding(days: horizon), option: option)
        return date
    }

    /// The days the filter's runs hold, from the start to the horizon's end.
    package var dayCount: Int { origin.adding(days: horizon).days(since: scenario.configuration.startDate) + 1 }

    /// Bytes the filter needs. Each particle is two twin runs (the filter's and a forecast's copy); a run
    /// holds, per province, its state, chain totals and the day step's buffers (about 5.8 vectors of about
    /// 2,900 values, 135 kB) and its expected values and compartments for every day (about 400 bytes a
    /// day). Measured: 200 particles, 34 provinces, 241 days peaked at 2.72 GB (2.56 GB with Runge–Kutta's
    /// buffers); this estimates 3.1 GB.
    package static func neededBytes(particles: Int, provinces: Int, days: Int) -> Int64 {
        let perRun = Int64(provinces) * (Int64(days) * 400 + 135_000)
        return 2 * Int64(particles) * perRun + MemoryEstimate.fixedOverheadBytes
    }

    package var neededBytes: Int64 {
        Self.neededBytes(particles: settings.particles, provinces: scenario.configuration.provinces.count, days: dayCount)
    }

    /// Refuses a filter the machine has no memory for.
    package static func checkMemory(particles: Int, provinces: Int, days: Int) throws(Refusal) {
        let needed = neededBytes(particles: particles, provinces: provinces, days: days)
        let available = MemoryGuard.availableBytes()
        guard needed > available else { return }
        throw Refusal("this needs about \(MemoryGuard.gigabytes(needed)) of memory (\(particles) particles, each two twin runs of "
            + "\(provinces) provinces × \(days) days) and only \(MemoryGuard.gigabytes(available)) is available. Use fewer --particles.")
    }

    /// Fits, forecasts and writes the folder (committed); returns the summary to print. `shouldStop` is
    /// asked after the fit (the dashboard's cancel); yes throws `CancellationError` and writes nothing.
    package func run(into output: String, option: String = "--output", threads: Int, shouldStop: () -> Bool = { false }) throws -> String {
        let filter = TwinParticleFilter(base: scenario.configuration, record: record, serosurveys: serosurveys, lastOrigin: origin,
                                        horizon: horizon, settings: settings, seed: seed, threads: threads)
        filter.filter(through: origin)
        if shouldStop() { throw CancellationError() }
        let forecast = filter.forecast()
        let directory = try OutputDirectory(path: output, option: option)
        do {
            try directory.write("forecast.csv", ForecastTables.forecastCSV([forecast]))
            try directory.write("posterior.csv", ForecastTables.posteriorCSV(filter))
            try directory.write("forecast.html", ForecastPage.render(title: "Sarhad forecast from \(origin)", forecasts: [forecast],
                                                                     record: record, backtest: nil,
                                                                     configuration: scenario.configuration))
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        var lines = ["Forecast from \(origin), \(horizon) days, \(filter.particleCount) particles; wrote \(directory.final.path)"]
        for week in 1...max(1, horizon / 7) where horizon >= 7 {
            let measures: [Measure] = [.confirmed, .recordedDeaths, .infections]
            let parts = measures.compactMap { measure -> String? in
                guard let q = forecast.quantiles[ForecastTarget(region: .national, measure: measure, period: .week, horizon: week)]
                else { return nil }
                let interval = q.intervals.first { abs($0.alpha - 0.1) < 1e-9 }!
                return "\(measure.name) \(CountText.text(q.median)) (90 %: \(CountText.text(interval.lower))–\(CountText.text(interval.upper)))"
            }
            lines.append("  week \(week): " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
