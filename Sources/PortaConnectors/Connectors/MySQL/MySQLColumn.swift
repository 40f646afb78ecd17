import CMariaDB
import PortaModel

/// A column of a MySQL or MariaDB result, and how its bytes (as the client library gives them,
/// in text form) become a source value: exactly, or as a named problem.
///
/// - `TINYINT(1)` and `BIT(1)` are booleans; other integers are integers, wider `BIT`s bytes.
/// - `DECIMAL` stays its exact text; `FLOAT` and `DOUBLE` are floating point (never money).
/// - `DATETIME` carries no zone: it is a local time, which the mapping's `time-zone` places.
///   `TIMESTAMP` is read in UTC (the session's zone) and carries `Z`.
/// - A zero date (`0000-00-00`, or a zero month or day) is no date: a named problem.
/// - A column of the `binary` character set (`BLOB`, `VARBINARY`) is bytes; other text must be
///   UTF-8 (the session's character set, to which the server converts latin1 and the others).
struct MySQLColumn {
    /// How a column's value is read.
    enum Kind: Equatable {
        case integer, boolean, bitFlag, decimal, real, date, localTime, utcTime, binary, text
    }

    /// Why a cell cannot be read; the reason names no value.
    struct Problem: Error {
        let reason: String
    }

    let name: String
    let kind: Kind

    var isBinary: Bool { kind == .binary }

    /// The `binary` character set's number.
    private static let binaryCharset: UInt32 = 63

    init(_ field: MYSQL_FIELD) {
        name = String(cString: field.name)
        let binary = field.charsetnr == Self.binaryCharset
        switch field.type {
        case MYSQL_TYPE_TINY where field.length == 1: kind = .boolean
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_INT24, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_YEAR: kind = .integer
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL: kind = .decimal
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE: kind = .real
        case MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE: kind = .date
        case MYSQL_TYPE_DATETIME, MYSQL_TYPE_DATETIME2: kind = .localTime
        case MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_TIMESTAMP2: kind = .utcTime
        case MYSQL_TYPE_BIT where field.length == 1: kind = .bitFlag
        case MYSQL_TYPE_BIT: kind = .binary
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
             MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR:
            kind = binary ? .binary : .text
        default: kind = .text
        }
    }

    /// The value of one cell (`nil` is SQL NULL).
    /// - Throws: ``Problem`` for a zero date or text that is not UTF-8.
    func value(_ cell: [UInt8]?) throws(Problem) -> SourceValue {
        guard var cell else { return .null }
        if kind == .binary { return .blob(cell) }
        if kind == .bitFlag { return .boolean(cell.contains { $0 != 0 }) }
        if kind == .date || kind == .localTime || kind == .utcTime {
            try Self.checkNotZero(cell)
            // `2024-05-01 12:00:00` as RFC 3339 spells it, `T` between day and time.
            if cell.count > 10, cell[10] == UInt8(ascii: " ") { cell[10] = UInt8(ascii: "T") }
            if kind == .utcTime { cell.append(UInt8(ascii: "Z")) }
        }
        guard let text = String(validating: cell, as: UTF8.self) else {
            throw Problem(reason: "is not UTF-8 text")
        }
        switch kind {
        case .integer: return Int64(text).map(SourceValue.integer) ?? .text(text)
        case .boolean: return Int64(text).map { .boolean($0 != 0) } ?? .text(text)
        case .real: return Double(text).map(SourceValue.real) ?? .text(text)
        case .date, .localTime, .utcTime, .decimal, .text, .binary, .bitFlag: return .text(text)
        }
    }

    /// MySQL's zero date, and dates with a zero month or day, which MySQL stores unless the
    /// server's mode forbids them: none is a day.
    private static func checkNotZero(_ cell: [UInt8]) throws(Problem) {
        let zero = UInt8(ascii: "0")
        // YYYY-MM-DD: the year at 0..<4, the month at 5..<7, the day at 8..<10.
        guard cell.count >= 10 else { return }
        if cell[0..<4].allSatisfy({ $0 == zero }) || cell[5..<7].allSatisfy({ $0 == zero }) || cell[8..<10].allSatisfy({ $0 == zero }) {
            throw Problem(reason: "holds a zero date (0000-00-00, or a zero month or day), which is no day")
        }
    }
}
