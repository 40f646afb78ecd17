/// Import could not run: the bundle could not be read at all, or the store could not be
/// opened or written (the store is then as it was before), or the register could not record it.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// What prevented the import.
    public enum Code: String, Sendable {
        /// Verification could not run (see ``VerifyError``).
        case unreadable
        /// The bundle changed on disk while it was imported.
        case changed
        /// The store could not be opened or written.
        case store
        /// The import ended, but the request register could not record it.
        case register
    }

    public let code: Code
    /// The bundle or store the error is about.
    public let path: String
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
