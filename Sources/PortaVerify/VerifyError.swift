/// Verification (or a step that verifies first: signing) could not run at all: the bundle is
/// not there or cannot be read, there is no room for scratch files, no identity opens a sealed
/// bundle, a report or the register cannot be written. A bundle that is there but wrong gives
/// findings, not this error.
public struct VerifyError: Error, Sendable, CustomStringConvertible {
    /// What prevented the step.
    public enum Code: String, Sendable {
        /// The bundle is missing, unreadable, or not a folder, zip or sealed zip.
        case unreadable
        /// A sealed bundle and no identity that opens it.
        case notOpened = "not-opened"
        /// No room for the scratch folder or the unpacked zip.
        case scratch
        /// A report or a signed bundle could not be written.
        case io
        /// The step was done, but the request register could not record it.
        case register
    }

    public let code: Code
    /// The bundle (or report, or register) path the error is about.
    public let path: String
    /// What prevented verification, without personal data.
    public let message: String
    /// The error underneath, when there is one.
    public let cause: (any Error)?

    public init(_ code: Code, path: String, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.cause = cause
    }

    public var description: String { "\(path): \(message)" }
}
