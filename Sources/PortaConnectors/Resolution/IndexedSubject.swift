import Logging
import PortaModel

/// One row of a database source's subject table: the subject's key there and the strong
/// identifiers on the row, normalised. Bulk export walks these to answer everyone.
public struct IndexedSubject: Sendable, Hashable {
    /// The key in the subject table.
    public let key: String
    /// The unique identifiers on the row, in the lookup's column order; values that do not
    /// normalise are left out (and logged by row key).
    public let identifiers: [SubjectIdentifier]

    public init(key: String, identifiers: [SubjectIdentifier]) {
        self.key = key
        self.identifiers = identifiers
    }

    /// The identifier the subject is named by in bulk export: the most stable one the row has,
    /// a customer number before a personnummer before an e-mail address before a phone number.
    public var primary: SubjectIdentifier? {
        let precedence: [SubjectIdentifier.Scheme] = [.customerNumber, .personnummer, .email, .phone]
        return identifiers.min { precedence.firstIndex(of: $0.scheme)! < precedence.firstIndex(of: $1.scheme)! }
    }

    /// Reads a row selected as the key, then the lookup's identifier columns in order.
    static func read(_ values: [SourceValue], source: SourceConfig, referenceDate: CalendarDate, logger: Logger) throws -> IndexedSubject {
        let lookup = source.subjects
        let key = try values[0].keyText(source: source.id, table: lookup.table)
        var identifiers: [SubjectIdentifier] = []
        for (offset, (scheme, column)) in lookup.identifierColumns.enumerated() {
            guard let raw = values[offset + 1].identifierText else { continue }
            do {
                identifiers.append(try SubjectIdentifier(scheme: scheme, normalizing: raw, referenceDate: referenceDate))
            } catch {
                // The reason names the rule broken (a wrong check digit, say), never the value.
                let reason = (error as? ModelError)?.message ?? "not a valid \(scheme.rawValue)"
                logger.warning("identifier column cannot be read; not used for matching",
                               metadata: ["source": "\(source.id)", "table": "\(lookup.table)", "row": "\(key)", "column": "\(column)",
                                          "reason": "\(reason)"])
            }
        }
        return IndexedSubject(key: key, identifiers: identifiers)
    }
}
