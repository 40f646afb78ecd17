/// Level 2, `formats`: the manifest follows its schema, every record file reads strictly
/// against the schemas built into Porta, the data package is the one `porta/1` defines, and
/// the page loads nothing.
public struct FormatStage: VerificationStage {
    public let level = 2
    public let name = "formats"

    public init() {}

    public func judge(_ bundle: ReadBundle) -> VerificationReport.Level {
        level(bundle.manifestFindings + bundle.outcomes.compactMap(\.failure)
              + FormatChecks.findings(payload: bundle.payload, bag: bundle.bag))
    }
}
