import Hummingbird
import OmbudCore

/// The request context of the dashboard's routes: Hummingbird's core context, and the signed-in
/// person once ``SessionMiddleware`` has read the session cookie.
public struct DashboardContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The live session and its account, when the request carries one.
    public var visitor: (session: SessionBook.Session, account: Account)?

    /// A context for a new request, signed in as nobody yet.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The signed-in person: set on every route behind ``SessionMiddleware``.
    public var signedIn: (session: SessionBook.Session, account: Account) {
        get throws {
            guard let visitor else { throw HTTPError(.unauthorized) }
            return visitor
        }
    }
}
