import Crypto
import Foundation

/// An OpenSSH signature (SSHSIG, `PROTOCOL.sshsig`), as `ssh-keygen -Y sign` writes it and
/// Porta signs bundles: an Ed25519 key, a namespace, and a signature over the SHA-256 or
/// SHA-512 of the signed file.
struct SSHSignature {
    /// The signer's public key in SSH wire form (`string "ssh-ed25519"`, `string key`).
    let publicKeyBlob: [UInt8]
    /// The 32-byte Ed25519 public key.
    let publicKey: [UInt8]
    let namespace: String
    let hashAlgorithm: String
    /// The 64-byte Ed25519 signature.
    let signature: [UInt8]

    /// Why a signature file cannot be used.
    struct Problem: Error {
        let code: String
        let message: String
    }

    static let armorBegin = "-----BEGIN SSH SIGNATURE-----"
    static let armorEnd = "-----END SSH SIGNATURE-----"

    /// Parses the armored text of a signature file.
    init(armored text: String) throws(Problem) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == Self.armorBegin, lines.last == Self.armorEnd, lines.count >= 3,
              let blob = Data(base64Encoded: lines.dropFirst().dropLast().joined()) else {
            throw Problem(code: "bad-signature", message: "is not an armored SSH signature")
        }
        try self.init(blob: [UInt8](blob))
    }

    init(blob: [UInt8]) throws(Problem) {
        var reader = SSHWireReader(blob)
        func bad(_ what: String) -> Problem { Problem(code: "bad-signature", message: "malformed SSH signature: \(what)") }
        guard reader.fixed(6) == Array("SSHSIG".utf8) else { throw bad("no SSHSIG preamble") }
        guard reader.uint32() == 1 else { throw bad("unknown version") }
        guard let keyBlob = reader.string(), let namespace = reader.string(), reader.string() != nil,
              let hash = reader.string(), let signatureBlob = reader.string(), reader.isAtEnd else {
            throw bad("truncated or with trailing bytes")
        }
        var key = SSHWireReader(keyBlob)
        guard let keyType = key.string() else { throw bad("no key type") }
        guard keyType == Array("ssh-ed25519".utf8) else {
            throw Problem(code: "unsupported-signature", message: "the signing key is not Ed25519 (porta/1 signs with Ed25519)")
        }
        guard let keyBytes = key.string(), keyBytes.count == 32, key.isAtEnd else { throw bad("Ed25519 key is not 32 bytes") }
        var signed = SSHWireReader(signatureBlob)
        guard signed.string() == Array("ssh-ed25519".utf8), let signature = signed.string(), signature.count == 64,
              signed.isAtEnd else { throw bad("Ed25519 signature is not 64 bytes") }
        guard let namespaceText = String(validating: namespace, as: UTF8.self),
              let hashText = String(validating: hash, as: UTF8.self) else { throw bad("namespace or hash name not UTF-8") }
        self.publicKeyBlob = keyBlob
        self.publicKey = keyBytes
        self.namespace = namespaceText
        self.hashAlgorithm = hashText
        self.signature = signature
    }

    /// Whether the signature is the key's over `message` in this namespace.
    func isValid(for message: [UInt8]) -> Bool {
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha256": digest = Array(SHA256.hash(data: message))
        case "sha512": digest = Array(SHA512.hash(data: message))
        default: return false
        }
        let signedData = Array("SSHSIG".utf8) + SSHWire.string(namespace) + SSHWire.string([]) + SSHWire.string(hashAlgorithm)
            + SSHWire.string(digest)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: signedData)
    }

    /// The key's fingerprint as `ssh-keygen -l` shows it: `SHA256:` and unpadded Base64.
    var fingerprint: String {
        "SHA256:" + Data(SHA256.hash(data: publicKeyBlob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }
}
