import Foundation

/// The queue's rendered rows, shared by everyone for a moment: with thousands of cases,
/// rendering them per request was most of the dashboard's time.
///
/// An entry is fresh for `lifetime` seconds; after that it is still served while one request
/// renders the next (so no request waits for a render), and every action taken through the
/// dashboard clears the cache, so a person sees their own change at once.
actor PageCache<Key: Hashable & Sendable> {
    private var entries: [Key: (body: String, at: Date)] = [:]
    private var refreshing: Set<Key> = []
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// What to serve for `key` at `now`: the cached body (nil when there is none), and whether
    /// the caller should render a new one (only one caller at a time is told so).
    func body(for key: Key, now: Date) -> (body: String?, render: Bool) {
        guard let entry = entries[key] else { return (nil, true) }
        guard now.timeIntervalSince(entry.at) >= lifetime, !refreshing.contains(key) else { return (entry.body, false) }
        refreshing.insert(key)
        return (entry.body, true)
    }

    /// Keeps `body` for `key` from `now`.
    func keep(_ body: String, for key: Key, now: Date) {
        if entries.count > 256 { entries.removeAll() }  // many filter combinations: start over rather than grow
        entries[key] = (body, now)
        refreshing.remove(key)
    }

    /// Gives up a refresh that failed, so another request may try.
    func abandon(_ key: Key) {
        refreshing.remove(key)
    }

    /// Forgets everything (something changed).
    func clear() {
        entries.removeAll()
        refreshing.removeAll()
    }
}
