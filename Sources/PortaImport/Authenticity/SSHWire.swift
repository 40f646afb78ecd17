/// Reads the SSH wire encoding (RFC 4251 §5): big-endian `uint32`, and `string` as a length
/// followed by that many bytes. Every read is bounds-checked; nil means the data ran out.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func fixed(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - position >= count else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func uint32() -> UInt32? {
        fixed(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func string() -> [UInt8]? {
        guard let length = uint32() else { return nil }
        return fixed(Int(length))
    }
}

/// Writes the SSH wire encoding.
enum SSHWire {
    static func string(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)] + bytes
    }

    static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
}
