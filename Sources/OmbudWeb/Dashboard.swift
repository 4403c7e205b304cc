import Foundation
import Hummingbird
import Mustache
import OmbudCore
import OmbudStore

/// The web dashboard: people log in, see the cases with their posts, reasons, drafts and time
/// left, and edit, approve or reject drafts.
///
/// Pages are rendered on the server from `Templates/web/*.mustache` and need no JavaScript. Every
/// route but `/login` and `/healthz` needs a session; every form carries the session's CSRF
/// token; every action is checked again by the desk on the server. The session cookie is
/// HttpOnly and SameSite=Strict, and Secure when the dashboard is served over TLS. Pages speak
/// the reader's language: the one chosen with `/lang/{code}` (a cookie), else the first of the
/// browser's Accept-Language the dashboard speaks, else the default (the first language).
public struct Dashboard: Sendable {
    private let store: any Store
    private let view: CaseListView
    private let library: MustacheLibrary
    private let clock: any OmbudCore.Clock
    private let desk: any CaseDesk
    private let sessions: SessionBook
    private let secureCookies: Bool
    private let words: [String: [String: String]]
    private let languages: [String]
    /// The queue's rows are re-rendered at most every 10 s (countdowns show minutes; every
    /// dashboard action clears it at once): rendering 10,000 cases' queue costs ~50 ms of CPU.
    private let queueCache = PageCache<QueueKey>(lifetime: 10)

    /// One cached queue: its filter, in one language.
    struct QueueKey: Hashable, Sendable {
        var filter: CaseListView.QueueFilter
        var language: String
    }

    /// The session cookie's name.
    public static let cookieName = "ombud_session"
    /// The cookie that keeps the reader's language.
    public static let languageCookieName = "ombud_lang"

    /// Creates a dashboard over `store`. `templates` are the sources under `Templates/` by name;
    /// `web/queue`, `web/case`, `web/audit`, `web/login` and `web/message` must be among them. `words`
    /// are the templates' `{{t.key}}` by language, for `languages` (the default first; at least one).
    /// Throws ``OmbudError`` `template.*` naming the template.
    public init(store: any Store, templates: [String: String], words: [String: [String: String]], languages: [String], view: CaseListView,
                clock: any OmbudCore.Clock, desk: any CaseDesk, sessions: SessionBook, secureCookies: Bool = false) throws {
        var library = MustacheLibrary()
        for (name, source) in templates where name.hasPrefix("web/") {
            do { try library.register(source, named: name) } catch {
                throw OmbudError(code: .templateUnparsable, message: "Mustache cannot parse the template: \(error)",
                                 context: ["file": "Templates/\(name).mustache"], fix: "check the template's tags")
            }
        }
        for name in ["web/_header", "web/queue", "web/case", "web/audit", "web/login", "web/message"] where library.getTemplate(named: name) == nil {
            throw OmbudError(code: .templateMissing, message: "a dashboard template is missing",
                             context: ["file": "Templates/\(name).mustache"], fix: "restore it from the repository")
        }
        self.store = store
        self.view = view
        self.library = library
        self.clock = clock
        self.desk = desk
        self.sessions = sessions
        self.secureCookies = secureCookies
        self.words = words
        self.languages = languages.isEmpty ? ["zh-CN"] : languages
    }

    /// A page for `account`: `template` rendered with `context`, the person, the CSRF token and
    /// the words of `language`.
    func render(_ template: String, _ context: [String: Any], for account: Account, csrf: String, language: String, back: String = "/") -> String {
        var context = context
        context["user"] = account.name
        context["role"] = account.role.rawValue
        context["csrf"] = csrf
        return library.render(speaking(language, context, back: back), withTemplate: template) ?? ""
    }

