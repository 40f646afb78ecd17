/// An error that ends an export, beyond those of the config, the sources and the bundle.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is. New codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case noRecords = "no-records"
            case invalidRequest = "invalid-request"
            case attachmentUnreadable = "attachment-unreadable"
            case register = "register-failed"
            case invalidBundle = "invalid-bundle"
            case identityConflict = "identity-conflict"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// No source knows the subject.
        public static let noRecords = Code(.noRecords)
        /// The request itself is not valid (a request id that cannot name a folder, say).
        public static let invalidRequest = Code(.invalidRequest)
        /// The file of an attachment could not be read.
        public static let attachmentUnreadable = Code(.attachmentUnreadable)
        /// The bundle was written but the register of requests could not record it.
        public static let register = Code(.register)
        /// The records would make a bundle that `porta verify` refuses (two records with one
        /// id, a reference without a target); no bundle was written.
        public static let invalidBundle = Code(.invalidBundle)
        /// Records joined into the subject by a strong identifier disagree on who the person
        /// is; no bundle was written until a person decides (exclude a row, or accept the join).
        public static let identityConflict = Code(.identityConflict)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
