/// Text made safe for an HTML page: markup characters escaped, and control characters (which
/// HTML cannot show) drawn as their Unicode control pictures (U+2400 …), so nothing is hidden.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = MarkupText.entity(for: scalar) {
                result += entity
                continue
            }
            switch scalar {
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "\r": result += "\u{240D}"
            case "\u{00}"..."\u{1F}": result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case "\u{7F}": result += "\u{2421}"
            case "\u{FFFE}", "\u{FFFF}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
