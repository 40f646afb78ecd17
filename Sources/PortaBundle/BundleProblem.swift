/// One rule of BagIt or of `porta/1` that a bundle breaks, as the readers of this target find
/// it: of what kind, in which file, line or record, and what was expected and found. The
/// verifier reports each as a finding of the level that read it.
///
/// Problems never quote record contents, only paths, line numbers, ids and short values (a
/// checksum, a count).
public struct BundleProblem: Codable, Hashable, Sendable {
    /// A stable code, such as `checksum-mismatch` (`formats/findings.md` lists them all).
    public let code: FindingCode
    /// The file, relative to the bundle.
    public let path: String?
    /// The 1-based line in that file, when there is one.
    public let line: Int?
    /// The record id, when the problem is about one record.
    public let record: String?
    /// What is wrong, in words.
    public let message: String
    /// What was expected, when that is a short value.
    public let expected: String?
    /// What was found instead.
    public let found: String?

    public init(code: FindingCode, path: String? = nil, line: Int? = nil, record: String? = nil, message: String,
                expected: String? = nil, found: String? = nil) {
        self.code = code
        self.path = path.map(Self.shown)
        self.line = line
        self.record = record
        self.message = message
        self.expected = expected
        self.found = found
    }

    /// A path from the bundle as a report may show it: as it is when it is a plausible path (at
    /// most 255 bytes, no control characters), else a placeholder: a hostile bundle must not
    /// echo 65 KB names or terminal escapes into reports and logs.
    static func shown(_ path: String) -> String {
        let plain = path.utf8.count <= 255 && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        return plain ? path : "(a name of \(path.utf8.count) bytes that is not shown)"
    }
}
