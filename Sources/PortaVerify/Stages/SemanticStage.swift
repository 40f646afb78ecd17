/// Level 3, `semantics`: what the bundle says of itself is true: counts, unique ids,
/// resolving references, policy, identity, attachments (``SemanticChecks``, ``RecordIndex``).
public struct SemanticStage: VerificationStage {
    public let level = 3
    public let name = "semantics"

    public init() {}

    public func judge(_ bundle: ReadBundle) -> VerificationReport.Level {
        var semantic = SemanticChecks(manifest: bundle.manifest, payload: bundle.payload, outcomes: bundle.outcomes,
                                      bagInfo: bundle.bagInfo)
        semantic.run()
        var indexFindings = bundle.indexFindings + bundle.outcomes.compactMap(\.indexFailure)
        if let index = bundle.index {
            do { indexFindings += try index.findings(level: level) } catch {
                indexFindings.append(Finding(level: level, code: .indexFailed, message: "the scratch index of ids could not be read: \(error)"))
            }
        }
        return self.level(semantic.findings + indexFindings)
    }
}
