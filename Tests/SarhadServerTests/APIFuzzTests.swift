import SarhadJobs
import Foundation
import SarhadScenario
import SarhadServer
import SarhadTestSupport
import Testing

/// A seeded fuzz test of the dashboard's request bodies (`APIFuzzInputs`): run requests, scenario
/// text, the scenario and run forms, logins and cancels, sent one after another over plain sockets
/// to a real server with a token. Every answer must be a complete HTTP answer (a dropped or stalled
/// connection fails) with a 2xx or 4xx status; a page may also accept with its 303 redirect. Errors
/// of the JSON API must be JSON with an `error` object carrying a code and a message. Every 50
/// requests, and at the end, the server must still list its runs and scenarios.
///
/// Accepted runs stay cheap in two ways: the server is told it has only 2 MB beyond a run's fixed
/// overhead, so a request for more than about 130,000 agents is refused (insufficient_memory, one of
/// the refusals fuzzed), and every accepted run is cancelled at once (that cancel is one more fuzzed
/// request: 202, or 409 if the run already ended). The usual request asks for scale 0.0001, about
/// 3,800 agents.
///
/// The bounded run (`fuzzRequests` requests, seed 19) is part of the normal suite. For a longer run,
/// set SARHAD_FUZZ_SECONDS (and optionally SARHAD_FUZZ_SEED for another stream); the same variables
/// drive the scenario reader's fuzzer, so one command runs both for an hour each:
///
///     SARHAD_FUZZ_SECONDS=3600 swift test --filter 'ScenarioFuzzTests|APIFuzzTests'
///
/// The time only decides how many requests are sent; what passes or fails never depends on it.
@Suite("API fuzzing")
struct APIFuzzTests {
    static let fuzzRequests = 400
    static let token = "api-fuzz-token-0123456789"
    /// Failures reported before the test stops sending (one broken handler would otherwise fill the log).
    static let maximumReportedFailures = 20

    @Test("mutated bodies to runs, scenarios, forms, login and cancel get a 2xx or 4xx answer, and the server keeps answering")
    func fuzz() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["SARHAD_FUZZ_SECONDS"].flatMap(Double.init)
        var random = SplitMix64(seed: environment["SARHAD_FUZZ_SEED"].flatMap(UInt64.init) ?? 19)
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        let availableMemory = MemoryEstimate.fixedOverheadBytes + (2 << 20)
        try await TestServer.with(token: Self.token, availableMemory: { availableMemory }) { server in
            var session = try await Session(port: server.port, token: Self.token)
            let builtIn = try await session.createBuiltInScenario()
            var inputs = APIFuzzInputs(corpus: try Self.corpus(), form: ScenarioForm(scenario: try Scenario.builtIn()).values,
                                       token: Self.token)
            var tally = Tally()
            var storedScenarios = [builtIn], fuzzedScenarios = [Int64](), runs = [Int64](), nextCheck = 50
            while deadline.map({ Date() < $0 }) ?? (tally.sent < Self.fuzzRequests), tally.failures < Self.maximumReportedFailures {
                let request: FuzzRequest
                switch random.below(12) {
                case 0, 1, 2: request = inputs.run(scenarioIds: storedScenarios.suffix(8), using: &random)
                case 3: request = inputs.runForm(scenarioIds: storedScenarios.suffix(8), using: &random)
                case 4, 5, 6: request = inputs.scenario(replaceable: fuzzedScenarios.suffix(8), using: &random)
                case 7, 8: request = inputs.scenarioForm(editable: storedScenarios.suffix(8), using: &random)
                case 9, 10: request = inputs.login(using: &random)
                default: request = inputs.cancel(runIds: runs.suffix(16), using: &random)
                }
                guard let answer = await session.send(request, tally: &tally) else { continue }
                if request.endpoint == .login, answer.status == 303, let cookie = Session.cookie(answer) {
                    // The session store keeps the newest sessions: follow the newest so that ours is never dropped.
                    session.cookie = cookie
                }
                if request.endpoint == .scenarios, request.method == "POST", answer.status == 201, let id = Self.id(answer) {
                    storedScenarios.append(id)
                    fuzzedScenarios.append(id)
                }
                if let run = Self.acceptedRun(request, answer) {
                    runs.append(run)
                    let cancel = FuzzRequest(endpoint: .cancel, path: "/api/v1/runs/\(run)/cancel", contentType: nil, body: [])
                    _ = await session.send(cancel, tally: &tally)
                }
                if tally.sent >= nextCheck {
                    await session.checkAlive(tally: &tally)
                    nextCheck += 50
                }
            }
            await session.checkAlive(tally: &tally)
            print("API fuzzing: \(tally.sent) requests, \(tally.accepted.values.reduce(0, +)) accepted, "
                  + "\(tally.refused.values.reduce(0, +)) refused; " + tally.summary())
            // Both outcomes at every endpoint, or the test proves nothing about one of them. A cancel is
            // refused for ids that are no run's; whether one comes before its run ends is a matter of
            // timing, so accepted cancels are counted but not required.
            for endpoint in FuzzRequest.Endpoint.allCases {
                if endpoint != .cancel { #expect(tally.accepted[endpoint] ?? 0 > 0, "no request to \(endpoint.rawValue) was accepted") }
                #expect(tally.refused[endpoint] ?? 0 > 0, "every request to \(endpoint.rawValue) was accepted")
            }
        }
    }

