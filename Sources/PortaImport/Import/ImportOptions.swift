import PortaModel
import PortaVerify

/// What ``BundleImporter`` takes from a bundle, and how the bundle is verified first.
public struct ImportOptions: Sendable {
    /// How the bundle is verified before anything is written; every level runs.
    public var verify: VerifyOptions
    /// The kinds the receiver's purpose needs; nil takes every kind. Records of other kinds
    /// are counted as skipped, never stored.
    public var acceptedKinds: Set<String>?
    /// Called with the bundle's path once it is verified, before the store is written: a
    /// place to log progress, or for a test to change the bundle where it lies. Import acts
    /// on its own copy of what it verified, so nothing done here reaches the store.
    public var afterVerifying: (@Sendable (String) -> Void)?

    public init(verify: VerifyOptions = VerifyOptions(), acceptedKinds: Set<String>? = nil,
                afterVerifying: (@Sendable (String) -> Void)? = nil) {
        self.verify = verify
        self.verify.maxLevel = VerificationPipeline.levelNames.keys.max()!
        self.acceptedKinds = acceptedKinds
        self.afterVerifying = afterVerifying
    }
}
