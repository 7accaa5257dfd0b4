import HTTPTypes
import Hummingbird

/// Checks every request: its Host header against the names the server answers to (DNS rebinding),
/// its Origin for state-changing requests (another site's page, which a browser would otherwise
/// let post to a loopback server without any token), and then the token: `Authorization: Bearer
/// TOKEN`, or the session cookie the login page sets (browsers cannot add headers to EventSource
/// or plain links). Wrong tokens count towards the client's guessing limit.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = DashboardContext

    /// Holds a session id from `SessionStore`, never the token.
    static var cookieName: String { "sarhad_session" }

    let access: AccessControl

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard access.policy.hosts.allows(authority: request.head.authority) else {
            return APIError(.misdirectedRequest, code: "unknown_host",
                            message: "This server does not answer to that Host name: use the address it listens on, "
                                + "or start it with --allowed-host NAME.").response()
        }
        if request.method != .get && request.method != .head, let origin = request.headers[.origin],
           !Self.sameOrigin(origin, host: request.head.authority) {
            return APIError(.forbidden, code: "cross_origin", message: "Requests from other sites' pages are refused.").response()
        }
        if request.uri.path == "/login" || access.policy.token == nil
            || access.sessions.isValid(request.cookies[Self.cookieName]?.value) {
            return try await next(request, context)
        }
        if let token = Self.bearerToken(request) {
            if let seconds = access.guesses.retryAfter(context.clientKey) {
                var response = AccessControl.tooManyGuesses(retryAfter: seconds).response()
                response.headers[.retryAfter] = String(seconds)
                return response
            }
            if access.policy.accepts(token) { return try await next(request, context) }
            access.guesses.recordFailure(context.clientKey)
        }
        if request.uri.path.hasPrefix("/api/") {
            var response = APIError(.unauthorized, code: "token_required",
                                    message: "This server needs its token: send Authorization: Bearer TOKEN.").response()
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return HTTPAnswer.redirect(to: "/login")
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") else { return nil }
        return String(authorization.dropFirst("bearer ".count)).trimmingWhitespace()
    }

    /// `http://host:port` of the Origin header against the Host header.
    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host else { return false }
        let authority = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        return authority?.lowercased() == host.lowercased()
    }
}
