import PortaBundle

/// One problem the verifier found in a bundle: at which level, of what kind, in which file,
/// line or record, and what was expected and found.
///
/// Findings never quote record contents, only file paths, line numbers and record ids.
public struct Finding: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The verification level (1 bag, 2 formats, 3 semantics, 4 cross-format, 5 authenticity).
    public let level: Int
    /// A stable code, such as `checksum-mismatch`.
    public let code: String
    /// The file the finding is about, relative to the bundle.
    public let path: String?
    /// The line in that file, when there is one.
    public let line: Int?
    /// The record id, when the finding is about one record.
    public let record: String?
    /// What is wrong, in words.
    public let message: String
    /// What was expected, when that is a short value (a checksum, a count).
    public let expected: String?
    /// What was found instead.
    public let found: String?

    public init(level: Int, code: FindingCode, path: String? = nil, line: Int? = nil, record: String? = nil,
                message: String, expected: String? = nil, found: String? = nil) {
        self.level = level
        self.code = code.rawValue
        self.path = path
        self.line = line
        self.record = record
        self.message = message
        self.expected = expected
        self.found = found
    }

    /// The finding of `problem` at `level`.
    public init(level: Int, _ problem: BundleProblem) {
        self.init(level: level, code: problem.code, path: problem.path, line: problem.line, record: problem.record,
                  message: problem.message, expected: problem.expected, found: problem.found)
    }

    /// `path:line: [record] message (code)`, then expected and found when given.
    public var description: String {
        var place = path ?? "bundle"
        if let line { place += ":\(line)" }
        if let record { place += " record \(record)" }
        var text = "\(place): \(message) [\(code)]"
        if let expected, let found { text += " (expected \(expected), found \(found))" }
        return text
    }
}
