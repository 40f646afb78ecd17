/// Verification could not run at all: the bundle is not there or cannot be read. (A bundle
/// that is there but wrong gives findings, not this error.)
public struct VerifyError: Error, Sendable, CustomStringConvertible {
    /// The bundle path as given.
    public let path: String
    /// What prevented verification.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
