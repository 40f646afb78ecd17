import Foundation

/// An instant, written as RFC 3339 in UTC (`2024-03-01T12:30:00Z`, with a fraction only when
/// there is one).
///
/// Reads RFC 3339 with any offset, and the `YYYY-MM-DD HH:MM:SS` form that SQLite's date
/// functions write, which has no offset and is taken as UTC.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Nanoseconds past ``seconds``, 0 ..< 1 000 000 000.
    public let nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The instant of a Foundation date, to the microsecond.
    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        let micros = ((interval - whole) * 1_000_000).rounded()
        self.init(seconds: Int64(whole), nanoseconds: Int32(micros) * 1000)
    }

    /// Parses RFC 3339 (`T` or space between date and time; `Z` or `±HH:MM`; no offset = UTC).
    /// - Throws: ``ModelError`` with code `invalid-timestamp`.
    public init(parsing text: String) throws {
        switch try Self.reading(text) {
        case .instant(let time): self = time
        case .local(let local): self.init(seconds: local.secondsAsIfUTC, nanoseconds: local.nanoseconds)
        }
    }

    /// What a time's text says: an instant (it carries `Z` or an offset), or a local date and
    /// time that needs a zone to become one.
    public enum Reading: Sendable, Hashable {
        case instant(Timestamp)
        case local(LocalDateTime)
    }

    /// Reads RFC 3339 (`T` or space between date and time; `Z` or `±HH:MM`), or the same without
    /// an offset, which is a local time.
    /// - Throws: ``ModelError`` with code `invalid-timestamp`.
    public static func reading(_ text: String) throws -> Reading {
        let bytes = Array(text.utf8)
        func fail() -> ModelError {
            ModelError(.invalidTimestamp, "time is not RFC 3339: YYYY-MM-DD, T or a space, HH:MM:SS, an optional fraction, "
                       + "then Z, ±HH:MM, or nothing for a local time")
        }
        func number(_ range: Range<Int>) throws -> Int {
            guard range.upperBound <= bytes.count else { throw fail() }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { throw fail() }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == 45, bytes[7] == 45,
              bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
              bytes[13] == 58, bytes[16] == 58 else { throw fail() }
        guard let date = CalendarDate(validYear: try number(0..<4), month: try number(5..<7),
                                      day: try number(8..<10)) else { throw fail() }
        let hour = try number(11..<13), minute = try number(14..<16), second = try number(17..<19)
        guard hour < 24, minute < 60, second < 60 else { throw fail() }
        var index = 19
        var nanos = 0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            let count = index - start
            guard (1...9).contains(count) else { throw fail() }
            nanos = try number(start..<index)
            for _ in count..<9 { nanos *= 10 }
        }
        let local = LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60 + second, nanoseconds: Int32(nanos))
        guard index < bytes.count else { return .local(local) }
        var offsetSeconds = 0
        switch bytes[index] {
        case 90, 122:
            index += 1
        case 43, 45:
            guard bytes.count == index + 6, bytes[index + 3] == 58 else { throw fail() }
            let hours = try number(index + 1..<index + 3), minutes = try number(index + 4..<index + 6)
            guard hours < 24, minutes < 60 else { throw fail() }
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == 43 ? 1 : -1)
            index += 6
        default:
            throw fail()
        }
        guard index == bytes.count else { throw fail() }
        return .instant(Timestamp(seconds: local.secondsAsIfUTC - Int64(offsetSeconds), nanoseconds: local.nanoseconds))
    }

    /// The UTC calendar day of this instant.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: dayNumber)
    }

    /// Whole days since 1970-01-01, rounded down; exact for every `seconds`, the extremes too
    /// (an epoch read in the wrong unit must become a broken row, not an overflow).
    private var dayNumber: Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
    }

    /// RFC 3339 in UTC.
    public var description: String {
        let secondOfDay = Int((seconds % 86_400 + 86_400) % 86_400)
        var text: [UInt8] = []
        text.reserveCapacity(30)
        CalendarDate(daysSinceEpoch: dayNumber).append(to: &text)
        text.append(0x54)
        appendZeroPadded(secondOfDay / 3600, 2, to: &text)
        text.append(0x3A)
        appendZeroPadded(secondOfDay / 60 % 60, 2, to: &text)
        text.append(0x3A)
        appendZeroPadded(secondOfDay % 60, 2, to: &text)
        if nanoseconds != 0 {
            // The fraction without its trailing zeros; a Timestamp's nanoseconds are 1 ... 999 999 999.
            var fraction = Int(nanoseconds), digits = 9
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            text.append(0x2E)
            appendZeroPadded(fraction, digits, to: &text)
        }
        text.append(0x5A)
        return String(decoding: text, as: UTF8.self)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
