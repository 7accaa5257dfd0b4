import Foundation
import HTTPTypes
import SarhadInference
import SarhadMeanField
import SarhadModel
import SarhadReport
import SarhadScenario

/// What the dashboard can do, whoever asks: the JSON API and the HTML pages both call these, so a
/// page never does anything the API cannot.
public struct Dashboard: Sendable {
    public let store: Store
    public let queue: RunQueue
    /// Comparison reports being drawn: a few at a time, off the threads that answer requests.
    let comparisons = BlockingWork(maximumConcurrent: 2)
    /// What-ifs being computed by the twin (about a second each), off the threads that answer requests.
    let whatIfs = BlockingWork(maximumConcurrent: 2)
    /// Jobs being checked before they are queued: a comparison parses every scenario, a calibration its
    /// record, a sweep a configuration per point, so this too runs off the threads that answer requests.
    let preparations = BlockingWork(maximumConcurrent: 2)

    public init(store: Store, queue: RunQueue) {
        self.store = store
        self.queue = queue
    }

    /// How this server reads scenario text, and its built-in scenario (`sarhad serve --country`).
    public var reader: ScenarioReader { queue.scenarios.reader }

    // MARK: Scenarios

    public func createBuiltInScenario() throws(APIError) -> ScenarioRecord {
        let text: String
        do {
            text = try reader.builtInText()
        } catch {
            throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
        }
        return try createScenario(toml: text)
    }

    /// Stores a scenario; a text that names no pack is stored naming the pack it was read over, so that
    /// a server started later with another `--country` reads it the same.
    public func createScenario(toml text: String) throws(APIError) -> ScenarioRecord {
        let scenario = try validate(text)
        let stored = ScenarioLoader.namingPack(text, reference: scenario.pack.reference)
        return try storing { try store.insert(ScenarioRecord(name: scenario.configuration.name, toml: stored)) }
    }

    /// Replaces a scenario's text (naming its pack, as `createScenario` stores it); nothing is stored when it does not validate.
    public func updateScenario(id: Int64, toml text: String, fieldOfLine: [Int: String] = [:]) throws(APIError) -> ScenarioRecord {
        var record = try scenario(id: id)
        let scenario = try validate(text, fieldOfLine: fieldOfLine)
        record.toml = ScenarioLoader.namingPack(text, reference: scenario.pack.reference)
        record.name = scenario.configuration.name
        record.updatedAt = Date()
        let updated = record
        try storing { try store.update(updated) }
        return updated
    }

    public func scenario(id: Int64) throws(APIError) -> ScenarioRecord {
        do {
            return try store.scenario(id: id)
        } catch {
            throw .notFound("There is no scenario \(id).")
        }
    }

    /// One page of scenarios without their text.
    func scenarios(_ page: Pagination, newestFirst: Bool = false) throws(APIError) -> (records: [ScenarioRecord], total: Int) {
        try storing { try store.scenarioPage(limit: page.limit, offset: page.offset, newestFirst: newestFirst) }
    }

    public func deleteScenario(id: Int64) throws(APIError) {
        _ = try scenario(id: id)
        try storing { try store.deleteScenario(id: id) }
    }

    func validate(_ text: String, fieldOfLine: [Int: String] = [:]) throws(APIError) -> Scenario {
        guard text.utf8.count <= ScenarioText.maximumBytes else { throw RequestBody.tooLarge(ScenarioText.maximumBytes) }
        do {
            return try reader.validate(text)
        } catch {
            throw .invalidScenario(error, fieldOfLine: fieldOfLine)
        }
    }

    // MARK: What-if

