import PortaModel

/// A source of a controller's data, seen through its mapping onto the canonical model.
///
/// A connector finds a subject's rows by strong identifiers and streams that subject's
/// records; it never holds a whole source in memory, and it only ever reads. Its methods are
/// `async` because network sources (PostgreSQL, HTTP) are; a connector calls `body` on the
/// task that called it, one record at a time.
public protocol Connector: AnyObject {
    /// The source's config.
    var source: SourceConfig { get }

    /// Finds the rows of the subject table whose identifiers match any of `identifiers`.
    ///
    /// Returns the matched subjects' keys and every identifier found on those rows (a second
    /// e-mail address, a personnummer), which may widen the search in other sources.
    /// - Throws: ``ConnectorError``.
    func findSubject(matching identifiers: [SubjectIdentifier]) async throws -> SubjectMatch

    /// Streams every record of the matched subject, mapping by mapping, each in key order, with
    /// an attachment's file content when its mapping names one.
    /// `problem` is told of each row skipped under `on-error: skip`.
    /// - Throws: ``ConnectorError``; under `on-error: fail` the first broken row.
    func streamRecords(of subject: SubjectMatch, problem: (ConnectorError) -> Void,
                       into body: (PulledRecord) throws -> Void) async throws

    /// Calls `body` with every subject in the source's subject table, in key order: the
    /// subject index of bulk export. Database sources only.
    /// - Throws: ``ConnectorError``; `mapping-mismatch` for a source that has no subject table.
    func enumerateSubjects(into body: (IndexedSubject) throws -> Void) async throws

    /// Reaches the source and checks the mapping against it (tables, columns and fields exist;
    /// money is not stored as floating point), without reading anyone's records.
    /// - Returns: what was checked, in a few words, for `porta sources check`.
    /// - Throws: ``ConnectorError`` naming the first problem.
    func check() async throws -> String

    /// Runs every mapping, with its conversions, over the first `rowsPerMapping` rows of its
    /// table or file (anyone's), and tallies what converts: what `porta sources check` reports,
    /// so that a config that passes does not fail the first export on values.
    /// - Returns: one sample per mapping; none for a source that is only asked per subject (an API).
    /// - Throws: ``ConnectorError`` when the source cannot be read.
    func sample(rowsPerMapping: Int) async throws -> [MappingSample]
}

/// What a source knows of a subject: their keys in it and the identifiers on their rows.
public struct SubjectMatch: Sendable, Hashable {
    /// The source's id.
    public let source: String
    /// The subject's keys in the source's subject table, sorted.
    public let keys: [String]
    /// The identifiers found on the matched rows, normalised: they belong to the subject and
    /// may widen the search in other sources.
    public let identifiers: Set<SubjectIdentifier>
    /// The identifiers the source was asked for (file and API sources select their units by
    /// these and ``identifiers`` again when they stream).
    public let askedFor: Set<SubjectIdentifier>
    /// A database source's identifiers row by row, so that a row a person excluded takes its
    /// identifiers with it; empty for file and API sources.
    public let identifiersByKey: [String: Set<SubjectIdentifier>]

    public init(source: String, keys: [String], identifiers: Set<SubjectIdentifier>, askedFor: Set<SubjectIdentifier> = [],
                identifiersByKey: [String: Set<SubjectIdentifier>] = [:]) {
        self.source = source
        self.keys = keys
        self.identifiers = identifiers
        self.askedFor = askedFor
        self.identifiersByKey = identifiersByKey
    }

    /// The match without the subject rows `excluded` names (keys of this source): their
    /// records are not pulled and their identifiers join nothing.
    public func excluding(_ excluded: Set<String>) -> SubjectMatch {
        guard keys.contains(where: excluded.contains) else { return self }
        let kept = keys.filter { !excluded.contains($0) }
        let identifiers = kept.isEmpty ? [] : identifiersByKey.isEmpty ? identifiers
            : kept.reduce(into: Set<SubjectIdentifier>()) { $0.formUnion(identifiersByKey[$1] ?? []) }
        return SubjectMatch(source: source, keys: kept, identifiers: identifiers, askedFor: askedFor,
                            identifiersByKey: identifiersByKey.filter { !excluded.contains($0.key) })
    }

    /// Whether the source knows the subject at all.
    public var isEmpty: Bool { keys.isEmpty }
}

extension Connector {
    /// File and API sources have no table of subjects to walk.
    public func enumerateSubjects(into body: (IndexedSubject) throws -> Void) async throws {
        throw ConnectorError(.mappingMismatch, source: source.id,
                             message: "a \(source.connector) source has no subject table to walk; the subject index must be a sqlite or postgresql source")
    }
}
