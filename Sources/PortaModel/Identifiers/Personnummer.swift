/// A Swedish personal identity number (*personnummer*, Folkbokföringslagen 18 §) or
/// coordination number (*samordningsnummer*, day of birth plus 60), normalised to 12 digits
/// `YYYYMMDDNNNC`.
///
/// Accepts the 10-digit form (`YYMMDD-NNNC`, or `YYMMDD+NNNC` for a person aged 100 or more)
/// and the 12-digit form, with or without the separator. The century of a 10-digit number is
/// the one that puts the birth date within the last 100 years before `referenceDate` (or more
/// than 100 years back with `+`). The last digit is a Luhn check digit over the other nine of
/// the 10-digit form.
///
/// ```swift
/// try Personnummer(normalizing: "121212-1212", referenceDate: CalendarDate(year: 2026, month: 1, day: 1)).value
/// // "201212121212"
/// ```
public struct Personnummer: Hashable, Sendable, CustomStringConvertible {
    /// Whether the number is a personnummer or a samordningsnummer.
    public enum Kind: String, Sendable {
        case personnummer
        case samordningsnummer
    }

    /// The normalised 12-digit number.
    public let value: String
    /// Which of the two kinds of number this is.
    public let kind: Kind
    /// The birth date the number encodes (for a samordningsnummer, with 60 taken off the day).
    public let birthDate: CalendarDate

    /// Normalises and validates a number.
    /// - Throws: ``ModelError`` with code `invalid-personnummer` naming the rule broken.
    public init(normalizing raw: String, referenceDate: CalendarDate) throws {
        try self.init(raw, referenceDate: referenceDate)
    }

    /// Reads a number already in normal form, 12 digits, which needs no reference day.
    /// - Throws: ``ModelError`` `invalid-personnummer` for a 10-digit or invalid number.
    public init(normalForm text: String) throws {
        try self.init(text, referenceDate: nil)
    }

    /// `referenceDate` gives a 10-digit number its century; without one only 12 digits are read.
    private init(_ raw: String, referenceDate: CalendarDate?) throws {
        let text = raw.trimmingWhitespace()
        var separator: Character?
        var digits = ""
        for (offset, character) in text.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "-" || character == "+", separator == nil,
                      offset == text.count - 5 {
                separator = character
            } else {
                throw Self.invalid("may hold only digits and one - or + before the last four")
            }
        }
        let numbers = digits.compactMap { $0.wholeNumberValue }
        let year: Int
        let rest: ArraySlice<Int>
        switch numbers.count {
        case 10:
            guard let referenceDate else { throw Self.invalid("must be written as 12 digits") }
            rest = numbers[...]
            let twoDigitYear = numbers[0] * 10 + numbers[1]
            let month = numbers[2] * 10 + numbers[3]
            let day = Self.dayOfBirth(numbers[4] * 10 + numbers[5])
            var candidate = referenceDate.year / 100 * 100 + twoDigitYear
            if (candidate, month, day) > (referenceDate.year, referenceDate.month, referenceDate.day) {
                candidate -= 100
            }
            if separator == "+" { candidate -= 100 }
            year = candidate
        case 12:
            guard separator != "+" else { throw Self.invalid("uses + in the 12-digit form") }
            rest = numbers[2...]
            year = numbers[0...3].reduce(0) { $0 * 10 + $1 }
        default:
            throw Self.invalid("must have 10 or 12 digits")
        }
        let tail = Array(rest)
        let month = tail[2] * 10 + tail[3]
        let rawDay = tail[4] * 10 + tail[5]
        let kind: Kind = rawDay > 60 ? .samordningsnummer : .personnummer
        guard let date = CalendarDate(validYear: year, month: month, day: Self.dayOfBirth(rawDay)) else {
            throw Self.invalid("does not encode a valid date of birth")
        }
        guard Self.luhnCheckDigit(tail.prefix(9)) == tail[9] else {
            throw Self.invalid("has a wrong check digit")
        }
        self.kind = kind
        self.birthDate = date
        self.value = zeroPadded(year, 4) + tail[2...].map(String.init).joined()
    }

    public var description: String { value }

    /// The Luhn (mod 10) check digit over the given digits, doubling from the first.
    static func luhnCheckDigit(_ digits: some Collection<Int>) -> Int {
        var sum = 0
        for (offset, digit) in digits.enumerated() {
            let weighted = offset % 2 == 0 ? digit * 2 : digit
            sum += weighted / 10 + weighted % 10
        }
        return (10 - sum % 10) % 10
    }

    private static func dayOfBirth(_ day: Int) -> Int { day > 60 ? day - 60 : day }

    private static func invalid(_ why: String) -> ModelError {
        ModelError(.invalidPersonnummer, "personnummer \(why)")
    }
}
