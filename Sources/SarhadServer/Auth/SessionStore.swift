import Foundation
import Synchronization

/// Browser sessions started at the login page. The cookie carries a random session id (256 bits
/// from the system's secure generator), never the token itself, so a leaked cookie or log line
/// does not give the token away, and sessions end when the server restarts.
public final class SessionStore: Sendable {
    /// How long a session lasts after login.
    public static let lifetime: TimeInterval = 7 * 24 * 3600
    /// The most sessions kept; past it the oldest is dropped, so logins cannot grow memory without bound.
    public static let maximumCount = 1024

    /// Session id → when it expires.
    let sessions = Mutex<[String: Date]>([:])
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// A new session's id.
    public func start() -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in
            let word = String(generator.next(), radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
        let now = now()
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value > now }
            if sessions.count >= SessionStore.maximumCount, let oldest = sessions.min(by: { $0.value < $1.value })?.key {
                sessions.removeValue(forKey: oldest)
            }
            sessions[id] = now.addingTimeInterval(SessionStore.lifetime)
        }
        return id
    }

    public func isValid(_ id: String?) -> Bool {
        guard let id else { return false }
        let now = now()
        return sessions.withLock { ($0[id]).map { $0 > now } ?? false }
    }
}
