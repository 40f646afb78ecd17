import PortaBytes

/// Verification (or a step that verifies first: signing) could not run at all. A bundle that
/// is there but wrong gives findings, not this error.
public typealias VerifyError = LocatedError<VerifyFailure>

/// What prevented verification, or a step that verifies first, from running.
public enum VerifyFailure: String, Sendable {
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
