import Logging
import PortaModel

/// Collects the rows of a database's subject table that a query found: the key and the
/// identifier columns, each row checked again with Porta's normalisation before it counts.
struct SubjectRowMatcher {
    let source: SourceConfig
    let referenceDate: CalendarDate
    let logger: Logger
    private let wanted: Set<String>
    private var keys: [String] = []
    private var found: Set<SubjectIdentifier> = []
    private var byKey: [String: Set<SubjectIdentifier>] = [:]

    init(source: SourceConfig, identifiers: [SubjectIdentifier], referenceDate: CalendarDate, logger: Logger) {
        self.source = source
        self.referenceDate = referenceDate
        self.logger = logger
        self.wanted = Set(identifiers.map(\.matchKey))
    }

    /// Takes one row: the key, then the lookup's identifier columns in order.
    mutating func add(_ values: [SourceValue]) throws {
        let row = try IndexedSubject.read(values, source: source, referenceDate: referenceDate, logger: logger)
        guard row.identifiers.contains(where: { wanted.contains($0.matchKey) }) else { return }
        keys.append(row.key)
        found.formUnion(row.identifiers)
        byKey[row.key, default: []].formUnion(row.identifiers)
    }

    var match: SubjectMatch { SubjectMatch(source: source.id, keys: keys, identifiers: found, identifiersByKey: byKey) }
}
