import Foundation

/// A ``TransferReceipt`` with the receiver's signature: an SSHSIG in the namespace
/// `porta-receipt` over the receipt's exact JSON bytes, so `ssh-keygen -Y verify -n
/// porta-receipt` checks it as well as Porta. Ed25519 signatures are deterministic, so the same
/// receipt signed twice is the same signature.
public struct SignedReceipt: Sendable {
    public static let namespace = "porta-receipt"
    /// The HTTP header that carries the signature beside the receipt (``signatureBase64``).
    public static let header = "Porta-Receipt-Signature"

    /// The receipt's JSON, exactly as signed.
    public let json: [UInt8]
    public let signature: SSHSignature
    public let receipt: TransferReceipt

    /// Why a receipt cannot be trusted or read.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// Signs `receipt` with the receiver's key.
    /// - Throws: when the key cannot sign (it always can, being Ed25519 in memory).
    public init(signing receipt: TransferReceipt, with key: SSHSigningKey) throws {
        json = receipt.canonicalJSON
        signature = try SSHSignature(signing: json, namespace: Self.namespace, with: key)
        self.receipt = receipt
    }

    /// The signature as the ``header`` carries it: the SSHSIG blob in Base64, i.e. the armored
    /// signature file's body without its BEGIN and END lines.
    public var signatureBase64: String { Data(signature.blob).base64EncodedString() }

    /// Reads a receipt whose signature came as ``signatureBase64``, checked as
    /// ``init(json:armoredSignature:receiverKey:)`` checks it.
    /// - Throws: ``Problem`` as that does, or when the header is not Base64.
    public init(json: [UInt8], signatureBase64: String, receiverKey: SSHPublicKey) throws(Problem) {
        guard let blob = Data(base64Encoded: signatureBase64) else { throw Problem(message: "the receipt's signature is not Base64") }
        let armored = SSHWire.armored([UInt8](blob), label: SSHSignature.armorLabel, width: 76)
        try self.init(json: json, armoredSignature: armored, receiverKey: receiverKey)
    }

    /// Checks that `signature` is the receiver's (`receiverKey`), in the receipt namespace, over
    /// `json`, and only then reads the receipt.
    /// - Throws: ``Problem`` when the signature is malformed, by another key, for another
    ///   namespace or not over these bytes, or the JSON is not a receipt.
    public init(json: [UInt8], armoredSignature: String, receiverKey: SSHPublicKey) throws(Problem) {
        let signature: SSHSignature
        do { signature = try SSHSignature(armored: armoredSignature) } catch {
            throw Problem(message: "the receipt's signature \(error.message)")
        }
        guard signature.publicKeyBlob == receiverKey.blob else {
            throw Problem(message: "the receipt is signed by key \(signature.fingerprint), not the receiver's \(receiverKey.fingerprint)")
        }
        guard signature.namespace == Self.namespace else {
            throw Problem(message: "the receipt's signature is for \(signature.namespace), not \(Self.namespace)")
        }
        guard signature.isValid(for: json) else { throw Problem(message: "the receipt's signature does not match its bytes") }
        self.json = json
        self.signature = signature
        receipt = try TransferReceipt(json: json)
    }
}
