import Foundation

/// Reads the SSH wire encoding (RFC 4251 §5): big-endian `uint32`, and `string` as a length
/// followed by that many bytes. Every read is bounds-checked; nil means the data ran out.
public struct SSHWireReader {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { position == bytes.count }

    public mutating func fixed(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - position >= count else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    public mutating func uint32() -> UInt32? {
        fixed(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    public mutating func string() -> [UInt8]? {
        guard let length = uint32() else { return nil }
        return fixed(Int(length))
    }

    /// The bytes not read yet.
    public var rest: [UInt8] { Array(bytes[position...]) }
}

/// Writes the SSH wire encoding.
public enum SSHWire {
    public static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    public static func string(_ bytes: [UInt8]) -> [UInt8] {
        uint32(UInt32(bytes.count)) + bytes
    }

    public static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }

    /// An Ed25519 public key as SSH names it: `string "ssh-ed25519"`, `string key`.
    public static func ed25519PublicKeyBlob(_ key: [UInt8]) -> [UInt8] {
        string("ssh-ed25519") + string(key)
    }

    /// Base64 of `bytes` in lines of at most `width` characters, each ending in a newline,
    /// between PEM-style armor lines.
    static func armored(_ bytes: [UInt8], label: String, width: Int) -> String {
        let base64 = Array(Data(bytes).base64EncodedString().utf8)
        var text = "-----BEGIN \(label)-----\n"
        var start = 0
        while start < base64.count {
            let end = min(start + width, base64.count)
            text += String(decoding: base64[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return text + "-----END \(label)-----\n"
    }

    /// The bytes inside PEM-style armor, or nil when `text` is not armored with `label`.
    static func unarmored(_ text: String, label: String) -> [UInt8]? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard lines.count >= 3, lines.first == "-----BEGIN \(label)-----", lines.last == "-----END \(label)-----",
              let bytes = Data(base64Encoded: lines.dropFirst().dropLast().joined()) else { return nil }
        return [UInt8](bytes)
    }
}
