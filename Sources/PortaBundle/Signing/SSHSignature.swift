import Crypto
import Foundation

/// An OpenSSH signature (SSHSIG, `PROTOCOL.sshsig`), as `ssh-keygen -Y sign` writes it and
/// Porta signs bundles: an Ed25519 key, a namespace, and a signature over the SHA-256 or
/// SHA-512 of the signed file.
public struct SSHSignature: Sendable {
    /// The signer's public key in SSH wire form (`string "ssh-ed25519"`, `string key`).
    public let publicKeyBlob: [UInt8]
    /// The 32-byte Ed25519 public key.
    public let publicKey: [UInt8]
    public let namespace: String
    public let hashAlgorithm: String
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]

    /// Why a signature file cannot be used.
    public struct Problem: Error, Sendable {
        public let code: FindingCode
        public let message: String
    }

    static let armorLabel = "SSH SIGNATURE"
    static let preamble = Array("SSHSIG".utf8)

    /// Signs `message` with `key` in `namespace`, hashing with SHA-512 as `ssh-keygen -Y sign` does.
    public init(signing message: [UInt8], namespace: String, with key: SSHSigningKey) throws {
        let digest = Array(SHA512.hash(data: message))
        let signed = Self.signedData(namespace: namespace, hashAlgorithm: "sha512", digest: digest)
        publicKey = Array(key.privateKey.publicKey.rawRepresentation)
        publicKeyBlob = SSHWire.ed25519PublicKeyBlob(publicKey)
        self.namespace = namespace
        hashAlgorithm = "sha512"
        signature = Array(try key.privateKey.signature(for: signed))
    }

    /// Parses the armored text of a signature file.
    public init(armored text: String) throws(Problem) {
        guard let blob = SSHWire.unarmored(text, label: Self.armorLabel) else {
            throw Problem(code: .badSignature, message: "is not an armored SSH signature")
        }
        try self.init(blob: blob)
    }

    init(blob: [UInt8]) throws(Problem) {
        var reader = SSHWireReader(blob)
        func bad(_ what: String) -> Problem { Problem(code: .badSignature, message: "malformed SSH signature: \(what)") }
        guard reader.fixed(6) == Self.preamble else { throw bad("no SSHSIG preamble") }
        guard reader.uint32() == 1 else { throw bad("unknown version") }
        guard let keyBlob = reader.string(), let namespace = reader.string(), reader.string() != nil,
              let hash = reader.string(), let signatureBlob = reader.string(), reader.isAtEnd else {
            throw bad("truncated or with trailing bytes")
        }
        var key = SSHWireReader(keyBlob)
        guard let keyType = key.string() else { throw bad("no key type") }
        guard keyType == Array("ssh-ed25519".utf8) else {
            throw Problem(code: .unsupportedSignature, message: "the signing key is not Ed25519 (porta/1 signs with Ed25519)")
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

    /// The signature in SSH wire form.
    public var blob: [UInt8] {
        Self.preamble + SSHWire.uint32(1) + SSHWire.string(publicKeyBlob) + SSHWire.string(namespace) + SSHWire.string([])
            + SSHWire.string(hashAlgorithm) + SSHWire.string(SSHWire.string("ssh-ed25519") + SSHWire.string(signature))
    }

    /// The signature file's text, armored as `ssh-keygen -Y sign` writes it (76 columns).
    public var armored: String { SSHWire.armored(blob, label: Self.armorLabel, width: 76) }

    /// Whether the signature is the key's over `message` in this namespace.
    public func isValid(for message: [UInt8]) -> Bool {
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha256": digest = Array(SHA256.hash(data: message))
        case "sha512": digest = Array(SHA512.hash(data: message))
        default: return false
        }
        let signedData = Self.signedData(namespace: namespace, hashAlgorithm: hashAlgorithm, digest: digest)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: signedData)
    }

    /// The key's fingerprint as `ssh-keygen -l` shows it: `SHA256:` and unpadded Base64.
    public var fingerprint: String { SSHSigningKey.fingerprint(ofBlob: publicKeyBlob) }

    private static func signedData(namespace: String, hashAlgorithm: String, digest: [UInt8]) -> [UInt8] {
        preamble + SSHWire.string(namespace) + SSHWire.string([]) + SSHWire.string(hashAlgorithm) + SSHWire.string(digest)
    }
}
