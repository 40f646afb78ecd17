import Foundation

/// A calendar day without a time (ISO 8601 `YYYY-MM-DD`), such as a birth date.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date that is known to be valid; returns nil for an impossible day such as 2025-02-29.
    public init?(validYear year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    /// - Throws: ``ModelError`` with code `invalid-date`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let date = CalendarDate(validYear: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
        else { throw ModelError(.invalidDate, "date is not a valid YYYY-MM-DD day") }
        self = date
    }

    /// Today's date in UTC.
    public static func today() -> CalendarDate { Timestamp(Date()).date }

    public var description: String {
        var text: [UInt8] = []
        text.reserveCapacity(10)
        append(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the day as `description` spells it: written for every date of every record.
    func append(to text: inout [UInt8]) {
        appendZeroPadded(year, 4, to: &text)
        text.append(0x2D)
        appendZeroPadded(month, 2, to: &text)
        text.append(0x2D)
        appendZeroPadded(day, 2, to: &text)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The same day `months` calendar months later, or the month's last day when it has no
    /// such day (31 January + 1 month = 28 or 29 February), as GDPR Art. 12(3)'s "one month"
    /// is counted (Regulation 1182/71, Art. 3(2)(c)).
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12, newMonth = total % 12 + 1
        return CalendarDate(validYear: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, year: newYear)))!
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), by the civil-calendar algorithm.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        self.year = year
        self.month = month
        self.day = day
    }
}

/// `value` in decimal, padded with leading zeros to `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// Appends what ``zeroPadded(_:_:)`` gives, without making strings for the common case.
func appendZeroPadded(_ value: Int, _ width: Int, to text: inout [UInt8]) {
    var limit = 1
    for _ in 0..<width { limit *= 10 }
    guard value >= 0, value < limit else {
        text.append(contentsOf: zeroPadded(value, width).utf8)
        return
    }
    var divisor = limit / 10
    while divisor > 0 {
        text.append(0x30 + UInt8(value / divisor % 10))
        divisor /= 10
    }
}
