import Foundation
import HummingbirdBcrypt
import OmbudCore

/// Making accounts and checking their passwords (bcrypt, from hummingbird-auth).
public enum Accounts {
    /// A new account, its password hashed with bcrypt. Throws ``OmbudError`` `account.*` for a bad
    /// name, role or a password under 10 characters.
    public static func make(name: String, role: String, password: String, now: Date) throws -> Account {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, !trimmed.contains(where: \.isNewline) else {
            throw OmbudError(code: .accountBadName, message: "'\(name)' cannot be a login name", context: ["account": name],
                             fix: "use a name of 1 to 64 characters on one line")
        }
        guard let parsed = Account.Role(rawValue: role) else {
            throw OmbudError(code: .accountBadRole, message: "'\(role)' is not a role", context: ["role": role],
                             fix: "use one of: \(Account.Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard password.count >= 10 else {
            throw OmbudError(code: .accountWeakPassword, message: "the password has \(password.count) characters", context: ["account": trimmed],
                             fix: "use at least 10 characters")
        }
        return Account(name: trimmed, role: parsed, passwordHash: Bcrypt.hash(password, cost: 12), createdAt: now)
    }

    /// Whether `password` is the account's (bcrypt verification); a disabled account never matches.
    /// Without an account, or for a disabled one, a decoy hash of the same cost is checked, so every
    /// answer takes as long and timing does not tell which names exist.
    public static func verify(_ password: String, for account: Account?) -> Bool {
        guard let account, !account.disabled else {
            _ = Bcrypt.verify(password, hash: decoy)
            return false
        }
        return Bcrypt.verify(password, hash: account.passwordHash)
    }

    /// A bcrypt hash of a random password at the cost accounts use (made once).
    private static let decoy = Bcrypt.hash(UUID().uuidString, cost: 12)
}
