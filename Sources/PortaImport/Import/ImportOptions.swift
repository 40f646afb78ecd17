import PortaModel
import PortaVerify

/// What ``BundleImporter`` takes from a bundle, and how the bundle is verified first.
public struct ImportOptions: Sendable {
    /// How the bundle is verified before anything is written; every level runs.
    public var verify: VerifyOptions
    /// The kinds the receiver's purpose needs; nil takes every kind. Records of other kinds
    /// are counted as skipped, never stored.
    public var acceptedKinds: Set<String>?

    public init(verify: VerifyOptions = VerifyOptions(), acceptedKinds: Set<String>? = nil) {
        self.verify = verify
        self.verify.maxLevel = VerificationPipeline.levelNames.keys.max()!
        self.acceptedKinds = acceptedKinds
    }
}
