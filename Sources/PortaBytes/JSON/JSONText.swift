/// The byte-level rules of JSON text (RFC 8259) that every Porta JSON writer shares: string
/// escaping and number formatting, so the same values always give the same bytes.
public enum JSONText {
    /// Appends `text` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\r`,
    /// `\t`, `\b`, `\f` or `\u00XX`; everything else as UTF-8, `/` not escaped.
    public static func appendString(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(bytes: $0, to: &buffer) }
    }

    /// ``appendString(_:to:)`` over the text's UTF-8 bytes, scanned and copied as one buffer.
    private static func appendString(bytes text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        buffer.append(0x22)
        if !text.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            buffer.append(contentsOf: text)
            buffer.append(0x22)
            return
        }
        for byte in text {
            switch byte {
            case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
            case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
            case 0x08: buffer.append(contentsOf: [0x5C, 0x62])
            case 0x0C: buffer.append(contentsOf: [0x5C, 0x66])
            case 0x00..<0x20:
                buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                Hex.append(byte, to: &buffer)
            default: buffer.append(byte)
            }
        }
        buffer.append(0x22)
    }

    /// Appends an object key and its colon.
    public static func appendKey(_ key: String, to buffer: inout [UInt8]) {
        appendString(key, to: &buffer)
        buffer.append(0x3A)
    }

    public static func append(_ literal: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: literal.utf8)
    }
}
