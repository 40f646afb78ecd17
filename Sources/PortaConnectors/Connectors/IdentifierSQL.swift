import PortaModel

/// How a database finds identifiers however the source spelled them: the column's value with
/// separators removed in SQL, compared with every spelling Porta's normal form may have been
/// stored as; each hit is then checked again in Swift with Porta's own normalisation.
enum IdentifierSQL {
    /// The SQL expression that spells a column's identifier the way ``spellings(_:)`` does.
    static func normalizedExpression(_ scheme: SubjectIdentifier.Scheme, column: String, dialect: RowQuery.Dialect) -> String {
        let value = "trim(\(dialect.text(RowQuery.quoted(column))))"
        switch scheme {
        case .email: return "lower(\(value))"
        case .customerNumber: return value
        case .personnummer: return "replace(replace(\(value), '-', ''), '+', '')"
        case .phone:
            return ["(0)", " ", "-", "(", ")", ".", "/"].reduce(value) { "replace(\($0), '\($1)', '')" }
        }
    }

    /// The spellings of an identifier a source may have stored, separators removed.
    static func spellings(_ identifier: SubjectIdentifier) -> [String] {
        let value = identifier.value
        switch identifier.scheme {
        case .email: return [identifier.matchKey]
        case .customerNumber: return [value]
        case .personnummer: return [value, String(value.dropFirst(2))]
        case .phone:
            let digits = String(value.dropFirst())
            var spellings = [value, "00" + digits]
            if digits.hasPrefix("46") { spellings.append("0" + digits.dropFirst(2)) }
            return spellings
        }
    }

    /// The query that finds the subject's rows in the subject table: key first, then each
    /// identifier column; and its arguments.
    /// Every row of the subject table: the key, then the unique identifier columns, as text,
    /// in key order.
    static func indexQuery(_ lookup: SubjectLookup, dialect: RowQuery.Dialect) -> String {
        let selected = ([lookup.key] + lookup.identifierColumns.map(\.column)).map { dialect.text(RowQuery.quoted($0)) }.joined(separator: ", ")
        return "SELECT \(selected) FROM \(RowQuery.quoted(lookup.table)) ORDER BY \(RowQuery.quoted(lookup.key))"
    }

    static func subjectQuery(_ lookup: SubjectLookup, identifiers: [SubjectIdentifier],
                             dialect: RowQuery.Dialect) -> (sql: String, arguments: [String])? {
        var conditions: [String] = []
        var arguments: [String] = []
        for (scheme, column) in lookup.identifierColumns {
            let wanted = identifiers.filter { $0.scheme == scheme }
            guard !wanted.isEmpty else { continue }
            let candidates = wanted.flatMap(spellings)
            conditions.append("\(normalizedExpression(scheme, column: column, dialect: dialect)) IN (\(dialect.placeholders(candidates.count, from: arguments.count + 1)))")
            arguments.append(contentsOf: candidates)
        }
        guard !conditions.isEmpty else { return nil }
        let all = indexQuery(lookup, dialect: dialect)
        let orderBy = all.range(of: " ORDER BY ")!.lowerBound
        return (String(all[..<orderBy]) + " WHERE \(conditions.joined(separator: " OR "))" + String(all[orderBy...]), arguments)
    }
}
