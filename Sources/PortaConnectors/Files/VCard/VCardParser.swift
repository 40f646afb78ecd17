import PortaBytes

/// Reads vCards 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350) from a ``ByteInput``, one card at a time.
///
/// Lines end in CRLF or LF (stray CRs before it are dropped); a line starting with a space or tab continues the one before
/// (unfolded on bytes, so a fold inside a multi-byte UTF-8 sequence is mended); a
/// quoted-printable value ending in `=` continues on the next line whatever its indent. Values
/// are UTF-8, or the `CHARSET` they name (ISO-8859-1, Windows-1252); text that is not valid
/// UTF-8 is read as Windows-1252 and noted. A line without a colon is noted and skipped; a card
/// without `END:VCARD` is an error naming its line.
public struct VCardParser {
    private let input: ByteInput
    private var pending: (bytes: [UInt8], line: Int)?

    public init(input: ByteInput) {
        self.input = input
    }

    /// The next card, or nil at the end of the input.
    /// - Throws: ``FormatError`` naming the line of a card that never ends.
    public mutating func nextCard() throws -> VCard? {
        var card: VCard?
        while let (logical, line) = try nextLogicalLine() {
            guard let property = parse(logical, card: &card, line: line) else { continue }
            if property.name == "BEGIN", property.value.uppercased() == "VCARD" {
                if let open = card { throw FormatError(.vcard, "the vCard starting on line \(open.line) has no END:VCARD", file: input.name, line: line) }
                card = VCard(line: line)
            } else if property.name == "END", property.value.uppercased() == "VCARD" {
                guard let done = card else { continue }
                return done
            } else {
                card?.properties.append(property)
            }
        }
        if let open = card { throw FormatError(.vcard, "the vCard starting on line \(open.line) has no END:VCARD", file: input.name, line: open.line) }
        return nil
    }

    /// Parses one unfolded line into a property; nil (and an oddity) for a line without a colon.
    private func parse(_ bytes: [UInt8], card: inout VCard?, line: Int) -> VCardProperty? {
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
        var inQuotes = false
        var colon: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { inQuotes.toggle() }
            if byte == 0x3A, !inQuotes { colon = index; break }
        }
        guard let colon else {
            card?.oddities.append("line \(line) has no colon")
            return nil
        }
        let head = String(decoding: bytes[..<colon], as: UTF8.self)
        var parts = splitOutsideQuotes(head)
        var name = parts.removeFirst().trimmingCharacters()
        var group: String?
        if let dot = name.lastIndex(of: ".") {
            group = String(name[..<dot])
            name = String(name[name.index(after: dot)...])
        }
        var parameters: [String: [String]] = [:]
        for part in parts {
            if let equals = part.firstIndex(of: "=") {
                let key = part[..<equals].trimmingCharacters().uppercased()
                var value = String(part[part.index(after: equals)...])
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                parameters[key, default: []].append(Self.caretDecoded(value))
            } else {
                let bare = part.trimmingCharacters().uppercased()
                let key = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"].contains(bare) ? "ENCODING" : "TYPE"
                parameters[key, default: []].append(bare)
            }
        }
        var valueBytes = Array(bytes[(colon + 1)...])
        if parameters["ENCODING"]?.contains(where: { $0.uppercased() == "QUOTED-PRINTABLE" }) == true {
            valueBytes = QuotedPrintable.decode(valueBytes)
        }
        let charset = parameters["CHARSET"]?.first?.uppercased()
        let encoding: TextEncoding = switch charset {
        case "ISO-8859-1", "LATIN1": .latin1
        case "WINDOWS-1252", "CP1252": .windows1252
        default: .utf8
        }
        var value = encoding.decode(valueBytes)
        if value == nil {
            card?.oddities.append("line \(line) is not valid \(encoding.rawValue); read as windows-1252")
            value = TextEncoding.windows1252.decode(valueBytes) ?? TextEncoding.latin1.decode(valueBytes)
        }
        return VCardProperty(group: group, name: name.uppercased(), parameters: parameters, value: value ?? "")
    }

    /// The next logical line: folds joined, quoted-printable soft breaks joined.
    private mutating func nextLogicalLine() throws -> ([UInt8], Int)? {
        guard let (first, line) = try pending ?? nextRawLine() else { return nil }
        var bytes = first
        pending = nil
        while let (next, nextLine) = try nextRawLine() {
            if let first = next.first, first == 0x20 || first == 0x09 {
                bytes += next.dropFirst()
            } else if bytes.last == 0x3D, Self.isQuotedPrintable(bytes) {
                bytes.removeLast()
                bytes += next
            } else {
                pending = (next, nextLine)
                break
            }
        }
        return (bytes, line)
    }

    /// The next line with every CR before its end dropped (some exports end lines in CRCRLF).
    private func nextRawLine() throws -> ([UInt8], Int)? {
        guard let (line, number) = try input.nextLine() else { return nil }
        var bytes = line
        while bytes.last == 0x0D { bytes.removeLast() }
        return (bytes, number)
    }

    private static func isQuotedPrintable(_ bytes: [UInt8]) -> Bool {
        guard let colon = bytes.firstIndex(of: 0x3A) else { return false }
        return String(decoding: bytes[..<colon], as: UTF8.self).uppercased().contains("QUOTED-PRINTABLE")
    }

    /// RFC 6868 parameter escapes: `^n` newline, `^'` quote, `^^` caret.
    private static func caretDecoded(_ value: String) -> String {
        guard value.contains("^") else { return value }
        var result = ""
        var caret = false
        for character in value {
            if caret {
                switch character {
                case "n": result.append("\n")
                case "'": result.append("\"")
                case "^": result.append("^")
                default: result.append("^"); result.append(character)
                }
                caret = false
            } else if character == "^" {
                caret = true
            } else {
                result.append(character)
            }
        }
        if caret { result.append("^") }
        return result
    }
}
