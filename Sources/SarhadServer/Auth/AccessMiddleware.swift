import HTTPTypes
import Hummingbird

/// Checks every request against the `AccessPolicy`: `Authorization: Bearer TOKEN`, or the cookie
/// the login page sets (browsers cannot add headers to EventSource or plain links). Also refuses
/// state-changing requests sent from another site's page, which a browser would otherwise deliver
/// to a loopback server without any token.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    static var cookieName: String { "sarhad_token" }

    let policy: AccessPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .get && request.method != .head, let origin = request.headers[.origin],
           !Self.sameOrigin(origin, host: request.head.authority) {
            return APIError(.forbidden, code: "cross_origin", message: "Requests from other sites' pages are refused.").response()
        }
        if request.uri.path == "/login" || policy.accepts(Self.presentedToken(request)) {
            return try await next(request, context)
        }
        if request.uri.path.hasPrefix("/api/") {
            var response = APIError(.unauthorized, code: "token_required",
                                    message: "This server needs its token: send Authorization: Bearer TOKEN.").response()
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return HTTPAnswer.redirect(to: "/login")
    }

    static func presentedToken(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingWhitespace()
        }
        return request.cookies[cookieName]?.value
    }

    /// `http://host:port` of the Origin header against the Host header.
    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host else { return false }
        let authority = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        return authority?.lowercased() == host.lowercased()
    }
}
