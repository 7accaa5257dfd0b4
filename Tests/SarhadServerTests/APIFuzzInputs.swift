import Foundation
import SarhadScenario
import SarhadServer
import SarhadTestSupport

/// One request of the API fuzz test: where it goes and the bytes it carries.
struct FuzzRequest: CustomStringConvertible {
    enum Endpoint: String, CaseIterable {
        case runs = "POST /api/v1/runs"
        case runForm = "POST /runs (form)"
        case scenarios = "POST|PUT /api/v1/scenarios"
        case scenarioForm = "POST /scenarios (forms)"
        case login = "POST /login"
        case cancel = "POST …/runs/{id}/cancel"
    }

    var endpoint: Endpoint
    var method = "POST"
    var path: String
    var contentType: String?
    var body: [UInt8]
    /// A loopback address to send from (logins only: the guessing limit counts by address).
    var source: String?

    /// JSON API routes answer errors as JSON; the pages answer with HTML.
    var isAPI: Bool { path.hasPrefix("/api/") }

    var description: String {
        let shown = String(decoding: body.prefix(600), as: UTF8.self).debugDescription
        return "\(method) \(path) [\(contentType ?? "no content type")] from \(source ?? "127.0.0.1"), \(body.count) bytes: \(shown)"
    }
}

/// Mutated request bodies for the dashboard: JSON run requests (values, types, keys, nesting,
/// duplicates, truncation, huge numbers, Unicode, NUL, bytes that are not UTF-8), scenario text
/// damaged as the scenario fuzzer damages it (`FuzzMutation`), forms, logins and run ids in paths.
struct APIFuzzInputs {
    /// The scenario texts mutated (the built-in scenario as written, and examples/*.toml).
    let corpus: [String]
    /// The built-in scenario's edit form, as the page fills it.
    let form: [String: String]
    let token: String
    var loginsSent = 0

    /// JSON values of every type and of odd sizes and forms, many of them not JSON at all.
    static let jsonValues = [
        "null", "true", "false", "0", "-1", "1", "-0", "0.5", "1.0", "1E2", "01", "+1", ".5", "1.", "0x10",
        "1e308", "1e309", "-1e309", "4.9e-324", "1e-400", "NaN", "Infinity", "-Infinity",
        "18446744073709551615", "18446744073709551616", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
        "1" + String(repeating: "0", count: 400), "0." + String(repeating: "0", count: 400) + "1",
        "\"1\"", "\"\"", "\"0.001\"", "\"2020-02-30\"", "\"2020-13-01\"", "\"9999-12-31\"", "\"0000-01-01\"", "\"2019-12-31\"",
        "\"2029-12-31\"", "\"2030-01-01\"", "\"2020-02-15T00:00:00Z\"", "\"20200215\"", "\"2020-2-15\"", "\" 2020-02-15\"",
        "\"\\u0000\"", "\"2020-02-15\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uZZZZ\"", "\"é😀\\u202E\"", "\"\\\"\"",
        "\"\u{0}\"", "\"\u{1}\t\u{7F}\"", "\"\u{FEFF}1\"", "\"" + String(repeating: "a", count: 5_000) + "\"",
        "[]", "{}", "[1]", "[\"2020-02-15\"]", "{\"a\":1}", "{\"scenario_id\":1}", "[[[[[[[[]]]]]]]]",
        "\"built-in\"", "\"built_in\"", "\"BUILT-IN\"",
    ]
    /// Values a run request may well have, so that many requests are accepted.
    static let plausibleRunValues: [String: [String]] = [
        "seed": ["0", "1", "7", "42", "9223372036854775807", "9223372036854775808"],
        "end_date": ["\"2020-01-31\"", "\"2020-02-15\"", "\"2020-03-01\"", "\"2029-12-31\"", "\"2030-01-01\"", "\"2019-12-31\""],
        "population_scale": ["0.0001", "0.0002", "0.00003", "0.00002", "0.001", "0.003", "0.01", "1", "1.0000001", "0"],
    ]
    static let oddKeys = ["replicates", "", "\\u0000", "\u{0}", "scenario_id ", "SEED", "Seed", "seed\\u0000", "__proto__",
                          "population_scale\u{301}", "endDate", "scenarioId", "é😀", String(repeating: "k", count: 2_000), "threads"]
    /// Damage done to the text of a JSON body or a form after it is written.
    static let textFragments: [[UInt8]] = ["{", "}", "[", "]", "\"", "\\", ",", ":", "\u{0}", "\\u0000", "\u{FEFF}", "\r\n",
                                           "%", "%00", "%zz", "%FF", "&", "=", "+", "&&==&", "1e999", "😀"].map { Array($0.utf8) }
        + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
    /// Run ids as a path may carry them: real ones are added by the caller.
    static let oddIds = ["0", "-1", "abc", "1.5", "1e3", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
                         "%00", "%2F", "%2e%2e", "%FF", "%F0%9F%98%80", "+1", " 1", "1\n", "0x1", "１"].map(percentEncoded)

