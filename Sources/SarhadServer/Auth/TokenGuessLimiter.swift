import Foundation
import Synchronization

/// Limits token guessing: a client (an IP address) that presents a wrong token
/// `allowedFailures` times within `window` is refused (429) without its token being compared,
/// until its oldest failure in the window is older than the window. Clients are counted
/// separately, so a guesser locks out only itself.
public final class TokenGuessLimiter: Sendable {
    public static let allowedFailures = 10
    public static let window: TimeInterval = 60
    /// The most clients remembered; past it the clients with the oldest failures are forgotten first.
    static let maximumClients = 10_000

    /// Client → times of its failures within the window, oldest first.
    let failures = Mutex<[String: [Date]]>([:])
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Seconds until the client may try again, or nil when it may try now.
    public func retryAfter(_ client: String) -> Int? {
        let now = now()
        return failures.withLock { failures in
            let recent = (failures[client] ?? []).filter { now.timeIntervalSince($0) < TokenGuessLimiter.window }
            failures[client] = recent.isEmpty ? nil : recent
            guard recent.count >= TokenGuessLimiter.allowedFailures, let oldest = recent.first else { return nil }
            return max(1, Int((TokenGuessLimiter.window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    public func recordFailure(_ client: String) {
        let now = now()
        failures.withLock { failures in
            if failures[client] == nil && failures.count >= TokenGuessLimiter.maximumClients {
                failures = failures.filter { now.timeIntervalSince($0.value.last ?? .distantPast) < TokenGuessLimiter.window }
                if failures.count >= TokenGuessLimiter.maximumClients,
                   let stalest = failures.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })?.key {
                    failures.removeValue(forKey: stalest)
                }
            }
            var times = (failures[client] ?? []).filter { now.timeIntervalSince($0) < TokenGuessLimiter.window }
            times.append(now)
            failures[client] = Array(times.suffix(TokenGuessLimiter.allowedFailures))
        }
    }
}
