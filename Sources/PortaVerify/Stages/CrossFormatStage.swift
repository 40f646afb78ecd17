/// Level 4, `cross-format`: the JSON, CSV and XML files of each kind hold the same records
/// (``CrossFormatChecks``).
public struct CrossFormatStage: VerificationStage {
    public let level = 4
    public let name = "cross-format"

    public init() {}

    public func judge(_ bundle: ReadBundle) -> VerificationReport.Level {
        level(CrossFormatChecks.findings(outcomes: bundle.outcomes, bag: bundle.bag, catalogue: bundle.payload.catalogue,
                                         extensionSchema: bundle.extensionSchema))
    }
}
