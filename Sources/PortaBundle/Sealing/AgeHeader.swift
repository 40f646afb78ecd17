import Crypto
import Foundation

/// The header of an age v1 file (age-encryption.org/v1): the version line, one stanza per
/// recipient (`-> type args…` and a Base64 body in lines of 64), and `--- ` with the header's
/// HMAC-SHA256 under a key derived from the file key.
struct AgeHeader {
    static let versionLine = "age-encryption.org/v1"
    static let stanzaPrefix = "-> "
    static let macPrefix = "---"
    static let maximumLineLength = 4096
    static let maximumStanzas = 64

    /// One recipient stanza: its type and arguments, and its body.
    struct Stanza {
        let type: String
        let arguments: [String]
        let body: [UInt8]

        /// The stanza's lines, ending in a newline; the body's last line is shorter than 64
        /// characters (empty when the body fills whole lines).
        var text: String {
            var text = Self.joined([type] + arguments) + "\n"
            let base64 = Array(AgeBase64.encode(body).utf8)
            var start = 0
            while start + 64 <= base64.count {
                text += String(decoding: base64[start..<start + 64], as: UTF8.self) + "\n"
                start += 64
            }
            return text + String(decoding: base64[start...], as: UTF8.self) + "\n"
        }

        private static func joined(_ fields: [String]) -> String { AgeHeader.stanzaPrefix + fields.joined(separator: " ") }
    }

    let stanzas: [Stanza]
    /// The bytes the MAC is over: from the version line through `---`.
    let macInput: [UInt8]
    let mac: [UInt8]

    /// The header's text for `stanzas`, MACed with `fileKey`.
    static func text(stanzas: [Stanza], fileKey: SymmetricKey) -> [UInt8] {
        let macInput = Array((versionLine + "\n" + stanzas.map(\.text).joined() + macPrefix).utf8)
        return macInput + Array(" ".utf8) + Array(AgeBase64.encode(Self.mac(macInput, fileKey: fileKey)).utf8) + [0x0A]
    }

    static func mac(_ input: [UInt8], fileKey: SymmetricKey) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: [UInt8](), info: Array("header".utf8), outputByteCount: 32)
        return Array(HMAC<SHA256>.authenticationCode(for: input, using: key))
    }

    /// Whether the MAC is the one `fileKey` gives.
    func isAuthentic(with fileKey: SymmetricKey) -> Bool {
        let expected = Self.mac(macInput, fileKey: fileKey)
        return expected.count == mac.count && zip(expected, mac).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Reads the header from `reader`, leaving it at the first byte of the payload.
    /// - Throws: ``BundleError`` `damaged` saying what is wrong.
    init(reading reader: ByteFileReader, path: String) throws {
        func bad(_ message: String) -> BundleError { BundleError(.damaged, "not a valid age file: \(message)", path: path) }
        guard let version = reader.line(maximumLength: Self.maximumLineLength), version == Array(Self.versionLine.utf8) else {
            throw bad("it does not start with \(Self.versionLine)")
        }
        var consumed = version + [0x0A]
        var stanzas: [Stanza] = []
        while true {
            guard let line = reader.line(maximumLength: Self.maximumLineLength), let text = String(validating: line, as: UTF8.self) else {
                throw bad("the header ends early or has an overlong line")
            }
            if text.hasPrefix(Self.macPrefix + " ") {
                guard let mac = AgeBase64.decode(String(text.dropFirst(4))), mac.count == 32 else { throw bad("the header MAC is malformed") }
                macInput = consumed + Array(Self.macPrefix.utf8)
                self.mac = mac
                break
            }
            guard text.hasPrefix(Self.stanzaPrefix), stanzas.count < Self.maximumStanzas else { throw bad("a header line is malformed") }
            consumed += line + [0x0A]
            let fields = text.dropFirst(3).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (33...126).contains($0) } }) else {
                throw bad("a stanza's arguments are malformed")
            }
            var body: [UInt8] = []
            while true {
                guard let bodyLine = reader.line(maximumLength: 64), let decoded = AgeBase64.decode(String(decoding: bodyLine, as: UTF8.self)),
                      body.count < 1 << 16 else {
                    throw bad("a stanza's body is malformed")
                }
                consumed += bodyLine + [0x0A]
                body += decoded
                if bodyLine.count < 64 { break }
            }
            stanzas.append(Stanza(type: fields[0], arguments: Array(fields.dropFirst()), body: body))
        }
        self.stanzas = stanzas
    }
}

/// Base64 as age writes it: the standard alphabet without padding, and only the canonical
/// encoding is accepted.
enum AgeBase64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        guard !text.contains("="), text.count % 4 != 1 else { return nil }
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: padded), encode([UInt8](data)) == text else { return nil }
        return [UInt8](data)
    }
}
