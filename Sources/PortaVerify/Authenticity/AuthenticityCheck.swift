import PortaBundle

/// Level 5: who signed the bundle. A `porta/1` signature is `porta-signature.sig`, an SSHSIG
/// in the namespace `porta-bundle` over `tagmanifest-sha256.txt` (which pins every other
/// byte), so `ssh-keygen -Y verify` can check it too.
///
/// A present signature must be valid; with trusted keys it must also be by one of them; when
/// a signature is required, an unsigned bundle fails.
struct AuthenticityCheck {
    static let namespace = BundleSignature.namespace

    let level: Int
    let name: String
    let bag: String
    /// The controller the bundle's manifest names, which a trusted key must be bound to.
    let controller: String?
    let trusted: AllowedSigners?
    let required: Bool

    /// The level's findings, why it was skipped (unsigned and not required), or what it found.
    func run() -> VerificationReport.Level {
        func fail(_ code: FindingCode, _ message: String) -> VerificationReport.Level {
            .init(level: level, name: name, findings: [Finding(level: level, code: code, path: BundleLayout.signature, message: message)])
        }
        let text: String
        switch TagFile.readBytes(BundleLayout.signature, in: bag, maximumSize: 64 << 10) {
        case .failure(.missing):
            return required
                ? fail(.missingSignature, "the bundle is not signed, and a signature is required")
                : .init(level: level, name: name, findings: [], skipped: "the bundle is not signed")
        case .failure(let problem):
            return fail(.badSignature, "the signature \(problem.message)")
        case .success(let bytes):
            guard let decoded = String(validating: bytes, as: UTF8.self) else { return fail(.badSignature, "the signature is not text") }
            text = decoded
        }
        let signature: SSHSignature
        do { signature = try SSHSignature(armored: text) } catch { return fail(error.code, error.message) }
        guard signature.namespace == Self.namespace else {
            return fail(.signatureNamespace, "the signature is for another purpose (namespace is not \(Self.namespace))")
        }
        if let missing = TagManifestCoverage.missing(inBag: bag), !missing.isEmpty {
            return fail(.tagManifestIncomplete, "the signature covers too little: \(BundleLayout.tagManifest) does not list "
                        + missing.joined(separator: ", "))
        }
        guard case .success(let signed) = TagFile.readBytes(BundleLayout.tagManifest, in: bag, maximumSize: TagFile.maximumSize),
              signature.isValid(for: signed) else {
            return fail(.signatureMismatch, "the signature does not match \(BundleLayout.tagManifest): the bundle changed after signing, or the signature is not the key's")
        }
        guard let trusted else {
            if required { return fail(.untrustedSigner, "signed by key \(signature.fingerprint), but no trusted keys were given") }
            return .init(level: level, name: name, findings: [],
                         detail: "signed by key \(signature.fingerprint) (not checked against trusted keys)")
        }
        guard trusted.signer(for: signature.publicKeyBlob, namespace: Self.namespace) != nil else {
            return fail(.untrustedSigner, "signed by key \(signature.fingerprint), which is not among the trusted keys")
        }
        guard let controller else {
            return fail(.signerNotForController, "the manifest cannot be read to name the controller the signature must speak for")
        }
        guard let signer = trusted.signer(for: signature.publicKeyBlob, namespace: Self.namespace, controller: controller) else {
            return fail(.signerNotForController, "signed by key \(signature.fingerprint), which the trusted keys do not bind to the "
                        + "bundle's controller \(controller) (its allowed-signers principals must name \(controller))")
        }
        return .init(level: level, name: name, findings: [], detail: "signed by \(signer.principals) (\(signature.fingerprint))")
    }
}
