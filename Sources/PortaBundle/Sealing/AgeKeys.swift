import Crypto
import Foundation

/// Someone a bundle can be sealed to: an age X25519 recipient, `age1…`, as `age-keygen` prints it.
public struct AgeRecipient: Sendable, Hashable, CustomStringConvertible {
    /// The 32-byte X25519 public key.
    public let publicKey: [UInt8]

    public init(publicKey: [UInt8]) {
        self.publicKey = publicKey
    }

    /// Parses `age1…`.
    /// - Throws: ``BundleError`` `invalid-key`.
    public init(_ text: String) throws {
        guard let (hrp, data) = Bech32.decode(text.trimmingCharacters(in: .whitespaces)), hrp == "age", data.count == 32,
              text == text.lowercased() else {
            throw BundleError(.invalidKey, "not an age X25519 recipient (age1…)")
        }
        publicKey = data
    }

    /// `age1…`.
    public var description: String { Bech32.encode(hrp: "age", publicKey) }
}

/// What opens a sealed bundle: an age X25519 identity, `AGE-SECRET-KEY-1…`, in a file as
/// `age-keygen` writes it (comment lines start with `#`).
public struct AgeIdentity: Sendable {
    /// The 32-byte X25519 private key.
    private let secret: [UInt8]

    var privateKey: Curve25519.KeyAgreement.PrivateKey {
        // The bytes were checked to be a key when the identity was made, so this cannot fail.
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: secret)
    }

    /// A new random identity.
    public init() {
        secret = Array(Curve25519.KeyAgreement.PrivateKey().rawRepresentation)
    }

    /// Parses `AGE-SECRET-KEY-1…`.
    /// - Throws: ``BundleError`` `invalid-key` (the message never holds the key).
    public init(_ text: String) throws {
        guard let (hrp, data) = Bech32.decode(text), hrp == "age-secret-key-", text == text.uppercased(),
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data), data.count == 32 else {
            throw BundleError(.invalidKey, "not an age X25519 identity (AGE-SECRET-KEY-1…)")
        }
        secret = Array(key.rawRepresentation)
    }

    /// The identities in an identity file: one per line, blank lines and `#` comments skipped.
    /// - Throws: ``BundleError`` naming the file and line.
    public static func read(contentsOf path: String) throws -> [AgeIdentity] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BundleError(.io, "cannot read the identity file", path: path)
        }
        var identities: [AgeIdentity] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do { identities.append(try AgeIdentity(trimmed)) } catch {
                throw BundleError(.invalidKey, "line \(index + 1) is not an age X25519 identity (AGE-SECRET-KEY-1…)", path: path)
            }
        }
        guard !identities.isEmpty else { throw BundleError(.invalidKey, "the file holds no age identity", path: path) }
        return identities
    }

    /// `AGE-SECRET-KEY-1…`.
    public var text: String { Bech32.encode(hrp: "age-secret-key-", Array(privateKey.rawRepresentation)).uppercased() }

    /// The recipient that seals to this identity.
    public var recipient: AgeRecipient { AgeRecipient(publicKey: Array(privateKey.publicKey.rawRepresentation)) }

    /// The identity file's text as `age-keygen` writes it.
    public func fileText(created: Date) -> String {
        let time = ISO8601DateFormatter().string(from: created)
        return "# created: \(time)\n# public key: \(recipient)\n\(text)\n"
    }
}
