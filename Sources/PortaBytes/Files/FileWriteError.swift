/// A file could not be written or moved into place. Its description, `path: message [code]`,
/// names the file and never its contents.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// Writing, syncing or renaming failed (the message gives errno).
        case io
        /// The destination exists and the write was asked never to replace it.
        case alreadyExists = "already-exists"
    }

    public let code: Code
    public let message: String
    /// The file the error is about.
    public let path: String

    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): \(message) [\(code.rawValue)]" }
}
