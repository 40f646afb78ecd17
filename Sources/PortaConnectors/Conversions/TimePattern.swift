import PortaModel

/// A fixed-width pattern a source writes its dates or times in (`dd.MM.yyyy`,
/// `yyyy-MM-dd HH:mm`): `yyyy` the year, `MM` the month, `dd` the day, `HH` the hour (00–23),
/// `mm` the minute, `ss` the second, `SSS` milliseconds; any other character must appear as it
/// is. Strict: every digit where the pattern has one, nothing before or after.
public struct TimePattern: Sendable, Hashable {
    private enum Piece: Hashable {
        case year, month, day, hour, minute, second, millisecond
        case literal(UInt8)

        var width: Int {
            switch self {
            case .year: 4
            case .millisecond: 3
            case .literal: 1
            default: 2
            }
        }
    }

    /// The pattern as the config gives it.
    public let text: String
    private let pieces: [Piece]

    /// - Throws: a message saying what is wrong with the pattern.
    public init(_ text: String) throws(PatternError) {
        let bytes = Array(text.utf8)
        var pieces: [Piece] = []
        var index = 0
        let tokens: [(String, Piece)] = [("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute),
                                         ("ss", .second), ("SSS", .millisecond)]
        scan: while index < bytes.count {
            for (token, piece) in tokens where bytes[index...].starts(with: token.utf8) {
                guard !pieces.contains(piece) else { throw PatternError("names \(token) twice") }
                pieces.append(piece)
                index += token.utf8.count
                continue scan
            }
            guard bytes[index] < 0x80, !(bytes[index] >= 0x41 && bytes[index] <= 0x5A) && !(bytes[index] >= 0x61 && bytes[index] <= 0x7A) else {
                throw PatternError("has a letter that is not yyyy, MM, dd, HH, mm, ss or SSS")
            }
            pieces.append(.literal(bytes[index]))
            index += 1
        }
        guard pieces.contains(.year), pieces.contains(.month), pieces.contains(.day) else {
            throw PatternError("must hold yyyy, MM and dd")
        }
        if pieces.contains(.minute) && !pieces.contains(.hour) { throw PatternError("has mm without HH") }
        if pieces.contains(.second) && !pieces.contains(.minute) { throw PatternError("has ss without mm") }
        if pieces.contains(.millisecond) && !pieces.contains(.second) { throw PatternError("has SSS without ss") }
        self.text = text
        self.pieces = pieces
    }

    /// Whether the pattern holds a time of day, not only a date.
    public var hasTime: Bool { pieces.contains(.hour) }

    /// The date and time `value` holds, by the pattern.
    /// - Throws: ``ModelError`` `invalid-timestamp`, naming the pattern, never the value.
    public func read(_ value: String) throws -> LocalDateTime {
        let bytes = Array(value.utf8)
        func fail() -> ModelError { ModelError(.invalidTimestamp, "value does not match the pattern \(text)") }
        guard bytes.count == pieces.reduce(0, { $0 + $1.width }) else { throw fail() }
        var parts: [Piece: Int] = [:]
        var index = 0
        for piece in pieces {
            if case .literal(let byte) = piece {
                guard bytes[index] == byte else { throw fail() }
            } else {
                var number = 0
                for byte in bytes[index..<index + piece.width] {
                    guard (48...57).contains(byte) else { throw fail() }
                    number = number * 10 + Int(byte - 48)
                }
                parts[piece] = number
            }
            index += piece.width
        }
        let hour = parts[.hour] ?? 0, minute = parts[.minute] ?? 0, second = parts[.second] ?? 0
        guard let date = CalendarDate(validYear: parts[.year]!, month: parts[.month]!, day: parts[.day]!),
              hour < 24, minute < 60, second < 60 else { throw fail() }
        return LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60 + second,
                             nanoseconds: Int32(parts[.millisecond] ?? 0) * 1_000_000)
    }

    /// Why a pattern cannot be used.
    public struct PatternError: Error, Sendable {
        public let message: String
        init(_ message: String) { self.message = "the pattern " + message }
    }
}
