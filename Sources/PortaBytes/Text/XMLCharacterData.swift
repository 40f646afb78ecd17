/// The bytes of XML character data as Porta's record files write them: the escaping libxml2's
/// `xmlEncodeSpecialChars` applies (`&`, `<`, `>`, `"` as entities, CR as `&#13;` so parsers do
/// not turn it into LF), over UTF-8 bytes, scanned once.
public enum XMLCharacterData {
    /// Whether XML 1.0 can carry `text` as character data: no C0 control character other than
    /// TAB, LF and CR, and neither U+FFFE nor U+FFFF (UTF-8 `EF BF BE`, `EF BF BF`).
    public static func canCarry(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return false }
            if byte == 0xEF, index + 2 < text.endIndex, text[index + 1] == 0xBF, text[index + 2] >= 0xBE { return false }
            index += 1
        }
        return true
    }

    /// Appends `text` escaped as character data.
    public static func append(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        guard text.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x0D }) else {
            buffer.append(contentsOf: text)
            return
        }
        for byte in text {
            switch byte {
            case 0x26: buffer.append(contentsOf: "&amp;".utf8)
            case 0x3C: buffer.append(contentsOf: "&lt;".utf8)
            case 0x3E: buffer.append(contentsOf: "&gt;".utf8)
            case 0x22: buffer.append(contentsOf: "&quot;".utf8)
            case 0x0D: buffer.append(contentsOf: "&#13;".utf8)
            default: buffer.append(byte)
            }
        }
    }
}
