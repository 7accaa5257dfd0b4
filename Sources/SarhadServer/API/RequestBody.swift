import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reads request bodies with a size limit; anything larger is answered 413 before it is all read.
enum RequestBody {
    /// Run requests, cancel requests and logins are small.
    static let smallLimit = 64 << 10

    static func collect(_ request: Request, limit: Int) async throws(APIError) -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw tooLarge(limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        } catch {
            throw .badRequest("The request body could not be read: \(error)")
        }
    }

    /// Decodes a JSON object whose fields must all be among `fields`: a field the server does not
    /// know is refused, never silently ignored (a client must not believe the server did what it did not).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int, fields: [String]) async throws(APIError) -> T {
        let data = try await collect(request, limit: limit)
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw APIError(.badRequest, code: "unknown_field",
                           message: "`\(unknown)` is not a field of this request; it takes "
                               + fields.map { "`\($0)`" }.joined(separator: ", ") + ".",
                           key: unknown, field: unknown)
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .badRequest("The body is not the JSON expected: \(describe(error))")
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "The request body is larger than the limit of \(limit) bytes.")
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "`\(key.stringValue)` is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "`\(context.codingPath.map(\.stringValue).joined(separator: "."))` has the wrong type"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
