import PortaVerify

/// Import could not run: the bundle could not be read at all, or the store could not be
/// opened or written (the store is then as it was before).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// The bundle or store the error is about.
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
