import Foundation
import HTTPTypes
import Hummingbird
import SarhadModel
import SarhadScenario

/// The HTML pages. Forms post here and these handlers call the same `Dashboard` operations as the
/// JSON API; after a successful post the browser is redirected (303) to the page that shows the result.
struct PageRoutes: Sendable {
    let dashboard: Dashboard
    let access: AccessControl

    func register(on router: Router<DashboardContext>) {
        router.get("/") { request, _ in try runsPage(page: try Pagination(request, defaultLimit: RunsPage.pageSize)) }
        router.post("runs") { request, _ in try await startRun(request) }
        router.get("runs/:id") { _, context in try page { try runPage(try APIRoutes.id(context)) } }
        router.get("runs/:id/provinces/:name") { _, context in
            try await asyncPage {
                let id = try APIRoutes.id(context)
                let name = context.parameters.get("name")?.removingPercentEncoding ?? ""
                return HTTPAnswer.html(try await dashboard.provincePage(runId: id, province: name))
            }
        }
        router.post("runs/:id/cancel") { _, context in
            try await asyncPage {
                let id = try APIRoutes.id(context)
                do {
                    _ = try await dashboard.cancelRun(id: id)
                } catch let error as APIError where error.code == "already_finished" {
                    // Finished while the page was open: showing it is the right answer.
                }
                return HTTPAnswer.redirect(to: "/runs/\(id)")
            }
        }
        router.get("jobs") { _, _ in try page { HTTPAnswer.html(JobsPage.render(scenarios: try jobScenarios())) } }
        router.post("jobs/:form") { request, context in try await startJob(request, form: context.parameters.get("form") ?? "") }
        router.get("scenarios") { request, _ in
            try page { HTTPAnswer.html(try scenariosPage(Pagination(request, defaultLimit: ScenariosPage.pageSize))) }
        }
        router.post("scenarios") { request, _ in try await createScenario(request) }
        router.get("scenarios/:id") { request, context in
            try page {
                let record = try dashboard.scenario(id: try APIRoutes.id(context))
                let scenario = try parsed(record.toml)
                return HTTPAnswer.html(ScenarioEditPage.render(id: record.id ?? 0, name: record.name, form: ScenarioForm(scenario: scenario),
                                                               defaults: try defaults(of: scenario),
                                                               saved: request.uri.queryParameters["saved"] != nil))
            }
        }
        router.post("scenarios/:id") { request, context in try await saveScenario(request, id: try APIRoutes.id(context)) }
        router.get("scenarios/:id/timeline") { request, context in
            try page {
                let record = try dashboard.scenario(id: try APIRoutes.id(context))
                let scenario = try parsed(record.toml)
                let structured = ScenarioForm(scenario: scenario).values[ScenarioForm.structuredField] ?? ""
                return HTTPAnswer.html(TimelinePage.render(id: record.id ?? 0, name: record.name, form: TimelineForm(structured: structured),
                                                           provinces: scenario.configuration.provinces.map(\.name),
                                                           laboratories: scenario.configuration.laboratories.map(\.name),
                                                           saved: request.uri.queryParameters["saved"] != nil))
            }
        }
        router.post("scenarios/:id/timeline") { request, context in try await saveTimeline(request, id: try APIRoutes.id(context)) }
        router.post("scenarios/:id/delete") { _, context in
            try page {
                try dashboard.deleteScenario(id: try APIRoutes.id(context))
                return HTTPAnswer.redirect(to: "/scenarios")
            }
        }
        router.get("compare") { request, _ in
            try await asyncPage {
                let ids = try request.uri.queryParameters.getAll("runs").flatMap { try APIRoutes.runIds(String($0)) }
                // The oldest run is the baseline, whatever order the boxes were ticked in.
                let ordered = Array(Set(ids)).sorted()
                let report = ReportEmbedding(reportHTML: try await dashboard.comparison(of: ordered))
                return HTTPAnswer.html(ComparePage.render(runIds: ordered, report: report))
            }
        }
        router.get("login") { _, _ in HTTPAnswer.html(LoginPage.render()) }
        router.post("login") { request, context in try await login(request, client: context.clientKey) }
        router.get("what-if") { request, _ in
            try page {
                if let text = request.uri.queryParameters["scenario"] {
                    guard let id = Int64(String(text)) else { throw APIError.notFound("Scenario ids are positive integers.") }
                    let record = try dashboard.scenario(id: id)
                    return HTTPAnswer.html(WhatIfPage.render(scenario: try parsed(record.toml), storedId: id))
                }
                do { return HTTPAnswer.html(WhatIfPage.render(scenario: try dashboard.reader.builtIn())) } catch let error as ScenarioError {
                    throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
                }
            }
        }
        router.post("runs/:id/what-if") { _, context in
            try page {
                let record = try dashboard.scenarioFromCalibration(runId: try APIRoutes.id(context))
                return HTTPAnswer.redirect(to: "/what-if?scenario=\(record.id ?? 0)")
            }
        }
        router.get("assets/what-if.js") { _, _ in
            HTTPAnswer.data(Data(WhatIfPage.script.utf8), contentType: "text/javascript; charset=utf-8")
        }
        router.get("assets/record-file.js") { _, _ in
            HTTPAnswer.data(Data(JobsPage.recordFileScript.utf8), contentType: "text/javascript; charset=utf-8")
        }
        router.get("assets/progress.js") { _, _ in
            HTTPAnswer.data(Data(RunPage.progressScript.utf8), contentType: "text/javascript; charset=utf-8")
        }
    }

