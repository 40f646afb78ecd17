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
        /// Why the level did not run, when it did not (a lower level made it pointless).
        public let skipped: String?

        public init(level: Int, name: String, findings: [Finding], skipped: String? = nil) {
            self.level = level
            self.name = name
            self.findings = findings
            self.skipped = skipped
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

    /// Whether every level that ran passed.
    public var isValid: Bool { levels.allSatisfy(\.passed) }

    /// Every finding, level by level.
    public var findings: [Finding] { levels.flatMap(\.findings) }

    /// The report for people: one line per level, one line per finding.
    public var text: String {
        var lines = ["bundle \(bundle)"]
        for level in levels {
            let count = level.findings.count
            let verdict = level.skipped.map { "skipped: \($0)" } ?? (level.passed ? "pass" : "FAIL (\(count) finding\(count == 1 ? "" : "s"))")
            lines.append("  level \(level.level) \(level.name): " + verdict)
            lines += level.findings.map { "    level \(level.level) \($0)" }
        }
        lines.append("  result: " + (isValid ? "valid" : "INVALID"))
        return lines.joined(separator: "\n")
    }
}
