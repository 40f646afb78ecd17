/// One property (content line) of a vCard: `group.NAME;PARAM=a,b:value`.
public struct VCardProperty: Sendable, Equatable {
    /// The group before the name (`item1`), if any.
    public var group: String?
    /// The property name in upper case (`EMAIL`).
    public var name: String
    /// Parameters by upper-cased name; bare vCard 2.1 parameters (`;WORK;PREF`) are `TYPE` values.
    public var parameters: [String: [String]]
    /// The raw value, unfolded and with quoted-printable decoded, but not unescaped.
    public var value: String

    /// The value with the text escapes of RFC 6350 §3.4 undone (`\n`, `\,`, `\;`, `\\`).
    public var text: String { Self.unescape(Substring(value)) }

    /// A structured value's components (`N`, `ADR`), split at unescaped `;` and unescaped.
    public var components: [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in value {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ";" {
                parts.append(Self.unescape(Substring(current)))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(Self.unescape(Substring(current)))
        return parts
    }

    /// The lower-cased `TYPE` values (`home`, `work`, `cell`, …).
    public var types: [String] {
        (parameters["TYPE"] ?? []).flatMap { $0.split(separator: ",") }.map { $0.lowercased() }
    }

    static func unescape(_ text: Substring) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n", "N": result.append("\n")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }
}

/// One vCard: its properties in order, and the oddities met while reading it.
public struct VCard: Sendable {
    public var properties: [VCardProperty] = []
    /// The line `BEGIN:VCARD` is on.
    public var line: Int
    /// Problems that did not stop the card (a line without a colon), by name.
    public var oddities: [String] = []

    /// The properties with this name.
    public func all(_ name: String) -> [VCardProperty] { properties.filter { $0.name == name } }
    /// The first property with this name.
    public func first(_ name: String) -> VCardProperty? { properties.first { $0.name == name } }
}