    /// `context` with the words of `language` (`t`), its code (`lang`), and links to the others.
    private func speaking(_ language: String, _ context: [String: Any], back: String = "/") -> [String: Any] {
        var context = context
        context["t"] = words[language] ?? [:]
        context["lang"] = language
        context["back"] = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
        context["other_languages"] = languages.filter { $0 != language }.map { ["code": $0, "name": words[$0]?["language_name"] ?? $0] }
        return context
    }

    /// The word `key` in `language`, with `{name}` filled from `fills`.
    private func word(_ key: String, _ language: String, _ fills: [String: String] = [:]) -> String {
        var text = words[language]?[key] ?? words[languages[0]]?[key] ?? key
        for (name, value) in fills { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The language to answer `request` in: the chosen one (cookie), else the first of its
    /// Accept-Language spoken here (`zh-TW` takes `zh-CN` when only that is spoken), else the default.
    func language(of request: Request) -> String {
        if let chosen = request.cookies[Self.languageCookieName]?.value, languages.contains(chosen) { return chosen }
        let accepted = (request.headers[.acceptLanguage] ?? "").split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag.lowercased(), quality)
        }
        for (tag, quality) in accepted.enumerated().sorted(by: { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }).map(\.element)
        where quality > 0 {
            if let exact = languages.first(where: { $0.lowercased() == tag }) { return exact }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            if let near = languages.first(where: { $0.lowercased().split(separator: "-").first.map(String.init) == primary }) { return near }
        }
        return languages[0]
    }

