import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Building responses: JSON (snake_case keys, ISO 8601 dates, sorted keys so answers are stable),
/// HTML, files and redirects.
enum HTTPAnswer {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        data(try encoder().encode(value), contentType: "application/json", status: status, headers: headers)
    }

    static func data(_ data: Data, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        data(Data(text.utf8), contentType: "text/html; charset=utf-8", status: status)
    }

    /// 303 See Other: after a form post, the browser fetches the next page with GET.
    static func redirect(to location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }
}