    /// A right token starts a session whose id (not the token) goes into the cookie; wrong ones
    /// count towards the client's guessing limit.
    func login(_ request: Request, client: String) async throws -> Response {
        guard access.policy.token != nil else { return HTTPAnswer.redirect(to: "/") }
        if let seconds = access.guesses.retryAfter(client) {
            var response = HTTPAnswer.html(LoginPage.render(problem: AccessControl.tooManyGuesses(retryAfter: seconds).message),
                                           status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        let fields = FormFields(try await RequestBody.collect(request, limit: RequestBody.smallLimit))
        guard access.policy.accepts(fields["token"]) else {
            access.guesses.recordFailure(client)
            return HTTPAnswer.html(LoginPage.render(problem: "That is not the token."), status: .unauthorized)
        }
        let cookie = "\(AccessMiddleware.cookieName)=\(access.sessions.start()); Path=/; HttpOnly; SameSite=Strict; "
            + "Max-Age=\(Int(SessionStore.lifetime))"
        return HTTPAnswer.redirect(to: "/", headers: [.setCookie: cookie])
    }

    func runsPage(page pagination: Pagination = Pagination(limit: RunsPage.pageSize), form: RunsPage.StartForm = RunsPage.StartForm(),
                  status: HTTPResponse.Status = .ok) throws -> Response {
        try page {
            let scenarios = try dashboard.scenarios(Pagination(limit: RunsPage.scenarioChoices), newestFirst: true)
            let runs = try dashboard.runs(pagination)
            let navigation = PageNavigation(pagination: pagination, total: runs.total, path: "/", previousLabel: "newer runs",
                                            nextLabel: "older runs")
            return HTTPAnswer.html(RunsPage.render(scenarios: scenarios.records, scenarioTotal: scenarios.total,
                                                   runs: runs.records.map(dashboard.resource), navigation: navigation, form: form),
                                   status: status)
        }
    }

    func scenariosPage(_ pagination: Pagination, pastedText: String = "", error: APIError? = nil) throws(APIError) -> String {
        let scenarios = try dashboard.scenarios(pagination)
        let navigation = PageNavigation(pagination: pagination, total: scenarios.total, path: "/scenarios",
                                        previousLabel: "older scenarios", nextLabel: "newer scenarios")
        return ScenariosPage.render(scenarios.records, navigation: navigation, pastedText: pastedText, error: error)
    }

    func runPage(_ id: Int64) throws -> Response {
        let run = dashboard.resource(try dashboard.run(id: id))
        var report: ReportEmbedding?
        if run.status == .succeeded, RunFiles.downloadable(run.kind, replicates: run.replicates).contains("report.html") {
            let html = try dashboard.file("report.html", ofRun: id)
            report = ReportEmbedding(reportHTML: String(decoding: html, as: UTF8.self))
        }
        var provinces = [String]()
        if run.status == .succeeded, run.kind == .run, let record = try? dashboard.run(id: id),
           let scenario = try? dashboard.reader.validate(record.scenarioToml) {
            provinces = scenario.configuration.provinces.map(\.name)
        }
        var tables = [(title: String, csv: String)]()
        if run.status == .succeeded, run.kind == .calibration {
            for (title, name) in [("Posterior", "posterior-summary.csv"), ("The hidden epidemic", "hidden-epidemic.csv")] {
                if let data = try? dashboard.file(name, ofRun: id) { tables.append((title, String(decoding: data, as: UTF8.self))) }
            }
        }
        if run.status == .succeeded, run.kind == .backtest, let data = try? dashboard.file("scores-summary.csv", ofRun: id) {
            tables.append(("Scores against the baseline", String(decoding: data, as: UTF8.self)))
        }
        return HTTPAnswer.html(RunPage.render(run, report: report, provinces: provinces, tables: tables))
    }

    func startRun(_ request: Request) async throws -> Response {
        let fields = FormFields(try await RequestBody.collect(request, limit: RequestBody.smallLimit))
        var form = RunsPage.StartForm(scenario: fields["scenario"] ?? "", seed: fields["seed"] ?? "",
                                      endDate: fields["end_date"] ?? "", populationScale: fields["population_scale"] ?? "",
                                      replicates: fields["replicates"] ?? "1")
        guard let seed = UInt64(form.seed.trimmingWhitespace()) else {
            form.errors["seed"] = "is \"\(form.seed)\"; expected a whole number from 0"
            return try runsPage(form: form, status: .unprocessableContent)
        }
        let scale = form.populationScale.trimmingWhitespace()
        guard scale.isEmpty || Double(scale) != nil else {
            form.errors["population_scale"] = "is \"\(scale)\"; expected a number above 0 and at most 1"
            return try runsPage(form: form, status: .unprocessableContent)
        }
        do {
            let scenarioId: Int64
            if form.scenario == RunsPage.builtInChoice {
                scenarioId = try dashboard.createBuiltInScenario().id ?? 0
            } else if let id = Int64(form.scenario) {
                scenarioId = id
            } else {
                throw APIError.badRequest("Choose a scenario.")
            }
            let end = form.endDate.trimmingWhitespace()
            let run = try await dashboard.startRun(RunRequest(scenarioId: scenarioId, seed: seed, endDate: end.isEmpty ? nil : end,
                                                              populationScale: scale.isEmpty ? nil : Double(scale),
                                                              replicates: try Self.optionalInteger(form.replicates, "replicates")))
            return HTTPAnswer.redirect(to: "/runs/\(run.id ?? 0)")
        } catch let error as APIError {
            form.errors[error.field ?? "general"] = error.field == nil ? error.sentence : error.message + (error.expected.map { "; expected \($0)" } ?? "")
            return try runsPage(form: form, status: error.status)
        }
    }

    /// The scenarios the jobs page offers, newest first.
    func jobScenarios() throws(APIError) -> [ScenarioRecord] {
        try dashboard.scenarios(Pagination(limit: RunsPage.scenarioChoices), newestFirst: true).records
    }

    /// A comparison, calibration or forecast from the jobs page: the form's text fields become the
    /// API's request (numbers parsed here, everything else checked by the same `Dashboard` call as the
    /// API); a refusal shows the form again with the error beside its field.
    func startJob(_ request: Request, form: String) async throws -> Response {
        guard JobsPage.defaults[form] != nil else { return Self.problem(.notFound("There is no such form.")) }
        let data = try await RequestBody.collect(request, limit: Dashboard.maximumRecordBytes + RequestBody.smallLimit)
        let fields = FormFields(data)
        var values = fields.values
        values["scenario_ids"] = FormFields.all("scenario_ids", in: data).joined(separator: ",")
        do {
            let record: RunRecord
            switch form {
            case "comparison":
                // The oldest ticked scenario is the baseline, whatever order the boxes were listed in.
                let ids = try values["scenario_ids", default: ""].split(separator: ",").map { try Self.integer(String($0), "scenario_ids") }.sorted()
                record = try await dashboard.startComparison(ComparisonRequest(
                    scenarioIds: ids, replicates: try Self.optionalInteger(values["replicates"], "replicates"),
                    seed: try Self.optionalSeed(values["seed"]), endDate: Self.optionalText(values["end_date"]),
                    populationScale: try Self.optionalNumber(values["population_scale"], "population_scale")))
            case "sweep":
                let set = (values["set"] ?? "").split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                record = try await dashboard.startSweep(SweepRequest(
                    scenarioId: try Self.integer(values["scenario_id"] ?? "", "scenario_id"), set: set,
                    replicates: try Self.optionalInteger(values["replicates"], "replicates"), seed: try Self.optionalSeed(values["seed"]),
                    endDate: Self.optionalText(values["end_date"]),
                    populationScale: try Self.optionalNumber(values["population_scale"], "population_scale")))
            case "calibration":
                record = try await dashboard.startCalibration(CalibrationRequest(
                    scenarioId: try Self.integer(values["scenario_id"] ?? "", "scenario_id"), through: values["through"] ?? "",
                    record: Self.optionalText(values["record"]), particles: try Self.optionalInteger(values["particles"], "particles"),
                    generations: try Self.optionalInteger(values["generations"], "generations"),
                    predictive: try Self.optionalInteger(values["predictive"], "predictive"), seed: try Self.optionalSeed(values["seed"]),
                    endDate: Self.optionalText(values["end_date"]),
                    populationScale: try Self.optionalNumber(values["population_scale"], "population_scale")))
            case "backtest":
                let origins = (values["origins"] ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                record = try await dashboard.startBacktest(BacktestRequest(
                    scenarioId: try Self.integer(values["scenario_id"] ?? "", "scenario_id"), record: Self.optionalText(values["record"]),
                    origins: origins, horizon: try Self.optionalInteger(values["horizon"], "horizon"),
                    particles: try Self.optionalInteger(values["particles"], "particles"), seed: try Self.optionalSeed(values["seed"])))
            default:
                record = try await dashboard.startForecast(ForecastRequest(
                    scenarioId: try Self.integer(values["scenario_id"] ?? "", "scenario_id"), record: Self.optionalText(values["record"]),
                    from: Self.optionalText(values["from"]), horizon: try Self.optionalInteger(values["horizon"], "horizon"),
                    particles: try Self.optionalInteger(values["particles"], "particles"), seed: try Self.optionalSeed(values["seed"])))
            }
            return HTTPAnswer.redirect(to: "/runs/\(record.id ?? 0)")
        } catch let error as APIError {
            let field = error.field.flatMap { values.keys.contains($0) || $0 == "scenario_ids" ? $0 : nil } ?? "general"
            let text = field == "general" ? error.sentence : error.message + (error.expected.map { "; expected \($0)" } ?? "")
            let submitted = JobsPage.Submitted(form: form, values: values, errors: [field: text])
            return try page { HTTPAnswer.html(JobsPage.render(scenarios: try jobScenarios(), submitted: submitted), status: error.status) }
        }
    }

    static func optionalText(_ text: String?) -> String? {
        let trimmed = text?.trimmingWhitespace() ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    static func integer(_ text: String, _ field: String) throws(APIError) -> Int64 {
        guard let value = Int64(text.trimmingWhitespace()) else {
            throw APIError(.unprocessableContent, code: "invalid_request", message: "is \"\(text)\"", key: field,
                           expected: "a whole number", field: field)
        }
        return value
    }

    static func optionalInteger(_ text: String?, _ field: String) throws(APIError) -> Int? {
        guard let text = optionalText(text) else { return nil }
        return Int(try integer(text, field))
    }

    static func optionalSeed(_ text: String?) throws(APIError) -> UInt64? {
        guard let text = optionalText(text) else { return nil }
        guard let seed = UInt64(text) else {
            throw APIError(.unprocessableContent, code: "invalid_request", message: "is \"\(text)\"", key: "seed",
                           expected: "a whole number from 0", field: "seed")
        }
        return seed
    }

    static func optionalNumber(_ text: String?, _ field: String) throws(APIError) -> Double? {
        guard let text = optionalText(text) else { return nil }
        guard let value = Double(text) else {
            throw APIError(.unprocessableContent, code: "invalid_request", message: "is \"\(text)\"", key: field,
                           expected: "a number", field: field)
        }
        return value
    }

    func createScenario(_ request: Request) async throws -> Response {
        let fields = FormFields(try await RequestBody.collect(request, limit: ScenarioText.maximumBytes + 4096))
        let pasted = fields["toml"] ?? ""
        let created = Result { () throws(APIError) -> ScenarioRecord in
            fields["from"] == "built-in" ? try dashboard.createBuiltInScenario() : try dashboard.createScenario(toml: pasted)
        }
        switch created {
        case .success(let record):
            return HTTPAnswer.redirect(to: "/scenarios/\(record.id ?? 0)")
        case .failure(let error):
            return try page {
                HTTPAnswer.html(try scenariosPage(Pagination(limit: ScenariosPage.pageSize), pastedText: pasted, error: error),
                                status: error.status)
            }
        }
    }

    /// Builds TOML from the form, validates it and stores it; a refusal re-shows the form with the
    /// error next to the field the loader's key (or line) points at.
    func saveScenario(_ request: Request, id: Int64) async throws -> Response {
        let fields = FormFields(try await RequestBody.collect(request, limit: ScenarioText.maximumBytes + 64 << 10))
        let form = ScenarioForm(values: fields.values)
        let (text, fieldOfLine) = form.toml()
        return try await asyncPage {
            do {
                _ = try dashboard.updateScenario(id: id, toml: text, fieldOfLine: fieldOfLine)
                return HTTPAnswer.redirect(to: "/scenarios/\(id)?saved=1")
            } catch let error as APIError where error.code == "invalid_scenario" {
                let record = try dashboard.scenario(id: id)
                let where_ = error.key.map { "`\($0)` " } ?? ""
                let sentence = where_ + error.sentence
                var errors = [String: String]()
                if let field = error.field { errors[field] = sentence }
                return HTTPAnswer.html(ScenarioEditPage.render(id: id, name: record.name, form: form,
                                                               defaults: try defaults(of: try parsed(record.toml)),
                                                               errors: errors, generalError: error.field == nil ? sentence : nil),
                                       status: error.status)
            }
        }
    }

    /// The timeline form's rows in place of the scenario's timeline, checked and stored as the scenario
    /// form's text is; a refusal shows the rows again with the error beside the field it belongs to.
    func saveTimeline(_ request: Request, id: Int64) async throws -> Response {
        let fields = FormFields(try await RequestBody.collect(request, limit: ScenarioText.maximumBytes + 64 << 10))
        let timeline = TimelineForm(fields: fields.values)
        return try await asyncPage {
            let record = try dashboard.scenario(id: id)
            let scenario = try parsed(record.toml)
            var form = ScenarioForm(scenario: scenario)
            form.values[ScenarioForm.structuredField] = timeline.replacingTimeline(in: form.values[ScenarioForm.structuredField] ?? "")
            let (text, _) = form.toml()
            // Which row field wrote each line of the whole text: the timeline's lines come last.
            let rowLines = timeline.toml()
            let first = text.split(separator: "\n", omittingEmptySubsequences: false).count - rowLines.text.split(separator: "\n",
                                                                                                      omittingEmptySubsequences: false).count
            let fieldOfLine = Dictionary(uniqueKeysWithValues: rowLines.fieldOfLine.map { ($0.key + first - 1, $0.value) })
            do {
                _ = try dashboard.updateScenario(id: id, toml: text)
                return HTTPAnswer.redirect(to: "/scenarios/\(id)/timeline?saved=1")
            } catch let error as APIError where error.code == "invalid_scenario" {
                let sentence = (error.key.map { "`\($0)` " } ?? "") + error.sentence
                let field = timeline.field(forKey: error.key, line: error.line, fieldOfLine: fieldOfLine)
                return HTTPAnswer.html(TimelinePage.render(id: id, name: record.name, form: timeline,
                                                           provinces: scenario.configuration.provinces.map(\.name),
                                                           laboratories: scenario.configuration.laboratories.map(\.name),
                                                           errors: field.map { [$0: sentence] } ?? [:],
                                                           generalError: field == nil ? sentence : nil),
                                       status: error.status)
            }
        }
    }

    /// Runs a page's work; an API error becomes a short HTML page with the same status.
    func asyncPage(_ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let error as APIError {
            return Self.problem(error)
        }
    }

    func page(_ work: () throws -> Response) throws -> Response {
        do {
            return try work()
        } catch let error as APIError {
            return Self.problem(error)
        }
    }

    static func problem(_ error: APIError) -> Response {
        HTTPAnswer.html(PageHTML.page(title: "Problem", body: """
            <h1>\(error.status.code) \(PageHTML.escaped(error.status.reasonPhrase))</h1>
            <p class="error">\(PageHTML.escaped(error.sentence))</p><p><a href="/">Back to the runs</a></p>
            """), status: error.status)
    }

    func parsed(_ text: String) throws(APIError) -> Scenario {
        do {
            return try dashboard.reader.validate(text)
        } catch {
            throw .invalidScenario(error)
        }
    }

    /// The defaults of a scenario's fields, with their sources: its own pack's scenario, which a blank field keeps.
    func defaults(of scenario: Scenario) throws(APIError) -> (form: ScenarioForm, scenario: Scenario) {
        do {
            let pack = try scenario.pack.open().scenario()
            return (ScenarioForm(scenario: pack), pack)
        } catch {
            throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
        }
    }
}
