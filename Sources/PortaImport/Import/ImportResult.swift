import PortaBundle

import PortaVerify

/// What ``BundleImporter`` did with a bundle.
public struct ImportResult: Sendable {
    /// How the import ended.
    public enum Outcome: String, Sendable {
        /// The records are in the store.
        case imported
        /// The store held this bundle already (same digest); nothing changed.
        case alreadyImported = "already-imported"
        /// The bundle did not verify; nothing was written.
        case refused
    }

    /// Records of one kind: how many were stored and how many left out (not accepted).
    public struct KindCount: Sendable, Hashable {
        public let kind: String
        public let imported: Int
        public let skipped: Int
    }

    public let outcome: Outcome
    /// The verification that came first.
    public let report: VerificationReport
    /// What the bundle is (request, id, digest, subject), when its manifest could be read.
    public let facts: BundleFacts?
    /// Per kind, when imported.
    public let kinds: [KindCount]

    /// SHA-256 of the bundle's tag manifest, hex; nil when the bundle could not be read.
    public var digest: String? { facts?.digest }
    public var bundleID: String? { facts?.bundleID }

    public var imported: Int { kinds.reduce(0) { $0 + $1.imported } }
    public var skipped: Int { kinds.reduce(0) { $0 + $1.skipped } }
}

extension VerificationReport {
    /// The report with `finding` added to its level, which then counts as run.
    func adding(_ finding: Finding) -> VerificationReport {
        var levels = self.levels
        if let index = levels.firstIndex(where: { $0.level == finding.level }) {
            let level = levels[index]
            levels[index] = .init(level: level.level, name: level.name, findings: level.findings + [finding], detail: level.detail)
        } else {
            levels.append(.init(level: finding.level, name: VerificationPipeline.levelNames[finding.level] ?? "", findings: [finding]))
        }
        return VerificationReport(bundle: bundle, levels: levels)
    }
}
