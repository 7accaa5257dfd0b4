import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The JSON API under `/api/v1`, described by `OpenAPIDocument` (served at `/api/v1/openapi.json`).
struct APIRoutes: Sendable {
    let dashboard: Dashboard

    func register(on router: Router<DashboardContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            HTTPAnswer.data(Data(OpenAPIDocument.json.utf8), contentType: "application/json")
        }
        api.get("parameters") { _, _ in try HTTPAnswer.json(try dashboard.parameters()) }
        registerScenarios(on: api)
        registerRuns(on: api)
        api.post("what-if") { request, _ in
            let body = try await RequestBody.decode(WhatIfRequest.self, from: request, limit: ScenarioText.maximumBytes + RequestBody.smallLimit,
                                                    fields: WhatIfRequest.fields)
            return try HTTPAnswer.json(try await dashboard.whatIf(body))
        }
        api.get("compare") { request, _ in
            let ids = try Self.runIds(request.uri.queryParameters["runs"].map(String.init) ?? "")
            return HTTPAnswer.html(try await dashboard.comparison(of: ids))
        }
    }

    func registerScenarios(on api: RouterGroup<DashboardContext>) {
        api.get("scenarios") { request, _ in
            let page = try Pagination(request)
            let (records, total) = try dashboard.scenarios(page)
            return try HTTPAnswer.json(records.map { ScenarioResource($0, includeText: false) },
                                       headers: page.headers(path: "/api/v1/scenarios", total: total))
        }
        api.post("scenarios") { request, _ in
            let record: ScenarioRecord
            if Self.isTOML(request) {
                record = try dashboard.createScenario(toml: try await Self.text(request))
            } else {
                let body = try await RequestBody.decode(ScenarioCreation.self, from: request, limit: ScenarioText.maximumBytes,
                                                            fields: ScenarioCreation.fields)
                switch (body.toml, body.from) {
                case (let text?, nil): record = try dashboard.createScenario(toml: text)
                case (nil, "built-in"): record = try dashboard.createBuiltInScenario()
                default: throw APIError.badRequest("Give either `toml` (the scenario's text) or `\"from\": \"built-in\"`.")
                }
            }
            return try HTTPAnswer.json(ScenarioResource(record, includeText: true), status: .created)
        }
        api.get("scenarios/:id") { _, context in
            try HTTPAnswer.json(ScenarioResource(try dashboard.scenario(id: try Self.id(context)), includeText: true))
        }
        api.put("scenarios/:id") { request, context in
            let id = try Self.id(context)
            let text = Self.isTOML(request)
                ? try await Self.text(request)
                : try await RequestBody.decode(ScenarioReplacement.self, from: request, limit: ScenarioText.maximumBytes,
                                                 fields: ScenarioReplacement.fields).toml
            return try HTTPAnswer.json(ScenarioResource(try dashboard.updateScenario(id: id, toml: text), includeText: true))
        }
        api.delete("scenarios/:id") { _, context in
            try dashboard.deleteScenario(id: try Self.id(context))
            return Response(status: .noContent)
        }
    }

    func registerRuns(on api: RouterGroup<DashboardContext>) {
        api.get("runs") { request, _ in
            let page = try Pagination(request)
            let (records, total) = try dashboard.runs(page)
            return try HTTPAnswer.json(records.map(dashboard.resource), headers: page.headers(path: "/api/v1/runs", total: total))
        }
        api.post("runs") { request, _ in
            let body = try await RequestBody.decode(RunRequest.self, from: request, limit: RequestBody.smallLimit, fields: RunRequest.fields)
            return try HTTPAnswer.json(dashboard.resource(try await dashboard.startRun(body)), status: .accepted)
        }
        api.post("comparisons") { request, _ in
            let body = try await RequestBody.decode(ComparisonRequest.self, from: request, limit: RequestBody.smallLimit,
                                                    fields: ComparisonRequest.fields)
            return try HTTPAnswer.json(dashboard.resource(try await dashboard.startComparison(body)), status: .accepted)
        }
        api.post("sweeps") { request, _ in
            let body = try await RequestBody.decode(SweepRequest.self, from: request, limit: RequestBody.smallLimit, fields: SweepRequest.fields)
            return try HTTPAnswer.json(dashboard.resource(try await dashboard.startSweep(body)), status: .accepted)
        }
        api.post("calibrations") { request, _ in
            let body = try await RequestBody.decode(CalibrationRequest.self, from: request, limit: Dashboard.maximumRecordBytes + RequestBody.smallLimit,
                                                    fields: CalibrationRequest.fields)
            return try HTTPAnswer.json(dashboard.resource(try await dashboard.startCalibration(body)), status: .accepted)
        }
        api.post("forecasts") { request, _ in
            let body = try await RequestBody.decode(ForecastRequest.self, from: request, limit: Dashboard.maximumRecordBytes + RequestBody.smallLimit,
                                                    fields: ForecastRequest.fields)
            return try HTTPAnswer.json(dashboard.resource(try await dashboard.startForecast(body)), status: .accepted)
        }
        api.post("backtests") { request, _ in
            let body = try await RequestBody.decode(BacktestRequest.self, from: request, limit: Dashboard.maximumRecordBytes + RequestBody.smallLimit,
                                                    fields: BacktestRequest.fields)
            return try HTTPAnswer.json(dashboard.resource(try await dashboard.startBacktest(body)), status: .accepted)
        }
        api.get("runs/:id") { _, context in
            try HTTPAnswer.json(dashboard.resource(try dashboard.run(id: try Self.id(context))))
        }
        api.post("runs/:id/cancel") { _, context in
            let record = try await dashboard.cancelRun(id: try Self.id(context))
            return try HTTPAnswer.json(dashboard.resource(try dashboard.run(id: record.id ?? 0)), status: .accepted)
        }
        api.get("runs/:id/events") { _, context in
            let record = try dashboard.run(id: try Self.id(context))
            return ServerSentEvents.progress(dashboard.queue.board.listen(to: record.id ?? 0, current: dashboard.progress(of: record)))
        }
        api.get("runs/:id/files/:name") { _, context in
            let id = try Self.id(context)
            let name = try context.parameters.require("name")
            let data = try dashboard.file(name, ofRun: id)
            // The report opens in the browser; the data files download under a name that says which run they are from.
            let disposition = name.hasSuffix(".html") ? "inline" : "attachment; filename=\"run-\(id)-\(name)\""
            return HTTPAnswer.data(data, contentType: RunFiles.contentType(name), headers: [.contentDisposition: disposition])
        }
    }

    static func id(_ context: DashboardContext) throws(APIError) -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw .notFound("Ids are positive integers.")
        }
        return id
    }

    /// The ids of a `runs=` list, in order (parsing is cheap; `Dashboard.comparison` drops repeats
    /// and caps the count before any file is read).
    static func runIds(_ list: String) throws(APIError) -> [Int64] {
        var ids = [Int64]()
        for item in list.split(separator: ",") {
            guard let id = Int64(item.trimmingWhitespace()), id > 0 else { throw .badRequest("`runs` is a comma-separated list of run ids.") }
            ids.append(id)
        }
        return ids
    }

    static func isTOML(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().contains("toml") == true
    }

    static func text(_ request: Request) async throws(APIError) -> String {
        let data = try await RequestBody.collect(request, limit: ScenarioText.maximumBytes)
        guard let text = String(data: data, encoding: .utf8) else { throw .badRequest("The scenario is not UTF-8 text.") }
        return text
    }
}
