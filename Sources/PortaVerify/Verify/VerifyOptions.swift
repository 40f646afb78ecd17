import PortaBundle

/// How thoroughly, and within which bounds, ``BundleVerifier`` checks a bundle.
public struct VerifyOptions: Sendable {
    /// The highest level to run (1 bag … 5 authenticity).
    public var maxLevel: Int
    /// Bounds on a zipped bundle's entries, sizes and compression ratio.
    public var zipLimits: ZipLimits
    /// Where scratch files go (an unzipped bundle, the id index); the system's temporary
    /// folder when nil. Each verification makes its own owner-only folder inside and removes it.
    public var scratchFolder: String?
    /// The keys trusted to sign bundles (level 5); without them a signature is only checked
    /// to be valid for the key it names.
    public var trustedSigners: AllowedSigners?
    /// Whether an unsigned bundle, or one not signed by a trusted key, fails level 5.
    public var requireSignature: Bool
    /// The receiver's age identities, which open a sealed bundle.
    public var identities: [AgeIdentity]

    public init(maxLevel: Int = VerificationPipeline.levelNames.keys.max()!, zipLimits: ZipLimits = ZipLimits(),
                scratchFolder: String? = nil, trustedSigners: AllowedSigners? = nil, requireSignature: Bool = false,
                identities: [AgeIdentity] = []) {
        self.maxLevel = maxLevel
        self.zipLimits = zipLimits
        self.scratchFolder = scratchFolder
        self.trustedSigners = trustedSigners
        self.requireSignature = requireSignature
        self.identities = identities
    }
}
