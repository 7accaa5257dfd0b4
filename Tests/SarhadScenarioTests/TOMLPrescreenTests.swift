import Testing
@testable import SarhadScenario

/// Text that used to stop the process (toml++ assertions, a force-unwrap on a key TOMLKit could not
/// look up again) is now an error naming the line and what was expected; valid TOML still parses.
@Suite("TOML screening before the parser")
struct TOMLPrescreenTests {
    func parseError(_ text: String) -> ScenarioError? {
        do {
            _ = try TOMLSource(text: text, name: "test.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test("a NUL escape in a key is an error on its line, not a crash", arguments: [
        "\"a\\u0000\" = 1\n",
        "[disease]\n\"r0\\u0000\" = 1\n",
        "name = \"x\\U00000000y\"\n",
    ])
    func nulEscape(text: String) throws {
        let failure = try #require(parseError(text))
        #expect(failure.line == text.split(separator: "\n").count)
        #expect(failure.message.contains("NUL"))
        #expect(failure.expected != nil)
    }

    @Test("text on which toml++ asserts is refused with the line and what was expected", arguments: [
        ("[~a]\n", 1),
        ("[[~a]]\n", 1),
        ("[ ~a]\n", 1),
        ("r0 = 1\n\n[ =a]\n", 3),
        ("a = [}]\n", 1),
        ("a = [\n  1,\n}\n", 3),
        ("a = [1, }\n", 1),
        ("a = { b = [}] }\n", 1),
    ])
    func parserAssertions(text: String, line: Int) throws {
        let failure = try #require(parseError(text))
        #expect(failure.line == line, "\(failure)")
        #expect(failure.message.contains("not valid TOML"))
        #expect(failure.expected?.isEmpty == false)
    }

    @Test("control characters, lone carriage returns and bad escapes are named", arguments: [
        ("a = \"x\u{1}y\"\n", "control character U+0001"),
        ("# note \u{7F}\n", "control character U+007F"),
        ("a = 1\r\nb = 2\r", "carriage return"),
        ("a = \"\\q\"\n", "escape \\q"),
        ("a = \"\\uD800\"\n", "not a Unicode scalar value"),
        ("a = 1 2\n", "after a value"),
        ("a = 1__0\n", "is not a value"),
        ("a = 01\n", "is not a value"),
        ("a = .5\n", "is not a value"),
        ("a = \"open\n", "not closed"),
        ("a = { b = 1, }\n", "inline table"),
        ("a = \u{00A0}1\n", "whitespace character U+00A0"),
    ])
    func namedProblems(text: String, fragment: String) throws {
        let failure = try #require(parseError(text))
        #expect(failure.description.contains(fragment), "\(failure)")
    }

    @Test("nesting deeper than the documented limit is refused before the parser recurses")
    func deepNesting() throws {
        let depth = TOMLPrescreen.maximumDepth + 1
        let text = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(try #require(parseError(text)).message.contains("nested"))
        let shallow = "a = " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n"
        #expect(parseError(shallow) == nil)
        let longKey = "[" + Array(repeating: "a", count: TOMLPrescreen.maximumKeyParts + 1).joined(separator: ".") + "]\n"
        #expect(try #require(parseError(longKey)).message.contains("dotted key"))
    }

    @Test("every TOML 1.0 form the screen knows still parses")
    func validTOML() throws {
        let text = #"""
            # comment with "quotes" and [brackets]
            bare-key_1 = "basic \" \\ \t \u00E9 \U0001F600"
            "quoted key" = 'literal \no escape'
            'single' = """
            multi "line"
            basic \
              continued"""
            lines = '''
            raw \ text
            '''
            ending = """ends with two quotes"" """
            a.b . c = 1
            ints = [0, -1, +2, 1_000, 0xDEAD_beef, 0o755, 0b1101]
            floats = [0.0, -0.5, 1e10, 1E-5, 6.626e-34, 1_000.000_1, inf, -inf, nan, +nan]
            bools = [true, false]
            dates = [2020-01-01, 0999-12-31, 1979-05-27T07:32:00Z, 1979-05-27 07:32:00.999-07:00, 07:32:00]
            nested = [[1, 2], ["a", 'b'], [{ x = 1 }, { y = { z = [] } }]]
            multi = [
              1, # one
              2,
            ]
            inline = { a = 1, "b c" = "d", e.f = 2 }
            empty = {}

            [ table . "with spaces" ]
            x = 1 # trailing comment
            [[array]]
            [[array]]
            y = 2
            """#
        let source = try TOMLSource(text: text, name: "valid.toml")
        #expect(source.root.map(\.0).contains("array"))
        #expect(source.root.count == 16)
        #expect(try TOMLSource(text: "\u{FEFF}a = 1\r\nb = 2\r\n", name: "bom.toml").root.count == 2)
    }

    @Test("a scenario that fails the screen names the file")
    func loaderNamesFile() throws {
        do {
            _ = try ScenarioLoader.load(text: "[scenario]\nname = \"ok\"\n[~a]\n", name: "mine.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.file == "mine.toml")
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("mine.toml:line 3: is not valid TOML"))
        }
    }
}
