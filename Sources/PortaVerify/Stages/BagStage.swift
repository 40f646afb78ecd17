/// Level 1, `bag`: the bag is a valid BagIt bag of the `porta/1` profile: declaration,
/// manifests, nothing missing or extra, every checksum, `Payload-Oxum` (``BagReader``).
public struct BagStage: VerificationStage {
    public let level = 1
    public let name = "bag"
    public var readsRecords: Bool { false }

    public init() {}

    public func judge(_ bundle: ReadBundle) -> VerificationReport.Level {
        level(bundle.bagFindings)
    }
}
