/// Lower-case hexadecimal, the one encoder of bytes as hex digits: digests in manifests,
/// record ids, keyed hashes, `\u00XX` escapes.
public enum Hex {
    /// The sixteen digits, as UTF-8 bytes.
    public static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `bytes` as two lower-case hex digits each.
    public static func lowercase<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes { append(byte, to: &text) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the two digits of `byte`.
    @inline(__always)
    public static func append(_ byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(digits[Int(byte >> 4)])
        buffer.append(digits[Int(byte & 0x0F)])
    }
}
