import HTTPTypes
import Hummingbird
import Logging

/// Headers on every answer, errors included, that keep other sites from framing the dashboard
/// (clickjacking a cancel or delete button) and keep any injected markup from running script:
/// scripts only from the server's own files (the pages have no inline script), styles inline
/// (the pages and the embedded report carry their stylesheets), nothing else fetched from elsewhere.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: contentSecurityPolicy,
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            response = APIError(.internalServerError, code: "internal", message: "The server failed to answer this request.").response()
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }
}