    /// The twin's curves for a scenario with changes: a stored scenario, given text or the built-in one,
    /// with `overrides` read over it by the same loader (a bad change is answered 422 with its key and line).
    public func whatIf(_ request: WhatIfRequest) async throws(APIError) -> WhatIfResource {
        var scenario: Scenario
        switch (request.scenario, request.toml) {
        case (let id?, nil): scenario = try validate(try self.scenario(id: id).toml)
        case (nil, let text?): scenario = try validate(text)
        case (nil, nil):
            do { scenario = try reader.builtIn() } catch {
                throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
            }
        default: throw APIError.badRequest("Give `scenario` (a stored scenario's id) or `toml`, not both.")
        }
        if let overrides = request.overrides, !overrides.isEmpty {
            guard overrides.utf8.count <= ScenarioText.maximumBytes else { throw RequestBody.tooLarge(ScenarioText.maximumBytes) }
            do {
                scenario = try ScenarioLoader.load(text: overrides, name: "overrides", over: scenario)
            } catch {
                throw .invalidScenario(error, fieldOfLine: [:])
            }
        }
        let configuration = scenario.configuration, country = scenario.pack.country
        let wanted: Set<String>?
        switch request.series {
        case nil, "all": wanted = nil
        case "national": wanted = []
        case let name?:
            guard let province = configuration.provinces.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw APIError(.unprocessableContent, code: "invalid_request", message: "is \"\(name)\"", key: "series",
                               expected: "all, national, or a province of the scenario", field: "series")
            }
            wanted = [province.name]
        }
        return await whatIfs.run { WhatIfResource(MeanFieldModel(configuration: configuration).run(), country: country, seriesOf: wanted) }
    }

    // MARK: Runs

    /// Checks the request in this task, then queues it: the queue itself only stores the run.
    public func startRun(_ request: RunRequest) async throws(APIError) -> RunRecord {
        do {
            let prepared = try queue.prepare(request)
            return try await queue.enqueue(prepared)
        } catch {
            throw .from(error)
        }
    }

    /// Queues scenarios compared with common random numbers (`sarhad compare`).
    public func startComparison(_ request: ComparisonRequest) async throws(APIError) -> RunRecord {
        try await enqueue { (queue: RunQueue) throws(RunRefusal) -> PreparedRun in try queue.prepare(request) }
    }

    /// Prepares a job on `preparations`, then queues it; refusals become their API errors.
    func enqueue(_ prepare: @escaping @Sendable (RunQueue) throws(RunRefusal) -> PreparedRun) async throws(APIError) -> RunRecord {
        let queue = self.queue
        let prepared = await preparations.run { () -> Result<PreparedRun, RunRefusal> in
            do throws(RunRefusal) { return .success(try prepare(queue)) } catch { return .failure(error) }
        }
        do throws(RunRefusal) { return try await queue.enqueue(try prepared.get()) } catch { throw .from(error) }
    }

    /// Queues a sweep over a grid of parameter values (`sarhad sweep`).
    public func startSweep(_ request: SweepRequest) async throws(APIError) -> RunRecord {
        try await enqueue { (queue: RunQueue) throws(RunRefusal) -> PreparedRun in try queue.prepare(request) }
    }

    /// Queues a calibration (`sarhad calibrate`).
    public func startCalibration(_ request: CalibrationRequest) async throws(APIError) -> RunRecord {
        guard (request.record?.utf8.count ?? 0) <= Dashboard.maximumRecordBytes else { throw RequestBody.tooLarge(Dashboard.maximumRecordBytes) }
        return try await enqueue { (queue: RunQueue) throws(RunRefusal) -> PreparedRun in try queue.prepare(request) }
    }

    /// Queues a forecast (`sarhad forecast`).
    public func startForecast(_ request: ForecastRequest) async throws(APIError) -> RunRecord {
        guard (request.record?.utf8.count ?? 0) <= Dashboard.maximumRecordBytes else { throw RequestBody.tooLarge(Dashboard.maximumRecordBytes) }
        return try await enqueue { (queue: RunQueue) throws(RunRefusal) -> PreparedRun in try queue.prepare(request) }
    }

    /// Queues a backtest (`sarhad backtest`).
    public func startBacktest(_ request: BacktestRequest) async throws(APIError) -> RunRecord {
        guard (request.record?.utf8.count ?? 0) <= Dashboard.maximumRecordBytes else { throw RequestBody.tooLarge(Dashboard.maximumRecordBytes) }
        return try await enqueue { (queue: RunQueue) throws(RunRefusal) -> PreparedRun in try queue.prepare(request) }
    }

    /// The largest record a calibration or forecast request may carry: a year of daily national and
    /// provincial counts of five measures is about 2 MB.
    public static let maximumRecordBytes = 8 << 20

    public func cancelRun(id: Int64) async throws(APIError) -> RunRecord {
        do {
            return try await queue.cancel(id)
        } catch {
            throw .from(error)
        }
    }

    public func run(id: Int64) throws(APIError) -> RunRecord {
        do {
            return try store.run(id: id)
        } catch {
            throw .notFound("There is no run \(id).")
        }
    }

    /// One page of runs, newest first, without their scenario text.
    func runs(_ page: Pagination) throws(APIError) -> (records: [RunRecord], total: Int) {
        try storing { try store.runPage(limit: page.limit, offset: page.offset) }
    }

    public func resource(_ record: RunRecord) -> RunResource {
        RunResource(record, live: record.id.flatMap(queue.board.latest))
    }

    public func progress(of record: RunRecord) -> RunProgress {
        let runId = record.id ?? 0
        return queue.board.latest(runId)
            ?? RunProgress(runId: runId, status: record.status, daysDone: record.daysDone, dayCount: record.dayCount,
                           message: record.message)
    }

    /// One of a succeeded run's files.
    public func file(_ name: String, ofRun id: Int64) throws(APIError) -> Data {
        let record = try run(id: id)
        let names = RunFiles.downloadable(record.kind, replicates: record.replicates)
        guard names.contains(name) else {
            throw .notFound("Run \(id) has no file \(name); it has " + names.joined(separator: ", ") + ".")
        }
        guard record.status == .succeeded, let data = FileManager.default.contents(atPath: queue.files(of: id).url(name).path) else {
            throw APIError(.conflict, code: "no_outputs", message: "Run \(id) has no outputs: it is \(record.status.rawValue).")
        }
        return data
    }

    /// The most runs one comparison may name: each adds its files to read and its lines to draw.
    public static let maximumComparedRuns = 20

    /// The report of the given runs (the first is the baseline; repeated ids count once), drawn
    /// from their files. At most `maximumComparedRuns` runs, and the drawing runs on its own thread
    /// through `comparisons`, so however many are asked for at once, only a few are drawn at a time.
    public func comparison(of requested: [Int64]) async throws(APIError) -> String {
        var seen = Set<Int64>()
        let ids = requested.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { throw .badRequest("Name at least one run, e.g. ?runs=1,2.") }
        guard ids.count <= Dashboard.maximumComparedRuns else {
            throw APIError(.badRequest, code: "too_many_runs",
                           message: "\(ids.count) runs were named; a comparison takes at most \(Dashboard.maximumComparedRuns).",
                           key: "runs", field: "runs")
        }
        for id in ids {
            let record = try run(id: id)
            guard record.status == .succeeded else {
                throw APIError(.conflict, code: "no_outputs", message: "Run \(id) has no outputs: it is \(record.status.rawValue).")
            }
        }
        let files = ids.map(queue.files(of:))
        let drawn = await comparisons.run { () -> Result<String, APIError> in
            do {
                return .success(try RunFiles.comparisonReport(files))
            } catch let problem as IncomparableRuns {
                return .failure(APIError(.conflict, code: "incomparable_runs", message: problem.description, key: "runs", field: "runs"))
            } catch {
                return .failure(APIError(.internalServerError, code: "report", message: "The report could not be drawn: \(error)"))
            }
        }
        return try drawn.get()
    }

    /// A new stored scenario: a succeeded calibration's scenario with each fitted parameter at its
    /// posterior median (weighted), for what-ifs that start from what was fitted.
    public func scenarioFromCalibration(runId: Int64) throws(APIError) -> ScenarioRecord {
        let record = try run(id: runId)
        guard record.kind == .calibration, record.status == .succeeded else {
            throw APIError(.conflict, code: "not_a_calibration", message: "Run \(runId) is not a finished calibration.")
        }
        let files = queue.files(of: runId)
        do {
            var scenario = try reader.validate(String(decoding: try Data(contentsOf: files.url("scenario.toml")), as: UTF8.self))
            let posterior = try PosteriorTable.parse(String(decoding: try Data(contentsOf: files.url("posterior.csv")), as: UTF8.self))
            let medians = PosteriorSummary(posterior).rows.map(\.median)
            scenario.configuration = posterior.space.configured(scenario.configuration, medians)
            scenario.configuration.name = "\(scenario.configuration.name), posterior medians of calibration \(runId)"
            return try createScenario(toml: ScenarioWriter.toml(scenario))
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, code: "calibration_files", message: "The calibration's files could not be read: \(error)")
        }
    }

    /// One province of a succeeded run or ensemble, drawn from its files on a thread of its own (reading a
    /// full-scale run's timeseries takes a moment).
    public func provincePage(runId: Int64, province: String) async throws(APIError) -> String {
        let record = try run(id: runId)
        guard record.status == .succeeded, record.kind == .run else {
            throw APIError(.conflict, code: "no_outputs", message: "Run \(runId) has no run outputs: it is a \(record.kind.rawValue), \(record.status.rawValue).")
        }
        let files = queue.files(of: runId)
        let drawn = await comparisons.run { () -> Result<String, APIError> in
            do {
                let run = try files.reportRun()
                guard let name = run.series.provinces.first(where: { $0.lowercased() == province.lowercased() && $0 != TimeseriesCSV.nationalLabel }) else {
                    return .failure(.notFound("Run \(runId) has no province \(province)."))
                }
                return .success(ProvincePage.render(runId: runId, run: run, province: name))
            } catch {
                return .failure(APIError(.internalServerError, code: "report", message: "The run's files could not be read: \(error)"))
            }
        }
        return try drawn.get()
    }

    /// The catalogue with the built-in scenario's values as defaults.
    func parameters() throws(APIError) -> [ParameterResource] {
        let builtIn: Scenario
        do {
            builtIn = try reader.builtIn()
        } catch {
            throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
        }
        let provinces = builtIn.configuration.provinces.map(\.name)
        return ParameterCatalog.all.map { spec in
            ParameterResource(path: spec.path, section: spec.section, key: spec.key, expected: spec.expectation, unit: spec.unit,
                              summary: spec.summary, source: spec.source(for: builtIn),
                              defaultValue: ScenarioForm.text(spec.get(builtIn), kind: spec.kind, provinces: provinces))
        }
    }

    func storing<T>(_ work: () throws -> T) throws(APIError) -> T {
        do {
            return try work()
        } catch Store.Failure.notFound {
            throw .notFound("Not found.")
        } catch {
            throw APIError(.internalServerError, code: "store", message: "The database could not be used: \(error)")
        }
    }
}
