import PortaBundle

/// One problem the verifier found in a bundle: the ``BundleProblem`` (which rule, in which
/// file, line or record, what was expected and found) and the level that found it.
///
/// Findings never quote record contents, only file paths, line numbers and record ids.
public struct Finding: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The verification level (1 bag, 2 formats, 3 semantics, 4 cross-format, 5 authenticity).
    public let level: Int
    /// What is wrong, and where.
    public let problem: BundleProblem

    /// The finding of `problem` at `level`.
    public init(level: Int, _ problem: BundleProblem) {
        self.level = level
        self.problem = problem
    }

    public init(level: Int, code: FindingCode, path: String? = nil, line: Int? = nil, record: String? = nil,
                message: String, expected: String? = nil, found: String? = nil) {
        self.init(level: level, BundleProblem(code: code, path: path, line: line, record: record, message: message,
                                              expected: expected, found: found))
    }

    /// The rule's stable code, such as `checksum-mismatch` (`formats/findings.md`).
    public var code: String { problem.code.rawValue }
    /// Whether the finding is of a porta/1 profile rule rather than of RFC 8493 (see ``FindingCode/isProfileRule``).
    public var isProfileRule: Bool { problem.code.isProfileRule }
    /// The file the finding is about, relative to the bundle.
    public var path: String? { problem.path }
    /// The line in that file, when there is one.
    public var line: Int? { problem.line }
    /// The record id, when the finding is about one record.
    public var record: String? { problem.record }
    /// What is wrong, in words.
    public var message: String { problem.message }
    /// What was expected, when that is a short value (a checksum, a count).
    public var expected: String? { problem.expected }
    /// What was found instead.
    public var found: String? { problem.found }

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
