import Crypto
import PortaBytes

/// The stable identifier of a canonical record, derived from where the record came from.
///
/// `<prefix>_<32 hex digits>`: the kind's short prefix, then the first 128 bits of
/// SHA-256 over `porta/1`, the source id, the kind and the source key, separated by NUL bytes.
/// The same source row always gets the same id, on every run and every machine, and the id
/// reveals nothing of the key (which may be an e-mail address), so it can be logged.
public struct RecordID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The identifier as written in every format.
    public let rawValue: String

    /// Derives the id of the record of `kind` with `sourceKey` in `source`.
    public init(source: String, kind: RecordKind, sourceKey: String) {
        self.init(source: source, target: ReferenceTarget(kind: kind.name, idPrefix: kind.idPrefix), sourceKey: sourceKey)
    }

    /// Derives the id of the record a reference to `target` names by its `sourceKey` in `source`.
    public init(source: String, target kind: ReferenceTarget, sourceKey: String) {
        // SHA-256 of the version, source, kind and key, each ended by a NUL but the last: one
        // buffer, hashed at once (ids are derived for every record and every reference).
        var input: [UInt8] = []
        input.reserveCapacity(FormatVersion.current.utf8.count + source.utf8.count + kind.kind.utf8.count + sourceKey.utf8.count + 3)
        input += FormatVersion.current.utf8
        for part in [source, kind.kind, sourceKey] {
            input.append(0)
            input += part.utf8
        }
        var text: [UInt8] = []
        text.reserveCapacity(kind.idPrefix.utf8.count + 33)
        text += kind.idPrefix.utf8
        text.append(UInt8(ascii: "_"))
        for byte in SHA256.hash(data: input).prefix(16) { Hex.append(byte, to: &text) }
        rawValue = String(decoding: text, as: UTF8.self)
    }

    /// Reads an id as written in a bundle.
    /// - Throws: ``ModelError`` with code `invalid-identifier` when it is not `<prefix>_<32 hex>`.
    public init(validating text: String) throws {
        // Checked byte by byte: ids are read once per record and reference in every format.
        let bytes = text.utf8
        let prefixLength = bytes.prefix { (0x61...0x7A).contains($0) }.count
        guard (1...8).contains(prefixLength), bytes.count == prefixLength + 33,
              bytes.dropFirst(prefixLength).first == 0x5F,
              bytes.dropFirst(prefixLength + 1).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw ModelError(.invalidIdentifier, "record id is not <prefix>_<32 lower-case hex digits>")
        }
        rawValue = text
    }

    /// The prefix, which names the record's kind.
    public var prefix: Substring {
        let utf8 = rawValue.utf8
        return Substring(utf8[..<(utf8.firstIndex(of: UInt8(ascii: "_")) ?? utf8.endIndex)])
    }

    public var description: String { rawValue }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.rawValue < rhs.rawValue }
}
