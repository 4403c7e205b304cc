import Logging

/// A logger writing to standard error at `level` (warning when the name is unknown).
public func makeLogger(_ level: String) -> Logger {
    var logger = Logger(label: "ombud") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = Logger.Level(rawValue: level) ?? .warning
    return logger
}
