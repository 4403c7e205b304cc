import Hummingbird

/// Lets only signed-in people through: reads the session cookie and puts its live session and
/// account into the context (``DashboardContext/visitor``); without one, a page asks them to log
/// in (303 to `/login`) and the JSON API answers 401 with a JSON error.
struct SessionMiddleware: RouterMiddleware {
    let sessions: SessionBook
    let cookieName: String

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        guard let found = await sessions.session(request.cookies[cookieName]?.value) else {
            if request.uri.path.hasPrefix("/api/") {
                return Response(status: .unauthorized, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"error":"log in first"}"#)))
            }
            return Response(status: .seeOther, headers: [.location: "/login"])
        }
        var context = context
        context.visitor = found
        return try await next(request, context)
    }
}
