import Foundation
import Hummingbird
import Mustache
import OmbudCore
import OmbudStore

/// The web dashboard: a read-only list of cases with their posts, reasons, drafts and time left.
///
/// Pages are rendered on the server from `Templates/web/*.mustache` and need no JavaScript.
public struct Dashboard: Sendable {
    private let store: any Store
    private let view: CaseListView
    private let library: MustacheLibrary
    private let clock: any OmbudCore.Clock

    /// Creates a dashboard over `store`. `templates` are the sources under `Templates/` by name;
    /// `web/cases` must be among them. Throws ``OmbudError`` `template.*` naming the template.
    public init(store: any Store, templates: [String: String], view: CaseListView, clock: any OmbudCore.Clock) throws {
        var library = MustacheLibrary()
        for (name, source) in templates where name.hasPrefix("web/") {
            do { try library.register(source, named: name) } catch {
                throw OmbudError(code: "template.unparsable", message: "Mustache cannot parse the template: \(error)",
                                 context: ["file": "Templates/\(name).mustache"], fix: "check the template's tags")
            }
        }
        guard library.getTemplate(named: "web/cases") != nil else {
            throw OmbudError(code: "template.missing", message: "the dashboard template is missing",
                             context: ["file": "Templates/web/cases.mustache"], fix: "restore it from the repository")
        }
        self.store = store
        self.view = view
        self.library = library
        self.clock = clock
    }

    /// The case list as HTML.
    public func casesPage() throws -> String {
        library.render(try view.context(store: store, now: clock.now), withTemplate: "web/cases") ?? ""
    }

    /// The routes: `/` (the case list), `/api/summary` (counts as JSON) and `/healthz`.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ -> Response in
            let html = try self.casesPage()
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/api/summary") { _, _ -> Response in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(try self.store.counts())
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/healthz") { _, _ in "ok" }
        return router
    }
}
