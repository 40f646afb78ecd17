/// A JSON value as ``StrictJSONParser`` reads it: object members in document order, numbers
/// as their literal text (so no precision is lost and `1e3` stays distinguishable from `1000`).
public indirect enum ParsedJSON: Equatable, Sendable {
    case object([Member])
    case array([ParsedJSON])
    case string(String)
    case number(String)
    case boolean(Bool)
    case null

    /// One member of an object.
    public struct Member: Equatable, Sendable {
        public let key: String
        public let value: ParsedJSON
    }

    /// The JSON type's name, for errors.
    public var typeName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        }
    }
}
