/// Who may use the server. On loopback only this machine's users can connect, so no token is
/// needed; on any other address a token is required, and the server refuses to start without one.
public struct AccessPolicy: Sendable, Equatable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tokenRequired(host: String)

        public var description: String {
            switch self {
            case .tokenRequired(let host):
                "Refusing to listen on \(host) without a token: anyone who can reach it could run simulations. "
                    + "Give --token or set SARHAD_TOKEN, or listen on 127.0.0.1."
            }
        }
    }

    /// nil: no token is asked for.
    public let token: String?

    public init(host: String, token: String?) throws(Failure) {
        let token = token.flatMap { $0.isEmpty ? nil : $0 }
        if token == nil && !AccessPolicy.isLoopback(host) { throw .tokenRequired(host: host) }
        self.token = token
    }

    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Compares in time independent of where the strings differ, so the token cannot be guessed byte by byte.
    public func accepts(_ candidate: String?) -> Bool {
        guard let token else { return true }
        guard let candidate else { return false }
        let expected = Array(token.utf8)
        let given = Array(candidate.utf8)
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
