import Foundation

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
