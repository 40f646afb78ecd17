/// An error in a `porta.yml`: which file, which key path and line, and what is wrong.
///
/// ```
/// porta.yml:14: sources[0].records[2].provenance: must be one of provided, observed, derived, acquired
/// ```
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// The config file.
    public let file: String
    /// The key path, such as `sources[0].records[2].table`.
    public let keyPath: String
    /// The line in the file, when known.
    public let line: Int?
    /// What is wrong.
    public let message: String

    public init(file: String, keyPath: String, line: Int?, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)"
    }
}
