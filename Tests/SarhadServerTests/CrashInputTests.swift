import Foundation
import SarhadScenario
import SarhadServer
import Testing

/// Texts that crashed the whole process inside the TOML parser (a force-unwrap on a key holding
/// NUL: SIGILL; toml++ assertions on a table header's first character and on a `}` where an array
/// expects a value: SIGABRT). Posted to the dashboard, each one
/// killed the server and every run in it. The scenario loader screens them out before the parser
/// (`TOMLPrescreen`, used by the CLI and the server alike); if the screen let one through, this test
/// process would die here, which names the input in the log.
@Suite("Inputs that crashed the parser")
struct CrashInputTests {
    /// Each found to crash `sarhad scenario check` (the two from the issue, and what a token fuzzer found).
    static let crashers = [
        "\"a\\u0000\" = 1\n",
        "[~a]\n",
        "[scenario]\nname = \"x\"\n\n[~a]\n",
        "[\n",
        "[ ~a]\n",
        "[[~a]]\n",
        "[.a]\n",
        "[}\n}\"-nan]-",
        " [[.]+[a][[a]]",
        "[é",
        "[[\u{7F}1",
        "[+\\n]\r, a\u{01}",
        "[[\\n!\u{A0}",
        "[\"a\\u0000\"]\n",
        "\"\\U00000000\" = 1\n",
        "a = { \"b\\u0000\" = 1 }\n",
        "x = [}",
        "x = [1, }\n",
        "x = {a = [}]}\n",
        "x = [1,2,\n# c\n\n}\n",
        "[[a]]\nx = [ }\n",
    ]

    @Test("Every known crashing text is refused with a line number, and none reaches the parser", arguments: crashers)
    func screened(_ text: String) throws {
        let error = try #require(throws: ScenarioError.self) { try ScenarioReader.standard.validate(text) }
        #expect(error.line != nil, "\(error)")
    }

    @Test("The screen names what it refused: a control character, a NUL escape, a table header")
    func messages() throws {
        let control = try #require(throws: ScenarioError.self) { try ScenarioReader.standard.validate("[scenario]\nname = \"a\u{01}\"\n") }
        #expect(control.line == 2)
        #expect(control.message.contains("U+0001"), "\(control)")
        let nul = try #require(throws: ScenarioError.self) { try ScenarioReader.standard.validate("\n\"a\\u0000\" = 1\n") }
        #expect(nul.line == 2)
        #expect(nul.message.contains("NUL"), "\(nul)")
        let header = try #require(throws: ScenarioError.self) { try ScenarioReader.standard.validate("[scenario]\n\n[~a]\n") }
        #expect(header.line == 3)
        #expect(header.message.contains("table header"), "\(header)")
    }

    /// The screen's refusal of a text, if it is the screen that refuses it (the loader may refuse
    /// the text for other reasons, which is not a false alarm).
    static func screenRefusal(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioReader.standard.validate(text)
            return nil
        } catch {
            return error.message.hasPrefix("is not valid TOML") ? error : nil
        }
    }

    @Test("What only looks like a bad header or a NUL passes the screen: in strings, comments, arrays, escaped backslashes")
    func noFalseAlarms() throws {
        #expect(throws: Never.self) { try ScenarioReader.standard.validate(try ScenarioReader.standard.builtInText()) }
        let lookalikes = [
            "# [~a] in a comment\n[scenario]\nname = \"x\"\n",
            "[scenario]\nname = '[~a]'\n",
            "[scenario]\nname = \"\"\"\n[~a]\n\"\"\"\n",
            "[scenario]\nname = \"\"\"a\"\"b\n[~a]\n\"\"\"\n",
            "[scenario]\nname = \"back\\\\u0000slash\"\n",
            "[scenario]\nname = \"x\"\nunknown = [\n  [+1],\n  [{ a = 1 }],\n]\n",
            "[scenario]\r\nname = \"a tab\there, CRLF line ends\"\r\n",
            "[scenario]\nname = \"[}, }\"\nunknown = [{ a = 1 }, {}, \"}\"]\n",
        ]
        for text in lookalikes {
            #expect(Self.screenRefusal(text) == nil, "\(text)")
        }
        // Four quotes close a multi-line string (the fourth belongs to it), so this header is real.
        let afterClosedString = "[scenario]\nname = \"\"\"a\"\"\"\"\n[~a]\n"
        for text in Self.crashers + [afterClosedString] {
            #expect(Self.screenRefusal(text) != nil, "\(text)")
        }
    }

    @Test("Posted to the API or the forms, crashing texts get 422 and the server keeps answering")
    func serverSurvives() async throws {
        try await TestServer.with { server in
            for text in ["\"a\\u0000\" = 1\n", "[~a]\n"] {
                let toml = try await server.request("POST", "/api/v1/scenarios", body: Data(text.utf8), contentType: "application/toml")
                #expect(toml.status == 422, "\(toml.text)")
                #expect(try toml.error()["line"] as? Int == 1)
                let json = try await server.postJSON("/api/v1/scenarios", ["toml": text])
                #expect(json.status == 422, "\(json.text)")
                let form = try await server.postForm("/scenarios", ["toml": text])
                #expect(form.status == 422, "\(form.text)")
            }
            // The scenario form's structured settings become TOML too.
            let id = try await server.createBuiltInScenario()
            let edited = try await server.postForm("/scenarios/\(id)", ["structured": "[~a]\n"])
            #expect(edited.status == 422)
            #expect(edited.text.contains("is not valid TOML") && edited.text.contains("table header"), "\(edited.text)")
            // A parameter field's text is written as the value: `r0 = [}` crashed toml++ too.
            let field = try await server.postForm("/scenarios/\(id)", ["disease.r0": "[}"])
            #expect(field.status == 422)
            #expect(field.text.contains("is not valid TOML"), "the screen, not another check, refused it: \(field.text)")
            let replaced = try await server.request("PUT", "/api/v1/scenarios/\(id)", body: Data("[\n".utf8), contentType: "application/toml")
            #expect(replaced.status == 422, "\(replaced.text)")

            let list = try await server.get("/api/v1/scenarios")
            #expect(list.status == 200)
            let stored = try JSONSerialization.jsonObject(with: list.data) as? [[String: Any]]
            #expect(stored?.map { $0["id"] as? Int } == [id], "nothing else was stored")
        }
    }
}
