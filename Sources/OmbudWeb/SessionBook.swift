import Foundation
import NIOPosix
import OmbudCore
import OmbudStore

/// Who is logged in: sessions kept in memory (a restart logs everyone out, and no session secret
/// is ever written to disk), each with its own CSRF token, and login throttling.
///
/// Five failed logins for one name within 15 minutes lock that name for 15 minutes, whatever the
/// password; the lock and the failures are forgotten on a successful login.
public actor SessionBook {
    /// One logged-in person.
    public struct Session: Sendable, Hashable {
        /// The account's name.
        public var name: String
        /// The token every form must carry back.
        public var csrf: String
        /// When the session ends.
        public var expires: Date
    }

    /// Why a login failed.
    public enum Refusal: Error, Sendable, Hashable {
        /// Name or password wrong (never says which).
        case badCredentials
        /// Too many failures: try again after the given time.
        case throttled(until: Date)
    }

    private let store: any Store
    private let checker: any PasswordChecker
    private let clock: any OmbudCore.Clock
    private let lifetime: TimeInterval
    private var sessions: [String: Session] = [:]
    private var failures: [String: [Date]] = [:]

    /// Failed logins allowed per name within ``window``.
    public static let allowedFailures = 5
    /// The throttling window, and how long a throttled name waits.
    public static let window: TimeInterval = 15 * 60

    /// Creates a book; sessions last `lifetime` seconds (default 12 hours).
    public init(store: any Store, checker: any PasswordChecker, clock: any OmbudCore.Clock, lifetime: TimeInterval = 12 * 3600) {
        self.store = store
        self.checker = checker
        self.clock = clock
        self.lifetime = lifetime
    }

    /// Logs `name` in with `password`; returns the session token for the cookie.
    ///
    /// The password is checked off this actor, on NIO's blocking thread pool (a few threads, so
    /// a flood of logins queues there), so logged-in pages never wait behind a login; an unknown
    /// name costs a check all the same, so the answer's time does not tell which names exist.
    public nonisolated func login(name: String, password: String) async throws -> String {
        let account = try await admit(name)
        let checker = self.checker
        let matches = try await NIOThreadPool.singleton.runIfActive { checker.verify(password, for: account) }
        return try await settle(name, account: matches ? account : nil)
    }

    /// The account of `name` (nil when there is none) if the name is not locked by failures. The
    /// attempt counts as a failure until it succeeds, so logins sent at once cannot outrun the lock.
    private func admit(_ name: String) throws -> Account? {
        let now = clock.now
        let recent = (failures[name] ?? []).filter { now.timeIntervalSince($0) < Self.window }
        if recent.count >= Self.allowedFailures, let last = recent.last {
            throw Refusal.throttled(until: last.addingTimeInterval(Self.window))
        }
        failures[name] = recent + [now]
        return try? store.account(named: name)
    }

    /// A session for `account` when the password matched it (the name's failures forgotten);
    /// otherwise the attempt stays a failure.
    private func settle(_ name: String, account: Account?) throws -> String {
        let now = clock.now
        guard let account else { throw Refusal.badCredentials }
        failures[name] = nil
        let token = Self.randomToken()
        sessions[token] = Session(name: account.name, csrf: Self.randomToken(), expires: now.addingTimeInterval(lifetime))
        return token
    }

    /// The live session of `token` and its account as stored now (a disabled account has none).
    public func session(_ token: String?) -> (Session, Account)? {
        guard let token, let session = sessions[token] else { return nil }
        guard session.expires > clock.now, let account = try? store.account(named: session.name), !account.disabled else {
            sessions[token] = nil
            return nil
        }
        return (session, account)
    }

    /// Ends the session of `token`.
    public func logout(_ token: String?) {
        if let token { sessions[token] = nil }
    }

    /// 32 random bytes as hex, from the system's secure generator.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
