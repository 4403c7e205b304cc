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

    @Test func loginsInFlightDoNotStallSignedInPages() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (book, _) = try book()
        let token = try await book.login(name: "wang", password: "right password")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<11 { group.addTask { _ = try? await book.login(name: "guess\(index)", password: "x") } }
            try await Task.sleep(for: .milliseconds(100))
            // Eleven checks of 0.4 s each are queued or running: a signed-in page still answers at once.
            let lookup = await timed { #expect(await book.session(token)?.1.name == "wang") }
            #expect(lookup < 0.2, "the session lookup waited \(lookup) s behind logins")
            try await group.waitForAll()
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
