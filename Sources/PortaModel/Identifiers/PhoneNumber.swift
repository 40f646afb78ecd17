/// A telephone number in E.164 form (`+46701234567`), as ITU-T E.164 and RFC 3966 write it.
///
/// National numbers (a leading trunk `0`) are read in a default country, Sweden unless told
/// otherwise, so `070-123 45 67` becomes `+46701234567`. Spaces, hyphens, dots, slashes and
/// parentheses are dropped; a `(0)` written after the country code is dropped; `00` is read as
/// the international prefix.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number in E.164 form, `+` and 8 to 15 digits.
    public let value: String

    /// Normalises and validates a number.
    /// - Parameters:
    ///   - raw: the number as written.
    ///   - defaultCallingCode: the country calling code for national numbers (`"46"`, Sweden).
    /// - Throws: ``ModelError`` with code `invalid-phone-number` naming the rule broken.
    public init(normalizing raw: String, defaultCallingCode: String = "46") throws {
        var text = raw.trimmingWhitespace()
        guard !text.isEmpty else { throw Self.invalid("is empty") }
        if let range = text.range(of: "(0)") { text.removeSubrange(range) }
        var digits = ""
        var sawPlus = false
        for (offset, character) in text.enumerated() {
            switch character {
            case "0"..."9": digits.append(character)
            case "+" where offset == 0: sawPlus = true
            case " ", "-", ".", "/", "(", ")", "\u{00A0}": continue
            default: throw Self.invalid("has a character that is not a digit or a separator")
            }
        }
        let international: String
        if sawPlus {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if digits.hasPrefix("0") {
            international = defaultCallingCode + digits.dropFirst()
        } else {
            throw Self.invalid("is neither international (+ or 00) nor national (leading 0)")
        }
        guard let first = international.first, first != "0" else {
            throw Self.invalid("has no country calling code")
        }
        guard (8...15).contains(international.count) else {
            throw Self.invalid("must have 8 to 15 digits in E.164 form")
        }
        if international.hasPrefix("46") {
            let national = international.dropFirst(2)
            guard national.first != "0" else { throw Self.invalid("keeps the trunk 0 after +46") }
            guard (7...9).contains(national.count) else {
                throw Self.invalid("is not a Swedish number of 7 to 9 national digits")
            }
        }
        value = "+" + international
    }

    public var description: String { value }

    private static func invalid(_ why: String) -> ModelError {
        ModelError(.invalidPhoneNumber, "phone number \(why)")
    }
}
