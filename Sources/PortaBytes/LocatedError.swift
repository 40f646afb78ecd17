/// An error of a step that could not run, as every stage above the bytes reports it: a code
/// naming what went wrong, the file it is about, a message without personal data, and the
/// error underneath. Its description is `path: message`.
///
/// Each target names its own codes (`VerifyError` is a `LocatedError<VerifyFailure>`), so a
/// caller matches on a target's codes while every such error reads the same way.
public struct LocatedError<Code: RawRepresentable & Sendable>: Error, CustomStringConvertible where Code.RawValue == String {
    public let code: Code
    /// The file, folder or store the error is about.
    public let path: String
    /// What went wrong, without personal data.
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
