import Crypto
import Foundation

/// An Ed25519 key for signing bundles, in OpenSSH's own files: the private key as
/// `ssh-keygen -t ed25519` writes it (`openssh-key-v1`, unencrypted) and the public key as one
/// `ssh-ed25519 AAAA… comment` line. Keys made by `ssh-keygen` read here, and keys written
/// here read in `ssh-keygen`.
public struct SSHSigningKey {
    public let privateKey: Curve25519.Signing.PrivateKey
    public let comment: String

    static let armorLabel = "OPENSSH PRIVATE KEY"
    static let magic = Array("openssh-key-v1\0".utf8)

    /// A new random key.
    public init(comment: String) {
        self.init(privateKey: Curve25519.Signing.PrivateKey(), comment: comment)
    }

    public init(privateKey: Curve25519.Signing.PrivateKey, comment: String) {
        self.privateKey = privateKey
        self.comment = comment
    }

    /// Reads an OpenSSH private key file's text.
    /// - Throws: ``BundleError`` `invalid-key` saying what is wrong (never the key's bytes).
    public init(openSSHText text: String) throws {
        func bad(_ message: String) -> BundleError { BundleError(.invalidKey, message) }
        guard let blob = SSHWire.unarmored(text, label: Self.armorLabel) else {
            throw bad("not an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)")
        }
        var reader = SSHWireReader(blob)
        guard reader.fixed(Self.magic.count) == Self.magic, let cipher = reader.string(), let kdf = reader.string(),
              reader.string() != nil, let keyCount = reader.uint32(), reader.string() != nil, let section = reader.string() else {
            throw bad("malformed OpenSSH private key")
        }
        guard cipher == Array("none".utf8), kdf == Array("none".utf8) else {
            throw bad("the private key is protected by a passphrase; porta needs an unencrypted key (keep it in a safe place instead)")
        }
        guard keyCount == 1 else { throw bad("the file holds \(keyCount) keys; porta reads files of one key") }
        var inner = SSHWireReader(section)
        guard let check1 = inner.uint32(), let check2 = inner.uint32(), check1 == check2 else {
            throw bad("malformed OpenSSH private key (check numbers differ)")
        }
        guard let type = inner.string(), type == Array("ssh-ed25519".utf8) else {
            throw bad("the key is not Ed25519 (porta/1 signs with Ed25519: ssh-keygen -t ed25519)")
        }
        guard let publicBytes = inner.string(), publicBytes.count == 32, let secret = inner.string(), secret.count == 64,
              Array(secret[32...]) == publicBytes, let comment = inner.string(),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: secret[..<32]),
              Array(key.publicKey.rawRepresentation) == publicBytes else {
            throw bad("malformed Ed25519 private key")
        }
        self.init(privateKey: key, comment: String(decoding: comment, as: UTF8.self))
    }

    /// Reads the private key file at `path`.
    public init(contentsOf path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BundleError(.io, "cannot read the key file", path: path)
        }
        do { try self.init(openSSHText: text) } catch let error as BundleError {
            throw BundleError(error.code, error.message, path: path)
        }
    }

    /// The public key in SSH wire form.
    public var publicKeyBlob: [UInt8] { SSHWire.ed25519PublicKeyBlob(Array(privateKey.publicKey.rawRepresentation)) }

    /// The public key file's line: `ssh-ed25519 AAAA… comment`.
    public var publicKeyLine: String {
        "ssh-ed25519 " + Data(publicKeyBlob).base64EncodedString() + (comment.isEmpty ? "" : " " + comment) + "\n"
    }

    /// The key's fingerprint as `ssh-keygen -l` shows it.
    public var fingerprint: String { Self.fingerprint(ofBlob: publicKeyBlob) }

    /// The private key file's text, as `ssh-keygen` writes it: `openssh-key-v1`, no cipher,
    /// padded to 8 bytes, Base64 in lines of 70.
    public var openSSHText: String {
        let publicBytes = Array(privateKey.publicKey.rawRepresentation)
        let check = UInt32.random(in: .min ... .max)
        var section = SSHWire.uint32(check) + SSHWire.uint32(check) + SSHWire.string("ssh-ed25519") + SSHWire.string(publicBytes)
            + SSHWire.string(Array(privateKey.rawRepresentation) + publicBytes) + SSHWire.string(comment)
        var pad: UInt8 = 1
        while section.count % 8 != 0 {
            section.append(pad)
            pad += 1
        }
        let blob = Self.magic + SSHWire.string("none") + SSHWire.string("none") + SSHWire.string([]) + SSHWire.uint32(1)
            + SSHWire.string(publicKeyBlob) + SSHWire.string(section)
        return SSHWire.armored(blob, label: Self.armorLabel, width: 70)
    }

    static func fingerprint(ofBlob blob: [UInt8]) -> String {
        "SHA256:" + Data(SHA256.hash(data: blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }
}
