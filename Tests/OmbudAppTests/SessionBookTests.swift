import Foundation
import OmbudCore
import OmbudStore
import OmbudWeb
import Testing

/// Logins: the password check runs off the session book, costs the same for any name, and a burst
/// of guesses cannot outrun the lock.
@Suite struct SessionBookTests {
    /// A checker as slow as bcrypt, recording whom it checked.
    final class SlowChecker: PasswordChecker, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String?] = []
        var checked: [String?] { lock.withLock { seen } }
        func verify(_ password: String, for account: Account?) -> Bool {
            Thread.sleep(forTimeInterval: 0.4)
            lock.withLock { seen.append(account?.name) }
            return account.map { !$0.disabled && password == "right password" } ?? false
        }
    }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-sessions-\(UUID().uuidString)")

    func book() throws -> (SessionBook, SlowChecker) {
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        for name in ["li", "wang"] {
            try store.save(account: Account(name: name, role: .staff, passwordHash: "x", createdAt: Date(timeIntervalSince1970: 0)))
        }
        let checker = SlowChecker()
        return (SessionBook(store: store, checker: checker, clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000))), checker)
    }

    func timed(_ body: () async throws -> Void) async -> TimeInterval {
        let start = ContinuousClock.now
        try? await body()
        let gone = ContinuousClock.now - start
        return Double(gone.components.seconds) + Double(gone.components.attoseconds) / 1e18
    }

    @Test func anUnknownNameCostsAsMuchAsAWrongPassword() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (book, checker) = try book()
        let known = await timed { _ = try await book.login(name: "li", password: "wrong") }
        let unknown = await timed { _ = try await book.login(name: "nobody", password: "wrong") }
        #expect(checker.checked == ["li", nil])
        #expect(known >= 0.4 && unknown >= 0.4)
        await #expect(throws: SessionBook.Refusal.badCredentials) { _ = try await book.login(name: "nobody", password: "right password") }
    }

    /// A checker that holds every check until the test lets it go, so a test can ask what
    /// answers while checks are in flight without timing anything.
    final class HeldChecker: PasswordChecker, @unchecked Sendable {
        private let lock = NSLock()
        private let gate = DispatchSemaphore(value: 0)
        private var holding = false
        private var started = 0
        private var ended = 0
        /// Checks that have begun and checks that have returned.
        var counts: (started: Int, ended: Int) { lock.withLock { (started, ended) } }
        /// From now on every check waits (at most a minute) until ``release(_:)``.
        func hold() { lock.withLock { holding = true } }
        /// Lets `count` held checks go.
        func release(_ count: Int) { for _ in 0..<count { gate.signal() } }
        func verify(_ password: String, for account: Account?) -> Bool {
            let held = lock.withLock { started += 1; return holding }
            if held { _ = gate.wait(timeout: .now() + 60) }
            lock.withLock { ended += 1 }
            return account.map { !$0.disabled && password == "right password" } ?? false
        }
    }

    @Test(.timeLimit(.minutes(3))) func loginsInFlightDoNotStallSignedInPages() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        try store.save(account: Account(name: "wang", role: .staff, passwordHash: "x", createdAt: Date(timeIntervalSince1970: 0)))
        let checker = HeldChecker()
        let book = SessionBook(store: store, checker: checker, clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000)))
        let token = try await book.login(name: "wang", password: "right password")
        checker.hold()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<11 { group.addTask { _ = try? await book.login(name: "guess\(index)", password: "x") } }
            // Wait (by events, not by a stopwatch: a loaded machine only makes it slower) until a check is held.
            while checker.counts.started < 2 { try await Task.sleep(for: .milliseconds(5)) }
            // Checks are held mid-way: a signed-in page still answers before any of them returns.
            let found = await book.session(token)?.1.name
            let duringChecks = checker.counts
            checker.release(11)
            try await group.waitForAll()
            #expect(found == "wang")
            #expect(duringChecks.ended == 1, "the session lookup waited behind \(duringChecks.ended - 1) held login checks")
        }
    }

    @Test func guessesSentAtOnceCannotOutrunTheLock() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (book, checker) = try book()
        let refusals = await withTaskGroup(of: SessionBook.Refusal?.self) { group in
            for index in 0..<11 {
                group.addTask {
                    do { _ = try await book.login(name: "li", password: "guess \(index)") } catch { return error as? SessionBook.Refusal }
                    return nil
                }
            }
            return await group.reduce(into: [SessionBook.Refusal?]()) { $0.append($1) }
        }
        #expect(checker.checked.count == SessionBook.allowedFailures)
        #expect(refusals.filter { if case .throttled = $0 { true } else { false } }.count == 11 - SessionBook.allowedFailures)
    }
}
