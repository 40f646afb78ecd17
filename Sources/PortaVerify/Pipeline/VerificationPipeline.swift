import PortaBundle

/// Verification as a pipeline with typed hand-offs: a bundle as it arrives is opened into a
/// bag folder (``BundleInput``), read once (``BundleReading`` → ``ReadBundle``), and judged by
/// each ``VerificationStage`` up to the highest level asked for. A stage whose input an earlier
/// stage found unusable is reported as skipped, with the reason.
public struct VerificationPipeline: Sendable {
    /// The stages in level order.
    public let stages: [any VerificationStage]

    /// Every stage of `porta/1`, level 1 through 5, level 5 with `options`' keys.
    public init(options: VerifyOptions) {
        self.init(stages: [BagStage(), FormatStage(), SemanticStage(), CrossFormatStage(),
                           AuthenticityStage(trusted: options.trustedSigners, required: options.requireSignature)]
            .filter { $0.level <= options.maxLevel })
    }

    public init(stages: [any VerificationStage]) {
        self.stages = stages
    }

    /// The stages' names by level.
    public static let levelNames: [Int: String] = Dictionary(uniqueKeysWithValues: VerificationPipeline(options: VerifyOptions(maxLevel: 5))
        .stages.map { ($0.level, $0.name) })

    /// Reads the bag at `bag` once and judges it at every stage.
    public func run(bag: String, scratch: String) -> (levels: [VerificationReport.Level], manifest: PortaManifest?) {
        let read = BundleReading(maxLevel: stages.map(\.level).max() ?? 0, scratch: scratch).read(bag: bag)
        let levels = stages.map { stage in
            if stage.level > 2, let reason = read.versionRefusal {
                return VerificationReport.Level(level: stage.level, name: stage.name, findings: [], skipped: reason)
            }
            // Level 1 comes capped from the bag reader; the others are capped here.
            return stage.level == 1 ? stage.judge(read) : Self.capped(stage.judge(read))
        }
        return (levels, read.manifest)
    }

    /// The level with at most ``ProblemList/perCode`` findings of each code, then how many more:
    /// a hostile bundle cannot make a report of hundreds of megabytes.
    static func capped(_ level: VerificationReport.Level) -> VerificationReport.Level {
        var list = ProblemList()
        list.append(contentsOf: level.findings.map(\.problem))
        let findings = list.problems.map { Finding(level: level.level, $0) }
        guard findings.count != level.findings.count || findings != level.findings else { return level }
        return .init(level: level.level, name: level.name, findings: findings, skipped: level.skipped, detail: level.detail)
    }

    /// The verdict when the bundle could not even be opened: level 1's finding, every later level skipped.
    func refused(_ finding: Finding, because reason: String) -> [VerificationReport.Level] {
        stages.map { stage in
            stage.level == 1 ? .init(level: 1, name: stage.name, findings: [finding])
                : .init(level: stage.level, name: stage.name, findings: [], skipped: reason)
        }
    }
}
