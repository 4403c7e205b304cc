import Foundation
import OmbudConfig
import OmbudPosting
import OmbudCore
import OmbudStore
import OmbudWeb

extension Workspace {
    /// Category names by id, as staff call them (设备设施).
    public var categoryNames: [String: String] {
        // The default lexicon's names win where two lexicons share a category id.
        let ordered = [triage] + lexicons.sorted { $0.key < $1.key }.map(\.value)
        return Dictionary(ordered.flatMap(\.lexicon.categories).map { ($0.id, $0.name) }) { first, _ in first }
    }

    /// The dashboard over `pipeline`'s store, with this configuration's templates, names and
    /// time zone; people act through an ``ApprovalDesk`` and log in with bcrypt-checked passwords.
    /// Sources with a poster (see ``PosterFactory``) get a "post" button; the others are posted
    /// by hand. The session cookie is Secure when `web.public_url` is https.
    public func dashboard(pipeline: Pipeline, posters: [String: any Poster] = [:]) throws -> Dashboard {
        let sessions = SessionBook(store: pipeline.store, checker: BcryptChecker(), clock: pipeline.clock)
        return try Dashboard(store: pipeline.store, templates: templates, words: words.byLanguage, languages: words.languages,
                             view: CaseListView(categoryNames: categoryNames,
                                                timeZone: TimeZone(identifier: configuration.calendar.timeZone) ?? .gmt,
                                                spokespersonFlags: approval.spokespersonFlags.map(\.rawValue).sorted()),
                             clock: pipeline.clock, desk: ApprovalDesk(pipeline: pipeline, posters: posters), sessions: sessions,
                             secureCookies: configuration.web.publicURL?.hasPrefix("https://") == true)
    }
}

/// Passwords checked with bcrypt (``Accounts/verify(_:for:)``); an unknown or disabled name costs
/// one bcrypt check all the same.
struct BcryptChecker: PasswordChecker {
    func verify(_ password: String, for account: Account?) -> Bool { Accounts.verify(password, for: account) }
}

extension ApprovalDesk: CaseDesk {}
