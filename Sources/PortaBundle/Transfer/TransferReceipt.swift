import Foundation

/// What a receiver answers a direct transmission (Art. 20(2)) with: which upload and bundle
/// arrived, from which signer, when, and what became of it — the records imported and skipped
/// per kind, or why it was refused. `formats/transfer.md` documents it and
/// `formats/json/receipt.schema.json` gives its shape.
///
/// A receipt is written as canonical JSON (keys sorted, no spaces) and signed by the receiver
/// (``SignedReceipt``), so the same receipt is the same bytes: a bundle sent again gets the very
/// receipt it got the first time.
public struct TransferReceipt: Codable, Sendable, Hashable {
    /// The receipt format's name and version.
    public static let formatName = "porta-receipt/1"

    /// What became of the upload.
    public enum Outcome: String, Codable, Sendable {
        /// Verified at every level and in the receiver's store.
        case imported
        /// Not taken; `refusal` or `findings` say why, and nothing was stored.
        case refused
    }

    /// Records of one kind: how many were stored and how many left out (not accepted).
    public struct KindCount: Codable, Sendable, Hashable {
        public let kind: String
        public let imported: Int
        public let skipped: Int

        public init(kind: String, imported: Int, skipped: Int) {
            self.kind = kind
            self.imported = imported
            self.skipped = skipped
        }
    }

    /// One finding of the verification that refused the bundle: a code of `formats/findings.md`,
    /// the file it concerns and a message without personal data.
    public struct Finding: Codable, Sendable, Hashable {
        public let level: Int
        public let code: String
        public let path: String?
        public let message: String

        public init(level: Int, code: String, path: String?, message: String) {
            self.level = level
            self.code = code
            self.path = path
            self.message = message
        }
    }

    /// Why an upload was refused before verification could judge it: too large, not a bundle,
    /// or sealed to someone else.
    public struct Refusal: Codable, Sendable, Hashable {
        /// `too-large`, `not-a-bundle`, `not-opened`, `not-mapped` or `conflict` (see `formats/transfer.md`).
        public let code: String
        public let message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The bytes that arrived.
    public struct Upload: Codable, Sendable, Hashable {
        /// SHA-256 of the request body, hex.
        public let sha256: String
        public let bytes: Int

        public init(sha256: String, bytes: Int) {
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    public var format: String
    public var outcome: Outcome
    /// The body that arrived; nil when it was refused before it was read whole (too large).
    public var upload: Upload?
    /// The bundle's id, when its manifest could be read.
    public var bundleId: String?
    /// `sha256:` and the hex SHA-256 of the bundle's tag manifest, when the bag could be read.
    public var digest: String?
    /// The sending controller's id, from the manifest.
    public var controller: String?
    /// The fingerprint (`SHA256:…`) of the key that signed the bundle.
    public var senderKey: String?
    /// The fingerprint of the key that signs this receipt.
    public var receiverKey: String
    /// When the receiver first took this bundle (or refused this upload), RFC 3339 UTC.
    public var receivedAt: String
    public var kinds: [KindCount]
    public var imported: Int
    public var skipped: Int
    public var refusal: Refusal?
    public var findings: [Finding]

    public init(outcome: Outcome, upload: Upload?, bundleId: String? = nil, digest: String? = nil, controller: String? = nil,
                senderKey: String? = nil, receiverKey: String, receivedAt: String, kinds: [KindCount] = [],
                refusal: Refusal? = nil, findings: [Finding] = []) {
        format = Self.formatName
        self.outcome = outcome
        self.upload = upload
        self.bundleId = bundleId
        self.digest = digest
        self.controller = controller
        self.senderKey = senderKey
        self.receiverKey = receiverKey
        self.receivedAt = receivedAt
        self.kinds = kinds
        imported = kinds.reduce(0) { $0 + $1.imported }
        skipped = kinds.reduce(0) { $0 + $1.skipped }
        self.refusal = refusal
        self.findings = findings
    }

    /// The receipt's canonical JSON: keys sorted, no spaces, slashes not escaped, a final newline.
    public var canonicalJSON: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a tree of strings and integers cannot fail.
        return Array(try! encoder.encode(self)) + [0x0A]
    }

    /// Reads a receipt's JSON.
    /// - Throws: ``SignedReceipt/Problem`` when it is not a receipt of this format.
    public init(json: [UInt8]) throws(SignedReceipt.Problem) {
        do { self = try JSONDecoder().decode(Self.self, from: Data(json)) } catch {
            throw SignedReceipt.Problem(message: "the receipt is not porta-receipt/1 JSON")
        }
        guard format == Self.formatName else { throw SignedReceipt.Problem(message: "the receipt's format is \(format), not \(Self.formatName)") }
    }
}
