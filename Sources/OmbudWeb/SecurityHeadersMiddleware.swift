import HTTPTypes
import Hummingbird

/// Adds the headers every answer of the dashboard carries, pages, JSON, redirects and `/healthz`
/// alike: `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin` (case addresses do
/// not leak to other sites), and `Strict-Transport-Security` when the dashboard is served over
/// https (`web.public_url`).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether the dashboard's public address is https.
    let https: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            // A 404 or 400 the router raises is answered here, so it carries the headers too.
            response = try error.response(from: request, context: context)
        } catch {
            // Any other failure is a 500 that says nothing of it, with the headers all the same.
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = Response(status: .internalServerError)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if https { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}
