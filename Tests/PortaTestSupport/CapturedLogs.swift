import Foundation
import Logging

/// A log handler that keeps every message and its metadata, at every level, for tests that
/// search what Porta logs.
public final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    /// A logger at `trace` whose output lands here.
    public var logger: Logger {
        var logger = Logger(label: "porta-captured") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Everything logged, one line per entry: level, message, metadata.
    public var text: String { lock.withLock { lines.joined(separator: "\n") } }

    fileprivate func add(_ line: String) { lock.withLock { lines.append(line) } }

    private struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let error = event.error.map { " error=\($0)" } ?? ""
            sink.add("\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))\(error)")
        }
    }
}
