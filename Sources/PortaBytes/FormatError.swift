/// A record file that cannot be written or read: which format, which file, which line and
/// record, and what is wrong. Messages never quote a value, only names, numbers and ids.
public struct FormatError: Error, CustomStringConvertible, Sendable {
    /// The format the error is about, by its short name. The byte-level formats are named
    /// here; each target that reads another format names it in an extension (`xml`, `vcard`…).
    public struct Format: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let json = Format(rawValue: "json")
        public static let csv = Format(rawValue: "csv")
    }

    public let format: Format
    /// The file, as the bundle names it, when known.
    public var file: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// The 0-based index of the record in its file, when known.
    public var record: Int?
    /// The record's id, when it was read before the error.
    public var recordID: String?
    public let message: String

    public init(_ format: Format, _ message: String, file: String? = nil, line: Int? = nil,
                record: Int? = nil, recordID: String? = nil) {
        self.format = format
        self.message = message
        self.file = file
        self.line = line
        self.record = record
        self.recordID = recordID
    }

    /// A name from a file (a key, an element) quoted for a message when it looks like a name,
    /// else a placeholder: a hostile file must not get arbitrary text into logs.
    public static func quotedName(_ name: String) -> String {
        let plain = name.count <= 64 && !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_")
        }
        return plain ? "\"\(name)\"" : "(a key that is not a plain name)"
    }

    public var description: String {
        var location = file ?? format.rawValue
        if let line { location += ":\(line)" }
        var subject: [String] = []
        if let record { subject.append("record \(record)") }
        if let recordID { subject.append(recordID) }
        let about = subject.isEmpty ? "" : " (" + subject.joined(separator: ", ") + ")"
        return "\(location)\(about): \(message)"
    }
}
