import PortaBundle

/// Signs a bundle only once it verified (levels 1–4): a folder in place, a zip by signing the
/// bag verification unpacked and zipping it again in place (deterministically, so only the
/// signature entry is new). The bundle is read and unpacked once.
public struct BundleSigner {
    /// How signing ended.
    public enum Outcome {
        /// Signed: the signature, and what the register needs to know of the bundle.
        case signed(SSHSignature, BundleFacts)
        /// Not signed, because the bundle did not verify.
        case refused(VerificationReport)
    }

    public let key: SSHSigningKey
    public let options: VerifyOptions

    /// A signer with `key`; verification runs levels 1–4 with `options`' bounds and scratch folder.
    public init(key: SSHSigningKey, options: VerifyOptions = VerifyOptions()) {
        self.key = key
        var checking = options
        checking.maxLevel = 4
        self.options = checking
    }

    /// - Throws: ``VerifyError`` when the bundle cannot be read; ``BundleError`` when the
    ///   signature or the new zip cannot be written (the bundle is then as it was).
    public func sign(_ path: String) throws -> Outcome {
        let verified = try BundleVerifier(options: options).verifyKeepingBag(path)
        defer { verified.scratch.remove() }
        guard verified.report.isValid, let bag = verified.bag, let facts = verified.facts else {
            return .refused(verified.report)
        }
        let signature = try BundleSignature.sign(bagAt: bag, with: key)
        if bag != path { try BundleZip.pack(bag, to: path, replacing: true) }
        return .signed(signature, facts)
    }
}
