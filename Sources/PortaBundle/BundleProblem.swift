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
        self.path = path
        self.line = line
        self.record = record
        self.message = message
        self.expected = expected
        self.found = found
    }
}
