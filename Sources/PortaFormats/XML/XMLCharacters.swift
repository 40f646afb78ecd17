import PortaBytes

/// Which text XML 1.0 can carry, and the lossless treatment of the rest.
///
/// XML 1.0 cannot hold the C0 control characters other than TAB, LF and CR, nor U+FFFE and
/// U+FFFF, not even as character references. A text value holding one of them is written as
/// the Base64 of its UTF-8 bytes in an element with `encoding="base64"`, and readers decode it:
/// nothing is dropped or replaced. CR is written as `&#13;` so parsers do not turn it into LF.
public enum XMLCharacters {
    /// The attribute that marks a Base64-encoded text value.
    public static let encodingAttribute = "encoding"
    /// Its one value.
    public static let base64 = "base64"

    /// Whether XML 1.0 can carry `text` as character data.
    public static func canCarry(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { XMLCharacterData.canCarry($0) }
    }
}
