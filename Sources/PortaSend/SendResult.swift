import PortaBundle
import PortaVerify

/// What came of a send: the receiver's signed receipt and where it was stored, or the report
/// of a bundle that was not sent because it did not verify.
public struct SendResult: Sendable {
    /// How the send ended.
    public enum Outcome: String, Sendable {
        /// The receiver imported the bundle (now, or on an earlier send).
        case accepted
        /// The receiver refused it; the receipt says why.
        case refused
        /// Not sent: the bundle did not verify here (``report``).
        case notSent = "not-sent"
    }

    public let outcome: Outcome
    /// The receipt, checked against the receiver's key, when the receiver answered.
    public let receipt: SignedReceipt?
    /// Where the receipt and its signature were written.
    public let receiptPath: String?
    /// The sender's own verification of the bundle.
    public let report: VerificationReport
    /// How many attempts the upload took.
    public let attempts: Int
}
