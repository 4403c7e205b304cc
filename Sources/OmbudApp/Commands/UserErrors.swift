import ArgumentParser
import Foundation
import OmbudCore

/// Prints an error for a person on standard error: what, where, and what to do.
public func printError(_ error: OmbudError) {
    var text = "error: \(error.message)\n"
    for (key, value) in error.context.sorted(by: { $0.key < $1.key }) { text += "  \(key): \(value)\n" }
    if let fix = error.fix { text += "  fix: \(fix)\n" }
    text += "  (\(error.code))\n"
    FileHandle.standardError.write(Data(text.utf8))
}

/// Runs `body`; an ``OmbudError`` it throws is printed for a person and ends the command with exit status 1.
///
/// Other errors pass through unchanged (ArgumentParser reports them).
public func exitOnUserError<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as OmbudError {
        printError(error)
        throw ExitCode.failure
    }
}

/// Prints `value` as the commands' `--json` output: pretty, keys sorted, dates in ISO 8601.
public func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
