/// A read-only `SELECT` a mapping gives instead of a table, for data that needs a join or a
/// filter a mapping cannot express. It names the subject's key as `:subject`, which Porta binds
/// (never splices) once per key the subject has in the source's subject table.
///
/// ```yaml
/// - kind: order
///   query: |
///     SELECT o.id, o.kund, o.summa_ore, f.valuta
///     FROM ordrar o JOIN filialer f ON f.id = o.filial
///     WHERE o.kund = :subject AND o.makulerad = 0
///   key: id
/// ```
///
/// The text must be one `SELECT` (or `WITH … SELECT`) statement; it runs in a read-only
/// connection, so one that tries to write fails.
public struct SourceQuery: Sendable, Hashable {
    /// The query as the config gives it.
    public let text: String
    /// The byte ranges of each `:subject` in ``text``.
    private let parameters: [Range<Int>]

    /// - Throws: a message saying what is wrong, for the config error.
    init(_ text: String) throws(QueryError) {
        let bytes = Array(text.utf8)
        var parameters: [Range<Int>] = []
        var index = 0
        var firstWord: String?
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                guard let end = bytes[(index + 1)...].firstIndex(of: byte) else { throw QueryError("has a quote that is not closed") }
                index = end + 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                index = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                guard let end = Self.find([0x2A, 0x2F], in: bytes, from: index + 2) else { throw QueryError("has a comment that is not closed") }
                index = end + 2
            case UInt8(ascii: ";"):
                guard bytes[(index + 1)...].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
                    throw QueryError("must be one statement")
                }
                index = bytes.count
            case UInt8(ascii: ":") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":"):
                index += 2  // a PostgreSQL cast
            case UInt8(ascii: ":"):
                var end = index + 1
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                guard name == "subject" else {
                    throw QueryError(name.isEmpty ? "has a ':' that is not a parameter" : "names the parameter :\(name); the only one is :subject")
                }
                parameters.append(index..<end)
                index = end
            case UInt8(ascii: "?"), UInt8(ascii: "$"):
                throw QueryError("must name its parameter :subject, not ? or $1")
            default:
                if firstWord == nil, isWordByte(byte) {
                    var end = index
                    while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                    firstWord = String(decoding: bytes[index..<end], as: UTF8.self).uppercased()
                    index = end
                } else {
                    index += 1
                }
            }
        }
        guard firstWord == "SELECT" || firstWord == "WITH" else { throw QueryError("must be a SELECT (or WITH … SELECT)") }
        guard !parameters.isEmpty else { throw QueryError("must select the subject's rows by :subject (the subject's key)") }
        self.text = text
        self.parameters = parameters
    }

    /// How many times `:subject` appears: the key is bound that many times.
    public var parameterCount: Int { parameters.count }

    /// The query with each `:subject` replaced by the database's placeholder and any final `;` dropped.
    func sql(_ dialect: RowQuery.Dialect) -> String {
        let bytes = Array(text.utf8)
        var sql: [UInt8] = []
        var at = 0
        for range in parameters {
            sql += bytes[at..<range.lowerBound]
            sql += Array((dialect.bindsEachPlaceholder ? "?" : "$1").utf8)
            at = range.upperBound
        }
        sql += bytes[at...]
        var result = String(decoding: sql, as: UTF8.self)
        while let last = result.last, last.isWhitespace || last == ";" { result.removeLast() }
        return result
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return (start..<bytes.count).first { bytes[$0...].starts(with: needle) }
    }

    /// Why a query cannot be used.
    public struct QueryError: Error, Sendable {
        public let message: String
        init(_ message: String) { self.message = "the query " + message }
    }
}
