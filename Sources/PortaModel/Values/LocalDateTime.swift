import Foundation

/// A date and a time of day with no zone (`2024-03-31 02:30`), as many databases store times:
/// an instant only once the zone it was written in is known.
///
/// ```swift
/// let local = LocalDateTime(date: try CalendarDate(parsing: "2024-03-31"), secondOfDay: 9000)
/// let instant = try local.instant(in: TimeZone(identifier: "Europe/Stockholm")!)  // throws: a DST gap
/// ```
public struct LocalDateTime: Hashable, Sendable {
    public let date: CalendarDate
    /// Seconds since midnight, 0 ..< 86 400.
    public let secondOfDay: Int
    /// Nanoseconds past the second.
    public let nanoseconds: Int32

    public init(date: CalendarDate, secondOfDay: Int, nanoseconds: Int32 = 0) {
        self.date = date
        self.secondOfDay = secondOfDay
        self.nanoseconds = nanoseconds
    }

    /// The seconds since 1970 this local time would be if its zone were UTC.
    public var secondsAsIfUTC: Int64 { date.daysSinceEpoch * 86_400 + Int64(secondOfDay) }

    /// Which of two instants a local time that occurs twice means (the hour repeated when
    /// clocks go back), or which instant stands for a local time that never occurs (the hour
    /// skipped when they go forward; read with the offset before the change or after it, which
    /// gives two instants an hour apart): the earlier instant or the later.
    public enum Choice: String, Sendable, CaseIterable {
        case earlier
        case later
    }

    /// The instant this local time is in `zone`.
    /// - Parameters:
    ///   - gap: for a time in a daylight-saving gap, which instant to take; nil makes it an
    ///     error. Stockholm's `2024-03-31 02:30` is `00:30Z` (earlier, read with summer time's
    ///     offset) or `01:30Z` (later, read with winter time's, as java.time does).
    ///   - overlap: for a time that occurs twice, which one; nil makes it an error.
    /// - Throws: ``ModelError`` `invalid-timestamp`, naming the zone, never the time.
    public func instant(in zone: TimeZone, gap: Choice? = nil, overlap: Choice? = nil) throws -> Timestamp {
        let local = secondsAsIfUTC
        // The offsets in force a day either side cover every change (no zone changes twice a day).
        let offsets = Set([local - 86_400, local + 86_400].map { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0)))) })
        let valid = offsets.map { local - $0 }
            .filter { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0)))) == local - $0 }
            .sorted()
        switch valid.count {
        case 1:
            return Timestamp(seconds: valid[0], nanoseconds: nanoseconds)
        case 0:
            guard let gap else {
                throw ModelError(.invalidTimestamp, "the local time does not exist in \(zone.identifier) (clocks went forward "
                                 + "over it); the mapping may choose on-gap: earlier or later")
            }
            let candidates = offsets.map { local - $0 }.sorted()
            return Timestamp(seconds: gap == .earlier ? candidates.first! : candidates.last!, nanoseconds: nanoseconds)
        default:
            guard let overlap else {
                throw ModelError(.invalidTimestamp, "the local time occurs twice in \(zone.identifier) (clocks went back over "
                                 + "it); the mapping may choose on-overlap: earlier or later")
            }
            return Timestamp(seconds: overlap == .earlier ? valid.first! : valid.last!, nanoseconds: nanoseconds)
        }
    }
}
