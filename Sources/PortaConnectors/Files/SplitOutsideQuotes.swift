/// Splits `NAME;A=1;B="x;y"` at the semicolons outside double quotes: the parameter lists of
/// vCard properties and MIME header fields.
func splitOutsideQuotes(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var quoted = false
    for character in text {
        if character == "\"" { quoted.toggle() }
        if character == ";", !quoted {
            parts.append(current)
            current = ""
        } else {
            current.append(character)
        }
    }
    parts.append(current)
    return parts
}
