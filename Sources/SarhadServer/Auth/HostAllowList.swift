/// The names a request's Host header may carry. A web page on `attacker.example` whose name the
/// attacker points at 127.0.0.1 (DNS rebinding) reaches a loopback server from the victim's
/// browser as a same-origin page, so the Origin check alone does not stop it; the Host header
/// still says `attacker.example`, and that is refused.
///
/// Accepted: the name or address the server listens on; `localhost` and loopback addresses when it
/// listens on loopback (browsers never let DNS answer for `localhost`); any address literal when it
/// listens on every address (0.0.0.0 or ::); and the names given with `--allowed-host`. An address
/// literal cannot be rebound, so accepting one cannot let another site's page in.
public struct HostAllowList: Sendable, Equatable {
    let names: Set<String>
    let boundAddress: [UInt8]?
    let listensOnLoopback: Bool

    public init(boundHost: String, listensOnLoopback: Bool, allowedHosts: [String] = []) {
        var names = Set(allowedHosts.map { HostAllowList.normalised($0) })
        names.insert(HostAllowList.normalised(boundHost))
        if listensOnLoopback { names.insert("localhost") }
        self.names = names
        boundAddress = HostAddress.literal(boundHost)
        self.listensOnLoopback = listensOnLoopback
    }

    /// Whether a request with this Host header (`name`, `name:port`, `[v6]:port`) may be served.
    public func allows(authority: String?) -> Bool {
        guard let authority, let host = HostAllowList.host(ofAuthority: authority) else { return false }
        if let address = HostAddress.literal(host) {
            if let boundAddress, HostAddress.isWildcard(boundAddress) { return true }
            if listensOnLoopback && HostAddress.isLoopback(address) { return true }
            return address == boundAddress
        }
        return names.contains(HostAllowList.normalised(host))
    }

    /// The host part of an authority, without the port; nil when it is malformed.
    static func host(ofAuthority authority: String) -> String? {
        let text = authority.trimmingWhitespace()
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(text[...close])
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, !parts[0].isEmpty else { return nil }
        if parts.count == 2 && !parts[1].allSatisfy(\.isNumber) { return nil }
        return String(parts[0])
    }

    static func normalised(_ host: String) -> String {
        HostAddress.unbracketed(host.trimmingWhitespace()).lowercased()
    }
}
