import Foundation

/// An Ed25519 public key as one line of an OpenSSH `.pub` file (`ssh-ed25519 AAAA… comment`):
/// how a sender names the receiver whose receipts it trusts.
public struct SSHPublicKey: Sendable, Hashable {
    /// The key in SSH wire form (`string "ssh-ed25519"`, `string key`).
    public let blob: [UInt8]

    /// Why a key file cannot be used.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads the first line of a `.pub` file.
    /// - Throws: ``Problem`` when it is not an Ed25519 public key line.
    public init(line text: String) throws(Problem) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard fields.count >= 2, fields[0] == "ssh-ed25519", let decoded = Data(base64Encoded: String(fields[1])) else {
            throw Problem(message: "is not an Ed25519 public key (ssh-ed25519 AAAA…)")
        }
        var reader = SSHWireReader([UInt8](decoded))
        guard reader.string() == Array("ssh-ed25519".utf8), let key = reader.string(), key.count == 32, reader.isAtEnd else {
            throw Problem(message: "holds a malformed Ed25519 key")
        }
        blob = [UInt8](decoded)
    }

    /// Reads the key file at `path`.
    /// - Throws: ``Problem`` naming the file when it cannot be read or holds no Ed25519 key.
    public init(contentsOf path: String) throws(Problem) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Problem(message: "\(path): cannot be read")
        }
        do { try self.init(line: text) } catch { throw Problem(message: "\(path): \(error.message)") }
    }

    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    public var fingerprint: String { SSHSigningKey.fingerprint(ofBlob: blob) }
}

extension SSHSigningKey {
    /// The key's public half.
    public var publicKey: SSHPublicKey { SSHPublicKey(validBlob: publicKeyBlob) }
}

extension SSHPublicKey {
    init(validBlob: [UInt8]) { blob = validBlob }
}
