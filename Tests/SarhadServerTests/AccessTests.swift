import Foundation
import SarhadServer
import Testing

@Suite("Access")
struct AccessTests {
    @Test("A server with a token refuses API calls without it, or with a wrong one")
    func tokenRequired() async throws {
        try await TestServer.with(token: "s3cret-token") { server in
            let missing = try await server.request("GET", "/api/v1/runs", useToken: false)
            #expect(missing.status == 401)
            #expect(try missing.error()["code"] as? String == "token_required")
            #expect(missing.headers["www-authenticate"] == "Bearer")
            let wrong = try await server.request("GET", "/api/v1/runs", headers: ["Authorization": "Bearer s3cret-tokeN"], useToken: false)
            #expect(wrong.status == 401)
            #expect(try await server.get("/api/v1/runs").status == 200)
            // Pages without the token lead to the login page.
            let page = try await server.request("GET", "/", useToken: false)
            #expect(page.url?.path == "/login")
            #expect(page.text.contains("name=\"token\""))
        }
    }

    @Test("Listening off loopback needs a token; loopback does not")
    func nonLoopbackNeedsToken() throws {
        #expect(throws: AccessPolicy.Failure.tokenRequired(host: "0.0.0.0")) { try AccessPolicy(host: "0.0.0.0", token: nil) }
        #expect(throws: AccessPolicy.Failure.tokenRequired(host: "192.0.2.7")) { try AccessPolicy(host: "192.0.2.7", token: "") }
        #expect(try AccessPolicy(host: "0.0.0.0", token: "t").token == "t")
        #expect(try AccessPolicy(host: "127.0.0.1", token: nil).accepts(nil))
        #expect(try AccessPolicy(host: "::1", token: nil).token == nil)
        let policy = try AccessPolicy(host: "0.0.0.0", token: "abc")
        #expect(policy.accepts("abc"))
        #expect(!policy.accepts("abcd"))
        #expect(!policy.accepts("ab"))
        #expect(!policy.accepts(nil))
    }

    @Test("A form posted from another site's page is refused")
    func crossOriginPost() async throws {
        try await TestServer.with { server in
            let answer = try await server.request("POST", "/scenarios", body: Data("from=built-in".utf8),
                                                  contentType: "application/x-www-form-urlencoded",
                                                  headers: ["Origin": "http://attacker.invalid"])
            #expect(answer.status == 403)
            let stored = try JSONSerialization.jsonObject(with: try await server.get("/api/v1/scenarios").data) as? [Any]
            #expect(stored?.isEmpty == true, "nothing was created")
        }
    }
}
