import PortaModel

/// One unit of a file or API source that belongs to one person or to none: a CSV line, a JSON
/// object, a vCard, a mail message. Its rows (by row set) become records when the unit is the
/// subject's.
public struct SourceUnit: Sendable {
    /// One row: named values.
    public typealias Row = [String: SourceValue]

    /// The strong identifiers on the unit, normalised (only those of unique columns): the unit
    /// is the subject's when one of them is.
    public var identifiers: Set<SubjectIdentifier>
    /// Whether the identifiers all belong to one person, so that they widen the search (a CSV
    /// row, a vCard: yes; a mail message, whose recipients are many people: no).
    public var widens = true
    /// The unit's rows by row set (`rows`, `messages`, `emails`, …).
    public var rows: [String: [Row]]
    /// The line the unit starts on, for errors.
    public var line: Int?
    /// Why the unit could not be read, when it could not (a malformed line): it is reported
    /// and the export fails or skips it by the source's `on-error`.
    public var malformed: String?

    public init(identifiers: Set<SubjectIdentifier>, rows: [String: [Row]], line: Int?) {
        self.identifiers = identifiers
        self.rows = rows
        self.line = line
    }

    /// A unit that could not be read.
    public static func malformed(line: Int?, _ message: String) -> SourceUnit {
        var unit = SourceUnit(identifiers: [], rows: [:], line: line)
        unit.malformed = message
        return unit
    }
}

/// Reads the units of a file or API source, one at a time.
public protocol UnitReader: Sendable {
    /// The source read.
    var source: SourceConfig { get }

    /// Streams the source's units in order.
    /// - Parameter subject: the identifiers known for the subject: an API asks for these; a
    ///   reader that marks a message inbound or outbound compares its sender with them.
    /// - Throws: ``ConnectorError`` for a source that cannot be read or a unit that cannot be
    ///   parsed (naming the file and line).
    func readUnits(for subject: [SubjectIdentifier], _ body: (SourceUnit) throws -> Void) async throws

    /// Checks the source and the mapping without reading anyone's records on purpose: by
    /// default every mapped field must appear in the first records.
    func check() async throws -> String
}

extension UnitReader {
    public func check() async throws -> String { try await checkBySampling(source) }
}

/// The identifiers of a row by the lookup's unique identifier columns; values that do not
/// normalise are left out (they cannot join anything).
func rowIdentifiers(_ row: SourceUnit.Row, lookup: SubjectLookup, referenceDate: CalendarDate) -> Set<SubjectIdentifier> {
    var found: Set<SubjectIdentifier> = []
    for (scheme, column) in lookup.identifierColumns {
        guard let raw = row[column]?.identifierText else { continue }
        if let identifier = try? SubjectIdentifier(scheme: scheme, normalizing: raw, referenceDate: referenceDate) {
            found.insert(identifier)
        }
    }
    return found
}
