/// Text made safe for an XML attribute or element of a report (record files escape with
/// ``XMLCharacterData`` and carry what XML cannot as Base64): markup characters escaped,
/// characters XML 1.0 cannot carry replaced by U+FFFD.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let entity = MarkupText.entity(for: scalar) {
                result += entity
                continue
            }
            switch scalar {
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default:
                let illegal = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                result.unicodeScalars.append(illegal ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }
}