    /// The id of a run an answer accepted: the API's 202 JSON, or the run form's redirect to the run.
    static func acceptedRun(_ request: FuzzRequest, _ answer: RawHTTP.Answer) -> Int64? {
        switch (request.endpoint, answer.status) {
        case (.runs, 202): id(answer)
        case (.runForm, 303): answer.header("Location").flatMap { $0.hasPrefix("/runs/") ? Int64($0.dropFirst(6)) : nil }
        default: nil
        }
    }

    static func id(_ answer: RawHTTP.Answer) -> Int64? {
        ((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any])?["id"] as? Int64
    }

    /// The built-in scenario as written, and every example file (as the scenario fuzzer's corpus).
    static func corpus() throws -> [String] {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".toml") }.sorted()
        return [ScenarioWriter.toml(try Scenario.builtIn())]
            + (try files.map { try String(contentsOf: examples.appendingPathComponent($0), encoding: .utf8) })
    }
}

/// Counts of answers by endpoint, and of failures.
struct Tally {
    var sent = 0
    var failures = 0
    var accepted = [FuzzRequest.Endpoint: Int]()
    var refused = [FuzzRequest.Endpoint: Int]()

    func summary() -> String {
        FuzzRequest.Endpoint.allCases.map { "\($0.rawValue): \(accepted[$0] ?? 0) accepted, \(refused[$0] ?? 0) refused" }
            .joined(separator: "; ")
    }
}

/// The fuzzer's side of the conversation: a logged-in session (a cookie, so that the guessing limit
/// the fuzzed logins run into never locks out the other requests) and the checks on every answer.
struct Session {
    let port: Int
    var cookie: String

    init(port: Int, token: String) async throws {
        self.port = port
        let login = try await RawHTTP.send(port: port, method: "POST", path: "/login",
                                           headers: [("Host", "127.0.0.1:\(port)"), ("Content-Type", "application/x-www-form-urlencoded")],
                                           body: "token=\(token)")
        cookie = try #require(Self.cookie(login), "the right token logs in: \(login.status) \(login.body)")
    }

    /// `name=value` of a login answer's Set-Cookie.
    static func cookie(_ answer: RawHTTP.Answer) -> String? {
        answer.header("Set-Cookie").flatMap { $0.split(separator: ";").first.map(String.init) }
    }

    func createBuiltInScenario() async throws -> Int64 {
        let answer = try await RawHTTP.send(port: port, method: "POST", path: "/api/v1/scenarios", headers: headers("application/json"),
                                            body: "{\"from\": \"built-in\"}")
        return try #require(APIFuzzTests.id(answer), "\(answer.status) \(answer.body)")
    }

    func headers(_ contentType: String?) -> [(String, String)] {
        [("Host", "127.0.0.1:\(port)"), ("Cookie", cookie)] + (contentType.map { [("Content-Type", $0)] } ?? [])
    }

    /// Sends one request and checks its answer; nil (after recording the failure) when there was none.
    func send(_ request: FuzzRequest, tally: inout Tally) async -> RawHTTP.Answer? {
        tally.sent += 1
        let answer: RawHTTP.Answer
        do {
            answer = try await RawHTTP.send(port: port, method: request.method, path: request.path,
                                            headers: request.endpoint == .login ? [("Host", "127.0.0.1:\(port)")]
                                                + (request.contentType.map { [("Content-Type", $0)] } ?? []) : headers(request.contentType),
                                            bytes: request.body, source: request.source)
        } catch {
            fail("no complete answer (\(error))", request, &tally)
            return nil
        }
        let status = answer.status
        let acceptedPage = !request.isAPI && status == 303
        guard (200..<300).contains(status) || (400..<500).contains(status) || acceptedPage else {
            fail("status \(status): \(answer.body.prefix(1_000))", request, &tally)
            return answer
        }
        if status == 401 && request.endpoint != .login {
            fail("the session was refused (401): \(answer.body.prefix(300))", request, &tally)
        }
        if status >= 400 {
            tally.refused[request.endpoint, default: 0] += 1
            if request.isAPI { checkAPIError(answer, request, &tally) }
        } else {
            tally.accepted[request.endpoint, default: 0] += 1
        }
        return answer
    }

    /// An API refusal is `{"error": {"code": …, "message": …}}` with a JSON content type.
    func checkAPIError(_ answer: RawHTTP.Answer, _ request: FuzzRequest, _ tally: inout Tally) {
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any]
        let error = object?["error"] as? [String: Any]
        let message = error?["message"] as? String ?? ""
        let code = error?["code"] as? String ?? ""
        if answer.header("Content-Type")?.hasPrefix("application/json") != true || message.isEmpty || code.isEmpty {
            fail("status \(answer.status) without a JSON error with a code and message: \(answer.header("Content-Type") ?? "no type") "
                 + answer.body.prefix(500), request, &tally)
        }
    }

    /// The server still lists its runs and scenarios.
    func checkAlive(tally: inout Tally) async {
        for path in ["/api/v1/runs?limit=1", "/api/v1/scenarios?limit=1"] {
            let answer = try? await RawHTTP.send(port: port, path: path, headers: headers(nil))
            let list = answer.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8))) as? [Any] }
            if answer?.status != 200 || list == nil {
                tally.failures += 1
                Issue.record("after \(tally.sent) requests, GET \(path) answered \(answer.map { "\($0.status) \($0.body.prefix(300))" } ?? "nothing")")
            }
        }
    }

    func fail(_ problem: String, _ request: FuzzRequest, _ tally: inout Tally) {
        tally.failures += 1
        Issue.record("request \(tally.sent): \(problem)\n--- request ---\n\(request)")
    }
}
