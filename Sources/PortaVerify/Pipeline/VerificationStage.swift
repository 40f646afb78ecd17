/// One level of verification as a stage of its own: it judges what ``BundleReading`` read and
/// gives its level's verdict. ``VerificationPipeline`` runs them in order; a library user can
/// run any one alone on a ``ReadBundle``.
public protocol VerificationStage: Sendable {
    /// The level's number: 1 bag … 5 authenticity.
    var level: Int { get }
    /// The level's name, as reports give it (`bag`).
    var name: String { get }
    /// Whether the stage needs the records read (levels 2–4) rather than only the bag.
    var readsRecords: Bool { get }
    /// The level's verdict on `bundle`.
    func judge(_ bundle: ReadBundle) -> VerificationReport.Level
}

extension VerificationStage {
    public var readsRecords: Bool { true }

    /// The level's verdict: `findings`, none meaning a pass.
    func level(_ findings: [Finding], detail: String? = nil) -> VerificationReport.Level {
        .init(level: level, name: name, findings: findings, detail: detail)
    }
}
