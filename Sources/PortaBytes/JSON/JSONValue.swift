/// A JSON document with its object keys in a fixed order, for manifests and descriptors that
/// must come out byte-identical on every run.
public enum JSONValue: Hashable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    case null

    /// The document as UTF-8: indented by two spaces, keys in the given order, ending in a newline.
    public func serialized() -> [UInt8] {
        var buffer: [UInt8] = []
        append(to: &buffer, indent: 0)
        buffer.append(0x0A)
        return buffer
    }

    /// The document on one line with no white space and no final newline (for JSON Lines).
    public func compactSerialized() -> [UInt8] {
        var buffer: [UInt8] = []
        append(to: &buffer, indent: nil)
        return buffer
    }

    /// Appends the value, indented from `indent` levels deep, or with no white space when nil.
    private func append(to buffer: inout [UInt8], indent: Int?) {
        func newline(_ depth: Int?) {
            guard let depth else { return }
            buffer.append(0x0A)
            buffer.append(contentsOf: repeatElement(0x20, count: depth * 2))
        }
        let inner = indent.map { $0 + 1 }
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return JSONText.append("{}", to: &buffer) }
            buffer.append(0x7B)
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                newline(inner)
                JSONText.appendKey(key, to: &buffer)
                if indent != nil { buffer.append(0x20) }
                value.append(to: &buffer, indent: inner)
            }
            newline(indent)
            buffer.append(0x7D)
        case .array(let elements):
            guard !elements.isEmpty else { return JSONText.append("[]", to: &buffer) }
            buffer.append(0x5B)
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                newline(inner)
                element.append(to: &buffer, indent: inner)
            }
            newline(indent)
            buffer.append(0x5D)
        case .string(let text): JSONText.appendString(text, to: &buffer)
        case .integer(let number): JSONText.append(String(number), to: &buffer)
        case .boolean(let flag): JSONText.append(flag ? "true" : "false", to: &buffer)
        case .null: JSONText.append("null", to: &buffer)
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }
}
