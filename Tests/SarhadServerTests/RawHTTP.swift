import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// HTTP/1.1 over a plain socket, for what URLSession will not send or hides: a chosen Host header
/// (or none at all), and answers as they come, redirects and Set-Cookie included.
enum RawHTTP {
    struct Answer: Sendable {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: String

        /// The first value of a header, by case-insensitive name.
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Sends `method path` with the given headers (Host included only if given) and reads the answer
    /// to the end; the socket work runs on its own thread, not on a Swift concurrency thread.
    static func send(port: Int, method: String = "GET", path: String, headers: [(String, String)],
                     body: String = "") async throws -> Answer {
        try await send(port: port, method: method, path: path, headers: headers, bytes: Array(body.utf8))
    }

    /// The same with a body of any bytes (not necessarily UTF-8), sent from `source` (an IPv4
    /// loopback address such as 127.0.3.4, so that the server sees another client) when given and
    /// the system lets a socket bind to it; otherwise from the default address.
    static func send(port: Int, method: String = "GET", path: String, headers: [(String, String)],
                     bytes body: [UInt8], source: String? = nil) async throws -> Answer {
        var head = "\(method) \(path) HTTP/1.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        let bytes = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8], any Error>) in
            Thread { continuation.resume(with: Result { try exchange(port: port, request: request, source: source) }) }.start()
        }
        return try parse(bytes)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func exchange(port: Int, request: [UInt8], source: String? = nil) throws -> [UInt8] {
        #if canImport(Glibc)
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socketDescriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socketDescriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socketDescriptor) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            // A failed bind (e.g. macOS, where only 127.0.0.1 is configured) leaves the default address.
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            _ = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect() to port \(port) failed") }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { write(socketDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "write() failed") }
            sent += count
        }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(socketDescriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw Failure(description: "read() failed or timed out") }
            if count == 0 { break }
            answer += buffer[0..<count]
        }
        return answer
    }

    static func parse(_ bytes: [UInt8]) throws -> Answer {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no complete answer: \(text)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Answer(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