    /// `back` (as the query gave it, already decoded once) when it is a path on this site; else `/`.
    ///
    /// Browsers drop tabs and line breaks from a `Location` and read `\` as `/`, so `/\t/evil.example`
    /// or `/\evil.example` leave the site: no control character, space or backslash is accepted, the
    /// path starts with one `/` and no second `/`, and other non-ASCII text (a Chinese filter value)
    /// goes out percent-encoded.
    static func localPath(_ back: String?) -> String {
        guard let path = back, path.hasPrefix("/"), !path.hasPrefix("//"),
              !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace || $0 == "\\" || $0 == "\u{7F}" })
        else { return "/" }
        var allowed = CharacterSet.urlPathAllowed.union(.urlQueryAllowed)
        allowed.remove(charactersIn: "#")
        guard let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed),
              let components = URLComponents(string: encoded), components.scheme == nil, components.host == nil else { return "/" }
        return encoded
    }

    /// The routes: `/login` (GET, POST), `/lang/{code}` (the reader's language), `/logout`, `/` (the
    /// queue, filtered by `source`, `category`, `severity`, `status`, `owner`, `flag`), `/cases/{id}` (a case) and its actions
    /// (`edit`, `approve`, `reject`, `post`, `posted`, `seen`, `reassign`, `dismiss`, `merge`, `split`), `/audit`,
    /// `/api/summary` (counts as JSON) and `/healthz` (GET, HEAD).
    public func router() -> Router<DashboardContext> {
        let router = Router(context: DashboardContext.self)
        router.add(middleware: SecurityHeadersMiddleware(https: secureCookies))
        router.get("/healthz") { _, _ in "ok" }
        router.head("/healthz") { _, _ in Response(status: .ok) }  // load balancers and monitors probe with HEAD
        router.get("/login") { request, _ -> Response in
            self.html(.ok, "web/login", [:], self.language(of: request))
        }
        router.get("/lang/:code") { request, context -> Response in
            let code = try context.parameters.require("code")
            guard self.languages.contains(code) else { return Response(status: .notFound) }
            // Back to where the reader was, on this site only.
            var response = Self.redirect(Self.localPath(request.uri.queryParameters["back"].map(String.init)))
            response.setCookie(Cookie(name: Self.languageCookieName, value: code, maxAge: 365 * 86_400, path: "/", secure: self.secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        router.post("/login") { request, _ -> Response in
            let form = try await Self.form(request)
            let language = self.language(of: request)
            do {
                let token = try await self.sessions.login(name: form["name"] ?? "", password: form["password"] ?? "")
                var response = Self.redirect("/")
                response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", secure: self.secureCookies, httpOnly: true,
                                          sameSite: .strict))
                return response
            } catch SessionBook.Refusal.throttled(let until) {
                let wait = Int(until.timeIntervalSince(self.clock.now) / 60) + 1
                return self.html(.tooManyRequests, "web/login", ["error": self.word("too_many_logins", language, ["minutes": "\(wait)"])], language)
            } catch {
                return self.html(.unauthorized, "web/login", ["error": self.word("wrong_password", language), "name": form["name"] ?? ""], language)
            }
        }
        // Every route after this point needs a session.
        let signedIn = router.group().add(middleware: SessionMiddleware(sessions: sessions, cookieName: Self.cookieName))
        signedIn.post("/logout") { request, context -> Response in
            try await self.authorized(request, context) { _, _, _ in
                await self.sessions.logout(request.cookies[Self.cookieName]?.value)
                var response = Self.redirect("/login")
                response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: self.secureCookies, httpOnly: true,
                                          sameSite: .strict))
                return response
            }
        }
        signedIn.get("/") { request, context -> Response in
            let (session, account) = try context.signedIn
            let query = request.uri.queryParameters
            let pick = { (name: String) -> String? in query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
            let filter = CaseListView.QueueFilter(source: pick("source"), category: pick("category"), severity: pick("severity"),
                                                  status: pick("status"), owner: pick("owner"), flag: pick("flag"))
            let key = QueueKey(filter: filter, language: self.language(of: request))
            let now = self.clock.now
            let rows: String
            switch await self.queueCache.body(for: key, now: now) {
            case (let cached?, false):
                rows = cached
            case (let stale?, true):
                // Serve the last rows now and render the next ones off the request path.
                rows = stale
                Task {
                    do { await self.queueCache.keep(try self.queueRows(key, now: self.clock.now), for: key, now: self.clock.now) } catch {
                        await self.queueCache.abandon(key)
                    }
                }
            case (nil, _):
                do {
                    rows = try self.queueRows(key, now: now)
                    await self.queueCache.keep(rows, for: key, now: now)
                } catch {
                    await self.queueCache.abandon(key)
                    throw error
                }
            }
            let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let header = self.render("web/_header", ["now": self.view.format(now)], for: account, csrf: session.csrf, language: key.language,
                                     back: back)
            return Self.page(.ok, header + rows)
        }
        signedIn.get("/cases/:id") { request, context -> Response in
            let (session, account) = try context.signedIn
            let id = try context.parameters.require("id")
            let language = self.language(of: request)
            guard let page = try self.view.casePage(store: self.store, now: self.clock.now, id: id, words: self.words[language] ?? [:]) else {
                return self.html(.notFound, "web/message", ["title": self.word("no_such_case", language),
                                                           "message": self.word("no_such_case_detail", language, ["id": id]), "back": "/"], language)
            }
            return Self.page(.ok, self.render("web/case", page, for: account, csrf: session.csrf, language: language, back: request.uri.path))
        }
        signedIn.get("/audit") { request, context -> Response in
            let (session, account) = try context.signedIn
            return Self.page(.ok, self.render("web/audit", try self.view.auditPage(store: self.store, now: self.clock.now), for: account,
                                              csrf: session.csrf, language: self.language(of: request), back: "/audit"))
        }
        for action in CaseAction.allCases {
            signedIn.post("/cases/:id/\(action.rawValue)") { request, context -> Response in
                let caseID = try context.parameters.require("id")
                return try await self.authorized(request, context) { form, account, _ in
                    var landing = caseID
                    do {
                        landing = try await self.perform(action, caseID: caseID, form: form, by: account)
                        await self.queueCache.clear()
                    } catch let error as OmbudError {
                        await self.queueCache.clear()  // a refused split may have done part of its work: never show a stale queue
                        let language = self.language(of: request)
                        return self.html(.forbidden, "web/message", ["title": self.word("not_done", language), "message": error.message,
                                                                     "code": error.code.rawValue, "fix": error.fix ?? "", "back": "/cases/\(caseID)"],
                                         language)
                    }
                    return Self.redirect("/cases/\(landing)")
                }
            }
        }
        signedIn.get("/api/summary") { _, _ -> Response in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(try self.store.counts())
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }

    private func queueRows(_ key: QueueKey, now: Date) throws -> String {
        let context = try view.queue(store: store, now: now, filter: key.filter, words: words[key.language] ?? [:])
        return library.render(speaking(key.language, context), withTemplate: "web/queue") ?? ""
    }

    /// Does one case action from its form; returns the case to show next (a split shows the new case).
    private func perform(_ action: CaseAction, caseID: String, form: FormBody, by account: Account) async throws -> String {
        let thread = { () throws -> ThreadRef in
            guard let source = form["source"], let threadID = form["thread"] else {
                throw OmbudError(code: .actionBadForm, message: "the form lacks its thread", context: ["case": caseID], fix: "reload the page")
            }
            return ThreadRef(source: source, threadID: threadID)
        }
        switch action {
        case .edit: _ = try desk.edit(caseID: caseID, thread: thread(), text: form["text"] ?? "", by: account)
        case .approve: _ = try desk.approve(caseID: caseID, thread: thread(), by: account)
        case .reject: _ = try desk.reject(caseID: caseID, thread: thread(), reason: form["reason"] ?? "", by: account)
        case .post: _ = try await desk.post(caseID: caseID, thread: thread(), by: account)
        case .posted: _ = try desk.markPosted(caseID: caseID, thread: thread(), url: form["url"] ?? "", by: account)
        case .seen: _ = try desk.confirmSeen(caseID: caseID, thread: thread(), url: form["url"] ?? "", by: account)
        case .reassign: _ = try desk.reassign(caseID: caseID, to: form["owner"] ?? "", by: account)
        case .dismiss: _ = try desk.markNotComplaint(caseID: caseID, reason: form["reason"] ?? "", by: account)
        case .merge:
            let others = (form["others"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            _ = try desk.merge(others, into: caseID, by: account)
        case .split:
            let posts = form.all("post").compactMap { key -> PostKey? in
                let parts = key.split(separator: "/", maxSplits: 1)
                return parts.count == 2 ? PostKey(source: String(parts[0]), id: String(parts[1])) : nil
            }
            return try desk.split(caseID, moving: posts, by: account).split.id
        }
        return caseID
    }

    /// Runs `body` for a POST whose form carries the session's CSRF token; otherwise answers 403.
    private func authorized(_ request: Request, _ context: DashboardContext,
                            _ body: (FormBody, Account, SessionBook.Session) async throws -> Response) async throws -> Response {
        let (session, account) = try context.signedIn
        let form = try await Self.form(request)
        guard let token = form["csrf"], token == session.csrf else {
            let language = language(of: request)
            return html(.forbidden, "web/message", ["title": word("refused", language), "message": word("stale_form", language), "back": "/"], language)
        }
        return try await body(form, account, session)
    }

    /// How long a form's body may take to arrive, whatever the connection's activity.
    static let bodyTimeout: Duration = .seconds(30)

    /// The request's form (at most 1 MiB), or 408 when its body does not arrive within ``bodyTimeout``
    /// (a body declared longer than what is sent, trickled byte by byte).
    private static func form(_ request: Request) async throws -> FormBody {
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var request = request
                return try await request.collectBody(upTo: 1 << 20)
            }
            group.addTask {
                try await Task.sleep(for: bodyTimeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else { throw HTTPError(.requestTimeout) }
            return body
        }
        return FormBody(String(buffer: buffer))
    }

    private func html(_ status: HTTPResponse.Status, _ template: String, _ context: [String: Any], _ language: String) -> Response {
        Self.page(status, library.render(speaking(language, context), withTemplate: template) ?? "")
    }

    private static func page(_ status: HTTPResponse.Status, _ html: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                           .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
