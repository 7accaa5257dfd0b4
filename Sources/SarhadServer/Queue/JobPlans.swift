import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadScenario

/// What a comparison stores beside its request: each scenario's text as it was when queued, and its label.
struct ComparisonOptions: Codable, Sendable {
    var request: ComparisonRequest
    var scenarioTomls: [String]
    var labels: [String]
}

/// The library jobs (SarhadJobs) a queued request becomes, built the same way when it is queued (to
/// check it and estimate its memory) and when it runs (from what was stored): a run with replicates is
/// `sarhad run --replicates`, a comparison `sarhad compare`, a calibration `sarhad calibrate`, a
/// forecast `sarhad forecast`, with the request's fields for the options.
enum JobPlans {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The scenario a request's text, end date and scale make; errors name the request's field.
    static func scenario(_ text: String, end: String?, scale: Double?, cache: ScenarioCache) throws(ScenarioError) -> Scenario {
        var scenario = try cache.scenario(text)
        do {
            try ScenarioOverrides.apply(end: end, populationScale: scale, to: &scenario, fields: .request)
        } catch {
            throw error.underlying
        }
        return scenario
    }

    /// `body`, with what it throws as the refusal the queue answers: a request or scenario error names its
    /// field; a `Refusal` is `incomparable` where it can only be that (a comparison's), else invalid.
    static func refusing<T>(refusalsAreIncomparable: Bool = false, _ body: () throws -> T) throws(RunRefusal) -> T {
        do {
            return try body()
        } catch let error as ScenarioError {
            throw .invalid(error)
        } catch let error as InputError {
            throw .invalid(error.underlying)
        } catch let refusal as Refusal {
            throw refusalsAreIncomparable ? .incomparable(refusal.description) : .invalid(ScenarioError(message: refusal.description))
        } catch let refusal as RunRefusal {
            throw refusal
        } catch {
            throw .invalid(ScenarioError(message: "\(error)"))
        }
    }

    static func ensemble(_ scenario: Scenario, seed: UInt64, replicates: Int) -> EnsembleJob {
        EnsembleJob(scenario: scenario, seed: seed, replicates: replicates)
    }

    static func comparison(_ options: ComparisonOptions, cache: ScenarioCache) throws(RunRefusal) -> ComparisonJob {
        let request = options.request
        return try refusing(refusalsAreIncomparable: true) {
            try checkSeed(request.seed)
            try checkCount(request.replicates ?? 10, field: "replicates", in: 1...WorkLimits.maximumReplicates)
            let scenarios = try options.scenarioTomls.map { (text) throws(ScenarioError) -> Scenario in
                try scenario(text, end: request.endDate, scale: request.populationScale, cache: cache)
            }
            return try ComparisonJob(scenarios: scenarios, labels: options.labels, seed: request.seed ?? 1,
                                     replicates: request.replicates ?? 10)
        }
    }

    static func sweep(_ request: SweepRequest, toml: String, cache: ScenarioCache) throws(RunRefusal) -> SweepJob {
        try refusing {
            try checkSeed(request.seed)
            try checkCount(request.replicates ?? 5, field: "replicates", in: 1...WorkLimits.maximumReplicates)
            let scenario = try scenario(toml, end: request.endDate, scale: request.populationScale, cache: cache)
            return try SweepJob(scenario: scenario, settings: request.set, seed: request.seed ?? 1, replicates: request.replicates ?? 5,
                                field: "set")
        }
    }

    static func calibration(_ request: CalibrationRequest, toml: String, cache: ScenarioCache) throws(RunRefusal) -> CalibrationJob {
        try refusing {
            let scenario = try scenario(toml, end: request.endDate, scale: request.populationScale, cache: cache)
            try checkSeed(request.seed)
            var job = CalibrationJob.Request(through: request.through)
            job.throughField = "through"
            job.record = request.record.map { .text($0, name: "record") } ?? .pack
            job.provinces = request.provinces ?? false
            job.particles = request.particles ?? job.particles
            job.generations = request.generations ?? job.generations
            job.predictive = request.predictive ?? job.predictive
            job.seed = request.seed ?? job.seed
            try checkCount(job.particles, field: "particles", in: 10...WorkLimits.maximumParticles)
            try checkCount(job.generations, field: "generations", in: 1...WorkLimits.maximumGenerations)
            try checkCount(job.predictive, field: "predictive", in: 1...WorkLimits.maximumReplicates)
            return try CalibrationJob(scenario: scenario, request: job)
        }
    }

    static func forecast(_ request: ForecastRequest, toml: String, cache: ScenarioCache) throws(RunRefusal) -> ForecastJob {
        try refusing {
            let scenario = try scenario(toml, end: nil, scale: request.populationScale ?? 1, cache: cache)
            try checkSeed(request.seed)
            var settings = TwinFilterSettings()
            settings.particles = request.particles ?? 200
            settings.walkLogSD = request.walkSD ?? 0.1
            let horizon = request.horizon ?? 28
            try checkCount(horizon, field: "horizon", in: 1...365)
            try checkCount(settings.particles, field: "particles", in: 20...5_000)
            guard (0...2).contains(settings.walkLogSD) else {
                throw ScenarioError(key: "walk_sd", message: "is \(settings.walkLogSD)", expected: "a number from 0 to 2")
            }
            let source: RecordSource = request.record.map { .text($0, name: "record") } ?? .pack
            let record = try ReportedDataInput.epidemicRecord(source, scenario: scenario)
            return try ForecastJob(scenario: scenario, record: record, origin: request.from, horizon: horizon, settings: settings,
                                   seed: request.seed ?? 1, fields: .request)
        }
    }

    /// A backtest: a forecast's checks for the shared settings, then the origins.
    static func backtest(_ request: BacktestRequest, toml: String, cache: ScenarioCache) throws(RunRefusal) -> BacktestJob {
        let forecast = try forecast(request.forecast, toml: toml, cache: cache)
        return try refusing {
            try BacktestJob(scenario: forecast.scenario, record: forecast.record, origins: request.origins, horizon: forecast.horizon,
                            settings: forecast.settings, seed: forecast.seed, field: "origins")
        }
    }

    static func encode(_ value: some Encodable) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws(RunRefusal) -> T {
        guard let text, let value = try? JSONDecoder().decode(type, from: Data(text.utf8)) else {
            throw .invalid(ScenarioError(message: "The stored request could not be read."))
        }
        return value
    }
}
