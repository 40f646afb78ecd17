import ArgumentParser
import Logging

/// How much the command logs to standard error. Logs never hold personal data.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log progress (record counts, never personal data) to standard error.")
    var verbose = false

    /// Sets up logging once and returns the command's logger.
    func makeLogger() -> Logger {
        let level: Logger.Level = verbose ? .info : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "porta")
    }
}
