/// The verdict on one bundle: each level that ran, with its findings.
public struct VerificationReport: Codable, Hashable, Sendable {
    /// The outcome of one level.
    public struct Level: Codable, Hashable, Sendable {
        /// 1 bag, 2 formats, 3 semantics, 4 cross-format, 5 authenticity.
        public let level: Int
        /// The level's name (`bag`).
        public let name: String
        /// What was found wrong; empty when the level passed.
        public let findings: [Finding]
        /// Why the level did not run, when it did not (a lower level made it pointless, or
        /// there was nothing to check, as for an unsigned bundle's authenticity).
        public let skipped: String?
        /// What the level established, when that is worth saying (who signed the bundle).
        public let detail: String?

        public init(level: Int, name: String, findings: [Finding], skipped: String? = nil, detail: String? = nil) {
            self.level = level
            self.name = name
            self.findings = findings
            self.skipped = skipped
            self.detail = detail
        }

        /// Whether the level ran and found nothing wrong.
        public var passed: Bool { findings.isEmpty && skipped == nil }
    }

    /// The bundle as it was named to the verifier.
    public let bundle: String
    /// The levels that ran, in order.
    public let levels: [Level]

    public init(bundle: String, levels: [Level]) {
        self.bundle = bundle
        self.levels = levels
    }

    /// Whether no level found anything wrong. (A level is skipped either after a lower level
    /// failed, which already makes the bundle invalid, or because there was nothing to check.)
    public var isValid: Bool { levels.allSatisfy(\.findings.isEmpty) }

    /// Every finding, level by level.
    public var findings: [Finding] { levels.flatMap(\.findings) }

    /// The report for people: one line per level, one line per finding.
    public var text: String {
        var lines = ["bundle \(bundle)"]
        for level in levels {
            let count = level.findings.count
            let verdict = level.skipped.map { "skipped: \($0)" } ?? (level.passed ? "pass" + (level.detail.map { ": \($0)" } ?? "") : "FAIL (\(count) finding\(count == 1 ? "" : "s"))")
            lines.append("  level \(level.level) \(level.name): " + verdict)
            lines += level.findings.map { "    level \(level.level) \($0)" }
        }
        lines.append("  result: " + (isValid ? "valid" : "INVALID"))
        return lines.joined(separator: "\n")
    }
}
