import Foundation
import SarhadServer
import Synchronization
import Testing

/// What a web page elsewhere, or a guesser, can do to the dashboard: DNS rebinding (a foreign Host
/// header), framing, script injection, token guessing, and what the login cookie gives away.
@Suite("Exposure")
struct ExposureTests {
    @Test("A request naming another host (DNS rebinding) is refused with 421, and changes nothing")
    func foreignHost() async throws {
        try await TestServer.with { server in
            let port = server.port
            let refused = try await RawHTTP.send(port: port, path: "/api/v1/scenarios", headers: [("Host", "attacker.example:\(port)")])
            #expect(refused.status == 421)
            #expect(refused.body.contains("unknown_host"))
            let post = try await RawHTTP.send(port: port, method: "POST", path: "/api/v1/scenarios",
                                              headers: [("Host", "attacker.example:\(port)"), ("Origin", "http://attacker.example:\(port)"),
                                                        ("Content-Type", "application/json")],
                                              body: #"{"from": "built-in"}"#)
            #expect(post.status == 421)
            for spoofed in ["127.0.0.1.nip.io:\(port)", "localhost.attacker.example", ""] {
                #expect(try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: [("Host", spoofed)]).status == 421, "\(spoofed)")
            }
            #expect(try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: []).status == 421, "no Host at all")
            for own in ["127.0.0.1:\(port)", "localhost:\(port)", "LOCALHOST", "[::1]:\(port)", "127.0.0.1"] {
                #expect(try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: [("Host", own)]).status == 200, "\(own)")
            }
            let stored = try JSONSerialization.jsonObject(with: try await server.get("/api/v1/scenarios").data) as? [Any]
            #expect(stored?.isEmpty == true, "nothing was created")
        }
    }

    @Test("Which Host headers a server accepts follows the address it listens on and --allowed-host")
    func hostAllowList() {
        let loopback = HostAllowList(boundHost: "127.0.0.1", listensOnLoopback: true)
        #expect(loopback.allows(authority: "127.0.0.1:8080"))
        #expect(loopback.allows(authority: "127.9.9.9:8080"))
        #expect(loopback.allows(authority: "localhost:8080"))
        #expect(loopback.allows(authority: "[::1]:8080"))
        #expect(!loopback.allows(authority: "attacker.example:8080"))
        #expect(!loopback.allows(authority: "192.168.1.5:8080"))
        #expect(!loopback.allows(authority: nil))
        #expect(!loopback.allows(authority: "localhost:80:80"))
        #expect(!loopback.allows(authority: "localhost:http"))

        let everywhere = HostAllowList(boundHost: "0.0.0.0", listensOnLoopback: false, allowedHosts: ["Sarhad.Example.org"])
        #expect(everywhere.allows(authority: "192.168.1.5:8080"), "an address literal cannot be rebound")
        #expect(everywhere.allows(authority: "sarhad.example.org:8080"))
        #expect(!everywhere.allows(authority: "attacker.example"))
        #expect(!everywhere.allows(authority: "localhost:8080"), "not on loopback, so localhost is not this server")

        let one = HostAllowList(boundHost: "192.0.2.7", listensOnLoopback: false)
        #expect(one.allows(authority: "192.0.2.7:8080"))
        #expect(!one.allows(authority: "192.0.2.8:8080"))
    }

    @Test("Loopback is decided by the resolved addresses, not by the name's spelling")
    func loopbackByResolution() throws {
        let nipIO: (String) -> [[UInt8]] = { _ in [[93, 184, 216, 34]] }
        #expect(throws: AccessPolicy.Failure.tokenRequired(host: "127.1.2.3.nip.io")) {
            try AccessPolicy(host: "127.1.2.3.nip.io", token: nil, resolve: nipIO)
        }
        #expect(throws: AccessPolicy.Failure.tokenRequired(host: "no-such-host.invalid"), "a name that resolves to nothing") {
            try AccessPolicy(host: "no-such-host.invalid", token: nil, resolve: { _ in [] })
        }
        let mixed: (String) -> [[UInt8]] = { _ in [[127, 0, 0, 1], [192, 0, 2, 7]] }
        #expect(!AccessPolicy.isLoopback("both.example", resolve: mixed), "every address must be loopback")
        #expect(try AccessPolicy(host: "127.1.2.3.nip.io", token: nil, resolve: { _ in [[127, 1, 2, 3]] }).listensOnLoopback)
        // The system resolver, on names that resolve without DNS.
        #expect(AccessPolicy.isLoopback("localhost"))
        #expect(AccessPolicy.isLoopback("127.0.0.1"))
        #expect(AccessPolicy.isLoopback("[::1]"))
        #expect(!AccessPolicy.isLoopback("0.0.0.0"))
        #expect(!AccessPolicy.isLoopback("192.0.2.7"))
        #expect(try AccessPolicy(host: "localhost", token: nil).token == nil)
        // The server binds to the address the decision was made on, not to the name resolved again.
        let named = try ServerConfiguration(host: "localhost", port: 0, dataDirectory: FileManager.default.temporaryDirectory)
        #expect(["127.0.0.1", "::1"].contains(named.bindAddress), "\(named.bindAddress)")
        #expect(try ServerConfiguration(host: "[::1]", dataDirectory: FileManager.default.temporaryDirectory).bindAddress == "::1")
    }

    @Test("Every answer forbids framing and inline script, errors and redirects included; the run page's script is a file")
    func securityHeaders() async throws {
        try await TestServer.with(token: "header-token") { server in
            let port = server.port
            let answers = [
                try await RawHTTP.send(port: port, path: "/", headers: [("Host", "127.0.0.1:\(port)")]),  // redirect to login
                try await RawHTTP.send(port: port, path: "/login", headers: [("Host", "127.0.0.1:\(port)")]),
                try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: [("Host", "127.0.0.1:\(port)")]),  // 401
                try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: [("Host", "attacker.example")]),  // 421
                try await RawHTTP.send(port: port, path: "/no/such/page",
                                       headers: [("Host", "127.0.0.1:\(port)"), ("Authorization", "Bearer header-token")]),  // 404
                try await RawHTTP.send(port: port, path: "/api/v1/runs/999",
                                       headers: [("Host", "127.0.0.1:\(port)"), ("Authorization", "Bearer header-token")]),  // 404
            ]
            #expect(answers.map(\.status) == [303, 200, 401, 421, 404, 404])
            for answer in answers {
                let policy = answer.header("Content-Security-Policy") ?? ""
                #expect(policy.contains("frame-ancestors 'none'"), "\(answer.status)")
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-eval"), "\(answer.status)")
                #expect(!(policy.split(separator: ";").first { $0.contains("script-src") } ?? "").contains("unsafe-inline"))
                #expect(answer.header("X-Frame-Options") == "DENY", "\(answer.status)")
            }
            let script = try await server.get("/assets/progress.js")
            #expect(script.status == 200)
            #expect(script.headers["content-type"]?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("EventSource"))
        }
        // A running run's page loads that file and has no inline script.
        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let run = try await server.startRun(scenario: scenario, seed: 1, end: "2020-12-31", scale: 0.01)
            let page = try await server.get("/runs/\(run)").text
            _ = try await server.request("POST", "/api/v1/runs/\(run)/cancel")
            #expect(page.contains("<script src=\"/assets/progress.js\"></script>"))
            #expect(!page.contains("<script>"))
        }
    }

    @Test("Logging in sets a session cookie that is not the token; the token itself is no cookie")
    func sessionCookie() async throws {
        let token = "cookie-test-token-0123456789"
        try await TestServer.with(token: token) { server in
            let port = server.port
            let host = ("Host", "127.0.0.1:\(port)")
            let login = try await RawHTTP.send(port: port, method: "POST", path: "/login",
                                               headers: [host, ("Content-Type", "application/x-www-form-urlencoded")], body: "token=\(token)")
            #expect(login.status == 303)
            let setCookie = try #require(login.header("Set-Cookie"))
            #expect(!setCookie.contains(token), "the cookie does not carry the token")
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let pair = try #require(setCookie.split(separator: ";").first.map(String.init))
            let value = try #require(pair.split(separator: "=").last.map(String.init))
            #expect(value.count == 64 && value.allSatisfy(\.isHexDigit), "a 256-bit random session id: \(value)")

            let withSession = try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: [host, ("Cookie", pair)])
            #expect(withSession.status == 200)
            for forged in ["sarhad_session=\(token)", "sarhad_token=\(token)", "sarhad_session=\(String(repeating: "0", count: 64))"] {
                let refused = try await RawHTTP.send(port: port, path: "/api/v1/runs", headers: [host, ("Cookie", forged)])
                #expect(refused.status == 401, "\(forged)")
            }
        }
    }

    @Test("Guessing the token: after 10 wrong tokens from a client, it is refused with 429 even with the right one")
    func guessingLimited() async throws {
        let token = "guess-me-if-you-can"
        try await TestServer.with(token: token) { server in
            for attempt in 0..<TokenGuessLimiter.allowedFailures {
                let wrong = try await server.request("GET", "/api/v1/runs", headers: ["Authorization": "Bearer wrong-\(attempt)"], useToken: false)
                #expect(wrong.status == 401)
            }
            let limited = try await server.get("/api/v1/runs")
            #expect(limited.status == 429)
            #expect(try limited.error()["code"] as? String == "too_many_attempts")
            #expect(Int(limited.headers["retry-after"] ?? "") != nil)
            // The login form counts against the same limit.
            let form = try await server.request("POST", "/login", body: Data("token=\(token)".utf8),
                                                contentType: "application/x-www-form-urlencoded", useToken: false)
            #expect(form.status == 429)
        }
        // Wrong logins count too.
        try await TestServer.with(token: token) { server in
            for _ in 0..<TokenGuessLimiter.allowedFailures {
                let wrong = try await server.request("POST", "/login", body: Data("token=nope".utf8),
                                                     contentType: "application/x-www-form-urlencoded", useToken: false)
                #expect(wrong.status == 401)
            }
            #expect(try await server.get("/api/v1/runs").status == 429)
        }
    }

    @Test("The guessing limit forgets failures older than its window, and counts clients apart")
    func guessingWindow() {
        let clock = TestClock()
        let limiter = TokenGuessLimiter(now: { clock.now })
        for _ in 0..<TokenGuessLimiter.allowedFailures - 1 { limiter.recordFailure("192.0.2.1") }
        #expect(limiter.retryAfter("192.0.2.1") == nil)
        limiter.recordFailure("192.0.2.1")
        #expect(limiter.retryAfter("192.0.2.1") == Int(TokenGuessLimiter.window))
        #expect(limiter.retryAfter("192.0.2.2") == nil, "another client is not locked out")
        clock.advance(by: TokenGuessLimiter.window + 1)
        #expect(limiter.retryAfter("192.0.2.1") == nil)
    }

    @Test("Sessions end after their lifetime")
    func sessionLifetime() {
        let clock = TestClock()
        let sessions = SessionStore(now: { clock.now })
        let id = sessions.start()
        #expect(sessions.isValid(id))
        #expect(!sessions.isValid(nil))
        #expect(!sessions.isValid(id + "0"))
        clock.advance(by: SessionStore.lifetime + 1)
        #expect(!sessions.isValid(id))
    }
}

/// A clock a test moves by hand.
final class TestClock: Sendable {
    let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(by seconds: TimeInterval) { time.withLock { $0 += seconds } }
}
