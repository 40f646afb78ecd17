import Foundation
import PortaBytes

/// Base64 (RFC 4648) as mail uses it: characters outside the alphabet (line breaks) skipped,
/// decoding stops at padding.
enum Base64 {
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            let value: UInt32
            switch byte {
            case 0x41...0x5A: value = UInt32(byte - 0x41)
            case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
            case 0x2B, 0x2D: value = 62
            case 0x2F, 0x5F: value = 63
            case 0x3D: return result
            default: continue
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                result.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return result
    }
}

/// Quoted-printable (RFC 2045 §6.7): `=XX` bytes, `=` at a line's end joins it to the next.
enum QuotedPrintable {
    static func decode(_ bytes: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 2; continue }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { index += 3; continue }
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    result.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            result.append(underscoreIsSpace && byte == 0x5F ? 0x20 : byte)
            index += 1
        }
        return result
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

/// Text in a mail charset: UTF-8 and US-ASCII, ISO-8859-1 and Windows-1252; anything else, and
/// bytes that are not valid in the named charset, read as Windows-1252 (which never fails for
/// the bytes it maps).
enum Charsets {
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        switch (charset ?? "us-ascii").lowercased() {
        case "iso-8859-1", "latin1", "iso8859-1":
            return TextEncoding.latin1.decode(bytes) ?? ""
        case "windows-1252", "cp1252":
            return TextEncoding.windows1252.decode(bytes) ?? TextEncoding.latin1.decode(bytes) ?? ""
        default:
            return String(validating: bytes, as: UTF8.self)
                ?? TextEncoding.windows1252.decode(bytes) ?? TextEncoding.latin1.decode(bytes) ?? ""
        }
    }
}

/// RFC 2047 encoded words in header text: `=?utf-8?B?…?=` and `=?iso-8859-1?Q?…?=`; the white
/// space between two adjacent encoded words is dropped.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var result = ""
        var rest = Substring(text)
        var lastWasEncoded = false
        var pendingSpace = ""
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            let pieces = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("="), pieces[1].count == 1,
                  let decoded = word(charset: String(pieces[0]), encoding: pieces[1].uppercased(), text: String(pieces[2])) else {
                result += pendingSpace + before + "=?"
                pendingSpace = ""
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            if lastWasEncoded, before.allSatisfy({ $0 == " " || $0 == "\t" }) {
                result += decoded
            } else {
                result += pendingSpace + before + decoded
            }
            pendingSpace = ""
            lastWasEncoded = true
            rest = pieces[3].dropFirst()
            if let firstNonSpace = rest.firstIndex(where: { $0 != " " && $0 != "\t" }) {
                pendingSpace = String(rest[..<firstNonSpace])
                rest = rest[firstNonSpace...]
            } else {
                pendingSpace = String(rest)
                rest = ""
            }
        }
        return result + pendingSpace + rest
    }

    private static func word(charset: String, encoding: String, text: String) -> String? {
        let charset = charset.split(separator: "*").first.map(String.init) ?? charset
        switch encoding {
        case "B": return Charsets.decode(Base64.decode(Array(text.utf8)), charset: charset)
        case "Q": return Charsets.decode(QuotedPrintable.decode(Array(text.utf8), underscoreIsSpace: true), charset: charset)
        default: return nil
        }
    }
}

/// The addr-specs in an address header (`Anna <anna@example.se>, b@example.se`).
enum MailAddresses {
    static func extract(_ header: String) -> [String] {
        var addresses: [String] = []
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let inside = rest[rest.index(after: open)..<close]
            if inside.contains("@") { addresses.append(String(inside).trimmingCharacters()) }
            rest = rest[rest.index(after: close)...]
        }
        let withoutAngles = header.split(separator: "<").map { $0.split(separator: ">").last.map(String.init) ?? "" }.joined(separator: " ")
        for token in withoutAngles.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" || $0 == ":" || $0 == "\t" }) {
            let candidate = token.trimmingCharacters().trimmingPunctuation()
            if candidate.contains("@"), !addresses.contains(candidate) { addresses.append(candidate) }
        }
        return addresses
    }
}

/// RFC 5322 dates (`Tue, 1 Jul 2003 10:52:37 +0200`) as RFC 3339 UTC text.
enum MailDate {
    static func rfc3339(_ text: String) -> String? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if let first = tokens.first, first.count == 3, Int(first) == nil, months[first.lowercased()] == nil { tokens.removeFirst() }
        guard tokens.count >= 4, let day = Int(tokens[0]), let month = months[tokens[1].lowercased().prefix(3).description],
              var year = Int(tokens[2]) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let clock = tokens[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        let second = clock.count > 2 ? clock[2] : 0
        var offsetMinutes = 0
        if tokens.count > 4 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offsetMinutes = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            } else if let named = zones[zone.uppercased()] {
                offsetMinutes = named * 60
            }
        }
        guard (1...31).contains(day), (0...60).contains(second) else { return nil }
        let pad = { (value: Int, width: Int) in String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let local = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(clock[0], 2)):\(pad(clock[1], 2)):\(pad(min(second, 59), 2))"
        return local + "\(sign)\(pad(abs(offsetMinutes) / 60, 2)):\(pad(abs(offsetMinutes) % 60, 2))"
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    private static let zones: [String: Int] = ["UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]
}

extension StringProtocol {
    func trimmingPunctuation() -> String {
        String(drop { "\"'(<[".contains($0) }.reversed().drop { "\"')>].".contains($0) }.reversed())
    }
}
