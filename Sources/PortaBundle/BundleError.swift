/// An error raised while writing or reading a bundle's files.
public struct BundleError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is. New codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case io = "io"
            case alreadyExists = "already-exists"
            case invalidPath = "invalid-path"
            case invalidValue = "invalid-value"
            case invalidKey = "invalid-key"
            case wrongKey = "wrong-key"
            case damaged = "damaged"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Reading or writing a file failed.
        public static let io = Code(.io)
        /// The target of a new bundle exists already; Porta never overwrites one.
        public static let alreadyExists = Code(.alreadyExists)
        /// A path would leave the bundle, or is not one a bag may hold.
        public static let invalidPath = Code(.invalidPath)
        /// A value cannot be written into a tag file (a newline in a bag-info value, say).
        public static let invalidValue = Code(.invalidValue)
        /// A key or identity file cannot be used (not the expected kind, malformed, encrypted).
        public static let invalidKey = Code(.invalidKey)
        /// A sealed file is not for any of the given identities.
        public static let wrongKey = Code(.wrongKey)
        /// A sealed file or zip is damaged, truncated or changed: it does not authenticate.
        public static let damaged = Code(.damaged)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String
    /// The file the error is about.
    public let path: String?

    public init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String {
        if let path { return "\(path): \(message) [\(code)]" }
        return "\(message) [\(code)]"
    }
}
