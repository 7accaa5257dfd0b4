import Foundation
import HTTPTypes
import Hummingbird
import SarhadScenario

/// An error answer of the JSON API: `{"error": {"code", "message", "key", "line", "expected", "field"}}`.
/// Scenario errors keep the loader's key and line, plus the form field they belong to.
public struct APIError: Error, Sendable, Encodable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var key: String?
    public var line: Int?
    public var expected: String?
    public var field: String?

    public init(_ status: HTTPResponse.Status, code: String, message: String, key: String? = nil, line: Int? = nil,
                expected: String? = nil, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.key = key
        self.line = line
        self.expected = expected
        self.field = field
    }

    enum CodingKeys: String, CodingKey {
        case code, message, key, line, expected, field
    }

    struct Envelope: Encodable {
        let error: APIError
    }

    public static func invalidScenario(_ error: ScenarioError, fieldOfLine: [Int: String] = [:]) -> APIError {
        APIError(.unprocessableContent, code: "invalid_scenario", message: error.message, key: error.key, line: error.line,
                 expected: error.expected, field: ScenarioForm.field(forKey: error.key, line: error.line, fieldOfLine: fieldOfLine))
    }

    public static func invalidRequest(_ error: ScenarioError) -> APIError {
        APIError(.unprocessableContent, code: "invalid_request", message: error.message, key: error.key, line: error.line,
                 expected: error.expected, field: error.key)
    }

    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: what)
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "bad_request", message: message)
    }

    public static func from(_ refusal: RunRefusal) -> APIError {
        switch refusal {
        case .scenarioNotFound, .runNotFound: .notFound(refusal.message)
        case .invalid(let error): .invalidRequest(error)
        case .insufficientMemory: APIError(.unprocessableContent, code: "insufficient_memory", message: refusal.message,
                                           key: "population_scale", field: "population_scale")
        case .alreadyFinished: APIError(.conflict, code: "already_finished", message: refusal.message)
        case .incomparable: APIError(.conflict, code: "incomparable_runs", message: refusal.message, key: "scenario_ids",
                                     field: "scenario_ids")
        }
    }

    /// The sentence shown to a person: message, then what was expected.
    public var sentence: String {
        message + (expected.map { "; expected \($0)" } ?? "")
    }

    public func response() -> Response {
        (try? HTTPAnswer.json(Envelope(error: self), status: status)) ?? Response(status: status)
    }
}

/// Thrown from a route, an `APIError` becomes its JSON answer.
extension APIError: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }
}
