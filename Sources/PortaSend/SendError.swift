import PortaBytes

/// `porta send` did not deliver: the bundle could not be checked, is not fit to send, the
/// receiver could not be reached or did not answer with a receipt it signed.
public typealias SendError = LocatedError<SendFailure>

/// What prevented a send, and so which exit a command gives.
public enum SendFailure: String, Sendable {
    /// The bundle did not verify, or is not signed: nothing was sent (exit 1).
    case invalid
    /// The bundle could not be read or opened to check it (exit 2).
    case unreadable
    /// The receiver could not be reached or kept failing after every retry (exit 2).
    case undelivered
    /// The receiver answered without a receipt signed by its key for this bundle (exit 2).
    case receipt
    /// The receipt could not be stored beside the bundle, or the register could not record it.
    case io
}
