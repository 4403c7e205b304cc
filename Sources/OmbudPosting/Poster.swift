import OmbudCore

/// Posts an approved reply into a forum thread: the seam between approval and the forums (fakes in tests).
public protocol Poster: Sendable {
    /// Posts `text` as a reply in `thread`; returns the reply's address when the forum says it.
    /// Throws ``OmbudError`` `poster.*` naming the source when the forum refused or could not be reached.
    func post(_ text: String, in thread: ThreadRef) async throws -> String?
}
