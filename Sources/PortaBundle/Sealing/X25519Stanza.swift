import Crypto
import Foundation

/// age's X25519 recipient stanza: `-> X25519 <ephemeral share>` and the file key wrapped with
/// ChaCha20-Poly1305 under HKDF-SHA256(shared secret, salt: share ‖ recipient,
/// info: "age-encryption.org/v1/X25519").
enum X25519Stanza {
    static let type = "X25519"
    static let info = Array("age-encryption.org/v1/X25519".utf8)

    /// The stanza that gives `fileKey` to `recipient`.
    static func wrap(_ fileKey: SymmetricKey, to recipient: AgeRecipient) throws -> AgeHeader.Stanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = Array(ephemeral.publicKey.rawRepresentation)
        let shared = try ephemeral.sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipient.publicKey))
        let key = wrapKey(shared.withUnsafeBytes { Array($0) }, share: share, recipient: recipient.publicKey)
        let sealed = try ChaChaPoly.seal(fileKey.withUnsafeBytes { Array($0) }, using: key, nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)))
        return AgeHeader.Stanza(type: type, arguments: [AgeBase64.encode(share)], body: Array(sealed.ciphertext) + Array(sealed.tag))
    }

    /// The file key, when `stanza` is an X25519 stanza for `identity`; nil otherwise.
    static func unwrap(_ stanza: AgeHeader.Stanza, with identity: AgeIdentity) -> SymmetricKey? {
        guard stanza.type == type, stanza.arguments.count == 1, let share = AgeBase64.decode(stanza.arguments[0]), share.count == 32,
              stanza.body.count == 32,
              let publicShare = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share),
              let shared = try? identity.privateKey.sharedSecretFromKeyAgreement(with: publicShare) else { return nil }
        let secret = shared.withUnsafeBytes { Array($0) }
        guard secret.contains(where: { $0 != 0 }) else { return nil }
        let key = wrapKey(secret, share: share, recipient: identity.recipient.publicKey)
        guard let box = try? ChaChaPoly.SealedBox(nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)),
                                                  ciphertext: stanza.body[..<16], tag: stanza.body[16...]),
              let fileKey = try? ChaChaPoly.open(box, using: key), fileKey.count == 16 else { return nil }
        return SymmetricKey(data: fileKey)
    }

    private static func wrapKey(_ secret: [UInt8], share: [UInt8], recipient: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secret), salt: share + recipient, info: info, outputByteCount: 32)
    }
}
