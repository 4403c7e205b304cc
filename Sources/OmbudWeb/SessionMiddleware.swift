import Hummingbird

/// Reads the session cookie of every request and puts its live session and account, if any,
/// into the context (``DashboardContext/visitor``).
struct SessionMiddleware: RouterMiddleware {
    let sessions: SessionBook
    let cookieName: String

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        var context = context
        if let found = await sessions.session(request.cookies[cookieName]?.value) { context.visitor = found }
        return try await next(request, context)
    }
}

/// Lets only signed-in people through: a page asks them to log in (303 to `/login`); the JSON
/// API answers 401 with a JSON error.
struct RequireSession: RouterMiddleware {
    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        guard context.visitor == nil else { return try await next(request, context) }
        if request.uri.path.hasPrefix("/api/") {
            return Response(status: .unauthorized, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"error":"log in first"}"#)))
        }
        return Response(status: .seeOther, headers: [.location: "/login"])
    }
}