    static func percentEncoded(_ text: String) -> String {
        // Keep an escape that is already one; encode what would break the request line.
        text.unicodeScalars.map { scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F ? String(scalar)
                : String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
    }

    // MARK: JSON

    /// A JSON object written by hand from (key, value text) pairs, so that it may have duplicate
    /// keys, keys out of order and values that are not JSON; then damaged as text.
    static func json(_ pairs: [(String, String)], using random: inout SplitMix64) -> [UInt8] {
        var pairs = pairs
        for _ in 0..<random.below(4) {
            let index = pairs.isEmpty ? 0 : random.below(pairs.count)
            switch random.below(6) {
            case 0 where !pairs.isEmpty: pairs[index].1 = random.pick(jsonValues)
            case 1 where !pairs.isEmpty: pairs.remove(at: index)
            case 2: pairs.insert((random.pick(oddKeys), random.pick(jsonValues)), at: index)
            case 3 where !pairs.isEmpty: pairs.append((pairs[index].0, random.pick(jsonValues)))  // a duplicate key
            case 4 where !pairs.isEmpty: pairs[index].0 = random.pick(oddKeys)
            default:
                if !pairs.isEmpty, let values = plausibleRunValues[pairs[index].0] { pairs[index].1 = random.pick(values) }
            }
        }
        var text = "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: random.below(8) == 0 ? "," : ", ") + "}"
        switch random.below(12) {
        case 0: text = "[" + text + "]"
        case 1: text = "{\"run\": " + text + "}"
        case 2: text = random.pick(["", " ", "null", "[]", "\"x\"", "1", "{", "}", "{}", "{\"\"}", "{\"seed\"}", "{,}"])
        case 3: text = String(repeating: "[", count: 20_000 + random.below(40_000))  // deep nesting, under the size limit
        case 4: text = String(repeating: "{\"a\":", count: 5_000 + random.below(5_000)) + "1" + String(repeating: "}", count: random.below(2) * 10_000)
        default: break
        }
        return damaged(Array(text.utf8), using: &random)
    }

