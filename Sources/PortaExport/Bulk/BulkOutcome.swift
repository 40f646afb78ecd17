import PortaBytes
import PortaFormats

/// What bulk export did for one subject, as the shard's summary lists it. It names the subject
/// only by a reference that is not personal data: the record id (`per_…`) of its row in the
/// subject index, derived like every record id and revealing nothing of the row.
public struct BulkOutcome: Sendable, Hashable {
    /// What happened.
    public enum Result: String, Sendable {
        /// A bundle was written.
        case written
        /// A complete bundle was already there (a rerun after a crash); it was kept.
        case existing
        /// No source holds records of the subject (the index row was found, but nothing else).
        case noRecords = "no-records"
        /// The records joined into the subject disagree on who the person is; no bundle until a
        /// person decides (`porta export` of that subject with `--exclude-source-key` or
        /// `--accept-identity-conflict`). `error` names the records by id and source key.
        case identityConflict = "identity-conflict"
        /// The export failed; `error` says how, without personal data.
        case failed
    }

    public let subject: String
    public let bundlePath: String
    public let result: Result
    /// The bundle's digest (SHA-256 of its tag manifest), when there is a bundle.
    public let digest: String?
    public let records: Int?
    public let excluded: Int?
    /// Rows that could not be read and are missing from the bundle, when there were any.
    public let unreadable: Int?
    public let error: String?

    /// One line of the summary, JSON Lines.
    public var jsonLine: [UInt8] {
        var members: [(String, JSONValue)] = [("subject", .string(subject)), ("bundle", .string(bundlePath)),
                                              ("outcome", .string(result.rawValue))]
        if let digest { members.append(("digest", .string("sha256:" + digest))) }
        if let records { members.append(("records", .integer(Int64(records)))) }
        if let excluded { members.append(("excluded", .integer(Int64(excluded)))) }
        if let unreadable { members.append(("unreadable", .integer(Int64(unreadable)))) }
        if let error { members.append(("error", .string(error))) }
        return JSONValue.object(members).compactSerialized() + [0x0A]
    }
}
