import PortaModel

extension RecordIndex {
    /// A batch of rows from one reader, handed to ``RecordIndex/add(_:)`` when full: the keys
    /// back to back in one buffer, files and reference fields named once each.
    public struct Batch: Sendable {
        /// A reference field: the kind holding it, its name and the kind it refers to.
        struct ReferenceField: Equatable {
            let kind: String
            let name: String
            let targetKind: String
        }

        private(set) var keys: [UInt8] = []
        private(set) var records: [(key: Range<Int>, file: Int)] = []
        private(set) var references: [(from: Range<Int>, field: Int, target: Range<Int>, file: Int, line: Int)] = []
        private(set) var files: [String] = []
        private(set) var fields: [ReferenceField] = []

        public init() {}

        /// Whether the batch should be added now.
        public var isFull: Bool { records.count + references.count >= 20_000 }

        /// Takes `record`'s id and references, found at `line` of `file`.
        public mutating func record(_ record: CanonicalRecord, file: String, line: Int) {
            let file = number(of: file)
            let key = append(record.id)
            records.append((key, file))
            for (field, value) in zip(record.kind.fields, record.fieldValues) {
                guard case .reference(let targetKind) = field.type, case .reference(let target)? = value else { continue }
                let number = number(of: ReferenceField(kind: record.kind.name, name: field.name, targetKind: targetKind.kind))
                references.append((key, number, append(target), file, line))
            }
        }

        private mutating func append(_ id: RecordID) -> Range<Int> {
            let start = keys.count
            IndexKey.append(id, to: &keys)
            return start..<keys.count
        }

        /// The file's number in this batch; a reader names the same file again and again.
        private mutating func number(of file: String) -> Int {
            if let last = files.last, last == file { return files.count - 1 }
            if let known = files.firstIndex(of: file) { return known }
            files.append(file)
            return files.count - 1
        }

        private mutating func number(of field: ReferenceField) -> Int {
            if let known = fields.firstIndex(of: field) { return known }
            fields.append(field)
            return fields.count - 1
        }
    }
}

/// A record id as the index keeps it: a tag byte 0, the prefix, `_` and the 16 bytes the 32 hex
/// digits spell. Two ids are equal exactly when their keys are, and keys sort as the ids' text
/// does (the prefix is letters, which sort after `_`; hex digits sort as the bytes they spell).
/// Text that is not a well-formed id (none reaches here: a ``RecordID`` is checked when made)
/// would be kept whole after a tag byte 1, so no two ids can share a key.
enum IndexKey {
    static func append(_ id: RecordID, to bytes: inout [UInt8]) {
        var text = id.rawValue
        text.withUTF8 { utf8 in
            let start = bytes.count
            let prefix = utf8.prefix { (0x61...0x7A).contains($0) }.count
            if utf8.count == prefix + 33, utf8[prefix] == 0x5F {
                bytes.append(0)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[...prefix]))
                var index = prefix + 1
                Self.nibbles.withUnsafeBufferPointer { nibbles in
                    while index < utf8.count {
                        let high = nibbles[Int(utf8[index])], low = nibbles[Int(utf8[index + 1])]
                        guard high | low != 0xFF else { return }  // a digit is at most 0x0F, a non-digit 0xFF
                        bytes.append(high << 4 | low)
                        index += 2
                    }
                }
                if index == utf8.count { return }
                bytes.removeSubrange(start...)
            }
            bytes.append(1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// The id a key was made from.
    static func text(of key: [UInt8]) -> String {
        guard key.first == 0, key.count > 17 else { return String(decoding: key.dropFirst(), as: UTF8.self) }
        var text = Array(key[1..<(key.count - 16)])
        for byte in key.suffix(16) {
            text.append(hexDigit(byte >> 4))
            text.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The value of each lower-case hex digit by its byte, 0xFF for every other byte: a table
    /// look-up per digit (two per byte of every id, for every record and reference).
    private static let nibbles: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x30...0x39: UInt8(byte - 0x30)
        case 0x61...0x66: UInt8(byte - 0x61 + 10)
        default: 0xFF
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }
}
