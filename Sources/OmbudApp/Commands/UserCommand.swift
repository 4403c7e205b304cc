import ArgumentParser
import Foundation
import OmbudCore
#if canImport(Glibc)
import Glibc
#endif

/// `ombud user`: the dashboard's accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the dashboard's accounts.",
        subcommands: [Add.self, List.self, Disable.self])

    /// `ombud user add NAME --role ROLE`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account (or set a new password and role); the password is prompted for, or read from stdin.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The login name, as the audit log will show it.")
        var name: String

        @Option(help: "staff, supervisor, spokesperson or admin.")
        var role: String

        @ArgumentParser.Flag(help: "Read the password from the first line of standard input instead of prompting.")
        var passwordStdin = false

        func run() async throws {
            let runtime = try await store.open()
            try await exitOnUserError {
                let account = try Accounts.make(name: name, role: role, password: try readPassword(), now: runtime.pipeline.clock.now)
                let existed = try runtime.store.account(named: account.name) != nil
                try runtime.store.save(account: account)
                try runtime.store.append(audit: AuditEntry(at: runtime.pipeline.clock.now, actor: "command line (\(NSUserName()))",
                                                           action: existed ? "account.update" : "account.add", after: "\(account.name) \(account.role.rawValue)"))
                print("\(existed ? "updated" : "added") \(account.name) (\(account.role.rawValue))")
            }
        }

        private func readPassword() throws -> String {
            let password: String?
            if passwordStdin || isatty(STDIN_FILENO) == 0 {
                password = readLine(strippingNewline: true)
            } else {
                password = getpass("Password for \(name): ").map { String(cString: $0) }
            }
            return password ?? ""
        }
    }

    /// `ombud user list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts and their roles.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let runtime = try await store.open()
            let accounts = try await exitOnUserError { try runtime.store.accounts() }
            if accounts.isEmpty { print("No accounts: add one with ombud user add NAME --role admin") }
            for account in accounts {
                print(account.name.padding(toLength: 24, withPad: " ", startingAt: 0) + account.role.rawValue + (account.disabled ? " (disabled)" : ""))
            }
        }
    }

    /// `ombud user disable NAME`.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer log in, and stays in the audit log.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The login name.")
        var name: String

        func run() async throws {
            let runtime = try await store.open()
            try await exitOnUserError {
                guard var account = try runtime.store.account(named: name) else {
                    throw OmbudError(code: .accountUnknown, message: "there is no account \(name)", context: ["account": name],
                                     fix: "see ombud user list")
                }
                account.disabled = true
                try runtime.store.save(account: account)
                try runtime.store.append(audit: AuditEntry(at: runtime.pipeline.clock.now, actor: "command line (\(NSUserName()))", action: "account.disable",
                                                           after: name))
                print("disabled \(name)")
            }
        }
    }
}
