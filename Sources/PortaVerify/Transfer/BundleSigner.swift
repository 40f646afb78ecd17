import PortaBundle
import PortaModel
import PortaRegister

/// Signs a bundle only once it verified (levels 1–4): a folder in place, a zip by signing the
/// bag verification unpacked and zipping it again in place (deterministically, so only the
/// signature entry is new). The bundle is read and unpacked once. With a register, the
/// signing is recorded there.
///
/// ```swift
/// let outcome = try BundleSigner(key: SSHSigningKey(contentsOf: "key")).sign("out/porta-req-1.zip", at: Timestamp(.now))
/// ```
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
    private let register: RequestRegister?

    /// A signer with `key`; verification runs levels 1–4 with `options`' bounds and scratch
    /// folder; each signing is appended to `register` when one is given.
    public init(key: SSHSigningKey, options: VerifyOptions = VerifyOptions(), register: RequestRegister? = nil) {
        self.key = key
        var checking = options
        checking.maxLevel = 4
        self.options = checking
        self.register = register
    }

    /// Signs the bundle at `path`, recording the signing as done at `time`.
    /// - Throws: ``VerifyError`` when the bundle cannot be read, or `register` when it was
    ///   signed but the register could not record it; ``BundleError`` when the signature or
    ///   the new zip cannot be written (the bundle is then as it was).
    public func sign(_ path: String, at time: Timestamp) throws -> Outcome {
        let verified = try BundleVerifier(options: options).verifyKeepingBag(path)
        defer { verified.scratch.remove() }
        guard verified.report.isValid, let bag = verified.bag, let facts = verified.facts else {
            return .refused(verified.report)
        }
        let signature = try BundleSignature.sign(bagAt: bag, with: key)
        if bag != path { try BundleZip.pack(bag, to: path, replacing: true) }
        try register?.record(.sign, of: facts, at: time, bundle: path)
        return .signed(signature, facts)
    }
}
