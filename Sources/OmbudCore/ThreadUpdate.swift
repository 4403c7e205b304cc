import Foundation

/// What a committed page tells the store about a thread.
///
/// A board's reply count and last-post time become the thread's known state only once the
/// thread's pages are stored: a thread whose page failed still differs from what the board lists,
/// so every later crawl fetches it again until it is stored (or a person drops the page).
public enum ThreadUpdate: Sendable, Hashable {
    /// A board lists the thread with these values (its view count is kept at once; its reply
    /// count and last post wait until the thread is stored). A thread met for the first time
    /// starts at `lastPageURL`.
    case listed(ThreadState)
    /// A page of the thread was stored. `last` says it was the thread's last page: the values
    /// the board listed become the thread's known state.
    case stored(source: String, threadID: String, pageURL: String, last: Bool)
}
