import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// IP addresses as raw bytes (4 for IPv4, 16 for IPv6): parsing literals, resolving names, and
/// telling loopback apart. Loopback is decided from addresses, never from how a name is spelt, so
/// `127.1.2.3.nip.io` is loopback only if it really resolves to 127.1.2.3.
public enum HostAddress {
    /// The address a literal spells (`127.0.0.1`, `::1`, `[::1]`), or nil for a name.
    public static func literal(_ host: String) -> [UInt8]? {
        let bare = unbracketed(host)
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Every address the system resolver gives for `host` (literals included); empty when it
    /// resolves to nothing.
    public static func resolve(_ host: String) -> [[UInt8]] {
        if let literal = literal(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses = [[UInt8]]()
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let socketAddress = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    var address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                case AF_INET6:
                    var address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// The text form of an address (`127.0.0.1`, `::1`).
    public static func text(_ address: [UInt8]) -> String? {
        let family = address.count == 4 ? AF_INET : address.count == 16 ? AF_INET6 : -1
        guard family >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = address.withUnsafeBytes { bytes in
            inet_ntop(family, bytes.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// 127.0.0.0/8, ::1, and IPv4-mapped 127.x addresses.
    public static func isLoopback(_ address: [UInt8]) -> Bool {
        switch address.count {
        case 4: return address[0] == 127
        case 16:
            if address[0..<15].allSatisfy({ $0 == 0 }) && address[15] == 1 { return true }
            return address[0..<10].allSatisfy { $0 == 0 } && address[10] == 0xFF && address[11] == 0xFF && address[12] == 127
        default: return false
        }
    }

    /// 0.0.0.0 and ::, which listen on every address of the machine.
    public static func isWildcard(_ address: [UInt8]) -> Bool {
        !address.isEmpty && address.allSatisfy { $0 == 0 }
    }

    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