    /// Half the time as written; otherwise cut, with bytes inserted or a span removed.
    static func damaged(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(random.below(2) == 0 ? 0 : 1 + random.below(3)) {
            let position = random.below(bytes.count + 1)
            switch random.below(3) {
            case 0: bytes = Array(bytes.prefix(position))
            case 1: bytes.insert(contentsOf: random.pick(textFragments), at: position)
            default: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(20)))
            }
        }
        return bytes
    }

    // MARK: Requests

    /// A run request. Accepted runs are tiny (about 3,800 agents at the usual 0.0001), and the test
    /// cancels each at once; see `APIFuzzTests`.
    func run(scenarioIds: [Int64], using random: inout SplitMix64) -> FuzzRequest {
        let scenario = random.below(8) == 0 ? random.pick(["0", "-3", "999999", "9223372036854775808", "1.5", "\"1\""])
            : String(random.pick(scenarioIds))
        let body = Self.json([("scenario_id", scenario), ("seed", String(random.below(1_000))), ("end_date", "\"2020-02-15\""),
                              ("population_scale", "0.0001")], using: &random)
        return FuzzRequest(endpoint: .runs, path: "/api/v1/runs", contentType: random.pick(["application/json", "application/json",
                           "text/plain", "application/x-www-form-urlencoded"]), body: body)
    }

    /// The runs page's form (scenario, seed, end date, scale), with its values or text damaged.
    func runForm(scenarioIds: [Int64], using random: inout SplitMix64) -> FuzzRequest {
        var fields = ["scenario": String(random.pick(scenarioIds)), "seed": String(random.below(1_000)), "end_date": "2020-02-15",
                      "population_scale": "0.0001"]
        for _ in 0..<random.below(3) {
            let name = random.pick(fields.keys.sorted())
            fields[name] = random.pick(FuzzMutation.numbers + FuzzMutation.dates + FuzzMutation.fragments + ["", "built-in", " 5 "])
        }
        return FuzzRequest(endpoint: .runForm, path: "/runs", contentType: "application/x-www-form-urlencoded",
                           body: Self.damaged(Self.formBody(fields, using: &random), using: &random))
    }

    /// Scenario text through the JSON API: TOML bodies (mutated as the scenario fuzzer does), the
    /// same inside JSON, `from: built-in` variants, and replacements of a stored fuzzed scenario.
    func scenario(replaceable: [Int64], using random: inout SplitMix64) -> FuzzRequest {
        var text = random.pick(corpus)
        for _ in 0...random.below(4) { text = FuzzMutation.apply(to: text, using: &random) }
        let method = !replaceable.isEmpty && random.below(6) == 0 ? "PUT" : "POST"
        let path = method == "PUT" ? "/api/v1/scenarios/\(random.pick(replaceable))" : "/api/v1/scenarios"
        switch random.below(10) {
        case 0..<6:
            let type = random.pick(["application/toml", "application/toml", "application/toml; charset=utf-8", "text/x-toml",
                                    "application/json"])
            return FuzzRequest(endpoint: .scenarios, method: method, path: path, contentType: type, body: Array(text.utf8))
        case 6, 7:
            let encoded = (try? JSONSerialization.data(withJSONObject: ["toml": text])).map { [UInt8]($0) } ?? Array(text.utf8)
            return FuzzRequest(endpoint: .scenarios, method: method, path: path, contentType: "application/json",
                               body: random.below(3) == 0 ? Self.damaged(encoded, using: &random) : encoded)
        default:
            return FuzzRequest(endpoint: .scenarios, path: "/api/v1/scenarios", contentType: "application/json",
                               body: Self.json([("from", "\"built-in\"")], using: &random))
        }
    }

    /// The scenario forms: text pasted into the new-scenario form, or the edit form of a stored
    /// scenario with some fields (or the structured settings) damaged.
    func scenarioForm(editable: [Int64], using random: inout SplitMix64) -> FuzzRequest {
        if random.below(3) == 0 {
            var text = random.pick(corpus)
            for _ in 0...random.below(4) { text = FuzzMutation.apply(to: text, using: &random) }
            let fields = random.below(6) == 0 ? ["from": random.pick(["built-in", "built in", ""])] : ["toml": text]
            return FuzzRequest(endpoint: .scenarioForm, path: "/scenarios", contentType: "application/x-www-form-urlencoded",
                               body: Self.damaged(Self.formBody(fields, using: &random), using: &random))
        }
        var fields = form
        for _ in 0..<random.below(4) {
            switch random.below(5) {
            case 0:
                var structured = fields[ScenarioForm.structuredField] ?? ""
                structured = FuzzMutation.apply(to: structured, using: &random)
                fields[ScenarioForm.structuredField] = structured
            case 1: fields[random.pick(fields.keys.sorted())] = nil
            case 2: fields[random.pick(["unknown", "disease", "disease.", "structured ", "\u{0}"])] = random.pick(FuzzMutation.numbers)
            default:
                fields[random.pick(fields.keys.sorted())] = random.pick(FuzzMutation.numbers + FuzzMutation.strings + FuzzMutation.dates
                                                                            + FuzzMutation.fragments + ["", "Kabul = 3", "1, 2, 3"])
            }
        }
        let id = random.below(10) == 0 ? random.pick(Self.oddIds) : String(random.pick(editable))
        return FuzzRequest(endpoint: .scenarioForm, path: "/scenarios/\(id)", contentType: "application/x-www-form-urlencoded",
                           body: Self.damaged(Self.formBody(fields, using: &random), using: &random))
    }

    /// A login form, from a new loopback address each time (so that the guessing limit, which counts
    /// by address, leaves the form's parsing reachable), except every eighth from 127.0.0.1, which
    /// soon meets the limit's 429.
    mutating func login(using random: inout SplitMix64) -> FuzzRequest {
        loginsSent += 1
        let source = loginsSent % 8 == 0 ? "127.0.0.1" : "127.0.\(1 + loginsSent / 254 % 254).\(1 + loginsSent % 254)"
        var fields = ["token": random.below(3) == 0 ? token : random.pick([token + "x", String(token.dropLast()), "", " " + token,
                                                                           token.uppercased(), "\u{0}", "😀"])]
        if random.below(4) == 0 { fields[random.pick(["next", "token ", "Token", ""])] = random.pick(FuzzMutation.strings) }
        return FuzzRequest(endpoint: .login, path: "/login", contentType: random.pick(["application/x-www-form-urlencoded",
                           "application/json", "text/plain"]), body: Self.damaged(Self.formBody(fields, using: &random), using: &random),
                           source: source)
    }

    /// A cancel, by API or page, of a real run, a missing one or an id that is no id.
    func cancel(runIds: [Int64], using random: inout SplitMix64) -> FuzzRequest {
        let id = !runIds.isEmpty && random.below(2) == 0 ? String(random.pick(runIds))
            : random.below(2) == 0 ? String(1 + random.below(500)) : random.pick(Self.oddIds)
        let path = random.below(3) == 0 ? "/runs/\(id)/cancel" : "/api/v1/runs/\(id)/cancel"
        let body = random.below(4) == 0 ? Self.damaged(Array("{\"reason\": \"fuzz\"}".utf8), using: &random) : []
        return FuzzRequest(endpoint: .cancel, path: path, contentType: body.isEmpty ? nil : "application/json", body: body)
    }

    /// URL-encoded as a browser would, in a random field order, sometimes with a field repeated.
    static func formBody(_ fields: [String: String], using random: inout SplitMix64) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var pairs = fields.sorted { $0.key < $1.key }.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        for index in pairs.indices.reversed() where pairs.count > 1 { pairs.swapAt(index, random.below(index + 1)) }
        if !pairs.isEmpty, random.below(8) == 0 { pairs.append(random.pick(pairs)) }
        return Array(pairs.joined(separator: "&").utf8)
    }
}
