import HTTPTypes

/// What deciding access needs, shared by the middleware and the login page: the policy, the
/// sessions started at login, and the token-guessing limit.
struct AccessControl: Sendable {
    let policy: AccessPolicy
    let sessions: SessionStore
    let guesses: TokenGuessLimiter

    init(policy: AccessPolicy, sessions: SessionStore = SessionStore(), guesses: TokenGuessLimiter = TokenGuessLimiter()) {
        self.policy = policy
        self.sessions = sessions
        self.guesses = guesses
    }

    /// The 429 answer for a client that guessed wrong too often, with when it may try again.
    static func tooManyGuesses(retryAfter seconds: Int) -> APIError {
        APIError(.tooManyRequests, code: "too_many_attempts",
                 message: "Too many wrong tokens from this address: try again in \(seconds) s.")
    }
}
