import Foundation
import HTTPTypes
import Hummingbird
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
        router.get("scenarios") { request, _ in
            try page { HTTPAnswer.html(try scenariosPage(Pagination(request, defaultLimit: ScenariosPage.pageSize))) }
        }
        router.post("scenarios") { request, _ in try await createScenario(request) }
        router.get("scenarios/:id") { request, context in
            try page {
                let record = try dashboard.scenario(id: try APIRoutes.id(context))
                let scenario = try Self.parsed(record.toml)
                return HTTPAnswer.html(ScenarioEditPage.render(id: record.id ?? 0, name: record.name, form: ScenarioForm(scenario: scenario),
                                                               defaults: try Self.defaults(),
                                                               saved: request.uri.queryParameters["saved"] != nil))
            }
        }
        router.post("scenarios/:id") { request, context in try await saveScenario(request, id: try APIRoutes.id(context)) }
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
        router.get("what-if") { _, _ in
            try page {
                do { return HTTPAnswer.html(WhatIfPage.render(scenario: try Scenario.builtIn())) } catch let error as ScenarioError {
                    throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
                }
            }
        }
        router.get("assets/what-if.js") { _, _ in
            HTTPAnswer.data(Data(WhatIfPage.script.utf8), contentType: "text/javascript; charset=utf-8")
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
        if run.status == .succeeded {
            let html = try dashboard.file("report.html", ofRun: id)
            report = ReportEmbedding(reportHTML: String(decoding: html, as: UTF8.self))
        }
        return HTTPAnswer.html(RunPage.render(run, report: report))
    }

    func startRun(_ request: Request) async throws -> Response {
        let fields = FormFields(try await RequestBody.collect(request, limit: RequestBody.smallLimit))
        var form = RunsPage.StartForm(scenario: fields["scenario"] ?? "", seed: fields["seed"] ?? "",
                                      endDate: fields["end_date"] ?? "", populationScale: fields["population_scale"] ?? "")
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
                                                              populationScale: scale.isEmpty ? nil : Double(scale)))
            return HTTPAnswer.redirect(to: "/runs/\(run.id ?? 0)")
        } catch let error as APIError {
            form.errors[error.field ?? "general"] = error.field == nil ? error.sentence : error.message + (error.expected.map { "; expected \($0)" } ?? "")
            return try runsPage(form: form, status: error.status)
        }
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
                return HTTPAnswer.html(ScenarioEditPage.render(id: id, name: record.name, form: form, defaults: try Self.defaults(),
                                                               errors: errors, generalError: error.field == nil ? sentence : nil),
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

    static func parsed(_ text: String) throws(APIError) -> Scenario {
        do {
            return try ScenarioText.validate(text)
        } catch {
            throw .invalidScenario(error)
        }
    }

    static func defaults() throws(APIError) -> ScenarioForm {
        do {
            return ScenarioForm(scenario: try Scenario.builtIn())
        } catch {
            throw APIError(.internalServerError, code: "built_in_scenario", message: error.description)
        }
    }
}
