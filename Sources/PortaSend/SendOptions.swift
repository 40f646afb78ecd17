import Foundation
import PortaBundle
import PortaVerify

/// Where and how ``BundleSender`` delivers: the receiver's address and receipt key, how the
/// bundle is checked first, and how long and how often to try.
public struct SendOptions: Sendable {
    /// The receiver's base URL (`https://receiver.example`); the bundle goes to `/v1/bundles`.
    public var receiver: String
    /// The key the receiver signs receipts with; a receipt by any other key is refused.
    public var receiverKey: SSHPublicKey
    /// How the bundle is checked before it leaves: every level, with the sender's own age
    /// identity for a sealed bundle (one sealed to the sender too).
    public var verify: VerifyOptions
    /// PEM certificates to trust for the receiver's HTTPS, besides the system's.
    public var trustedCertificates: String?
    /// The time one attempt may take, upload and answer together.
    public var timeout: TimeInterval
    /// Attempts in all, the first included; retried on 429, 5xx and connection errors.
    public var attempts: Int
    /// The wait before the first retry; it doubles after each.
    public var backoff: TimeInterval

    public init(receiver: String, receiverKey: SSHPublicKey, verify: VerifyOptions = VerifyOptions(),
                trustedCertificates: String? = nil, timeout: TimeInterval = 300, attempts: Int = 5, backoff: TimeInterval = 0.5) {
        self.receiver = receiver
        self.receiverKey = receiverKey
        self.verify = verify
        self.trustedCertificates = trustedCertificates
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
    }
}
