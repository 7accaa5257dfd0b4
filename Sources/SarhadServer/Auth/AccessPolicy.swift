/// Who may use the server. On loopback only this machine's users can connect, so no token is
/// needed; on any other address a token is required, and the server refuses to start without one.
/// Loopback is decided by the addresses `host` resolves to: a name is loopback only when every
/// address it resolves to is, and a name that resolves to nothing is not.
public struct AccessPolicy: Sendable, Equatable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tokenRequired(host: String)

        public var description: String {
            switch self {
            case .tokenRequired(let host):
                "Refusing to listen on \(host) without a token: it is not a loopback address (it resolves to other "
                    + "addresses, or to none), so anyone who can reach it could run simulations. "
                    + "Give --token or set SARHAD_TOKEN, or listen on 127.0.0.1."
            }
        }
    }

    /// nil: no token is asked for.
    public let token: String?
    public let listensOnLoopback: Bool
    /// What `host` resolved to when the policy was decided; the server listens on the first, so a
    /// name cannot resolve to one address for this decision and to another when the socket is bound.
    public let addresses: [[UInt8]]
    /// The Host headers requests may carry (DNS rebinding defence).
    public let hosts: HostAllowList

    /// `resolve` gives the addresses of a host name (the system resolver unless a test gives a fixed answer).
    public init(host: String, token: String?, allowedHosts: [String] = [],
                resolve: (String) -> [[UInt8]] = HostAddress.resolve) throws(Failure) {
        let token = token.flatMap { $0.isEmpty ? nil : $0 }
        let addresses = resolve(HostAddress.unbracketed(host))
        let loopback = !addresses.isEmpty && addresses.allSatisfy(HostAddress.isLoopback)
        if token == nil && !loopback { throw .tokenRequired(host: host) }
        self.token = token
        self.addresses = addresses
        listensOnLoopback = loopback
        hosts = HostAllowList(boundHost: host, listensOnLoopback: loopback, allowedHosts: allowedHosts)
    }

    public static func isLoopback(_ host: String, resolve: (String) -> [[UInt8]] = HostAddress.resolve) -> Bool {
        let addresses = resolve(HostAddress.unbracketed(host))
        return !addresses.isEmpty && addresses.allSatisfy(HostAddress.isLoopback)
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
