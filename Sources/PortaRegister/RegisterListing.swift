import PortaBytes

/// The register's entries for people and machines: `porta register list` prints these.
public enum RegisterListing {
    /// The columns of the CSV form, in order.
    public static let columns = ["entry", "action", "request_id", "purpose", "article", "at", "received_on", "bundle_id",
                                 "bundle_digest", "records", "excluded", "outcome", "error", "tool_version"]

    /// One line per entry.
    public static func text(_ entries: [StoredRegisterEntry]) -> String {
        entries.map { stored in
            let entry = stored.entry
            var line = "\(stored.number) \(entry.at) \(entry.action.rawValue) \(entry.requestID)"
            if let purpose = entry.purpose { line += " \(purpose.rawValue)" }
            if let received = entry.receivedOn { line += " received \(received)" }
            line += " \(entry.outcome.rawValue): \(entry.records) records, \(entry.excluded) left out"
            if let digest = entry.bundleDigest { line += " sha256:\(digest)" }
            if let error = entry.error { line += " (\(error))" }
            return line
        }.joined(separator: "\n")
    }

    /// A JSON array, each entry an object with its counts per kind and exclusions.
    public static func json(_ entries: [StoredRegisterEntry]) -> [UInt8] {
        JSONValue.array(entries.map { stored in
            let entry = stored.entry
            func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] { value.map { [(key, .string($0))] } ?? [] }
            return .object([("entry", .integer(stored.number)), ("action", .string(entry.action.rawValue)),
                             ("requestId", .string(entry.requestID))]
                            + optional("purpose", entry.purpose?.rawValue) + optional("article", entry.purpose?.article)
                            + [("at", .string(entry.at.description))] + optional("receivedOn", entry.receivedOn?.description)
                            + optional("bundleId", entry.bundleID) + optional("bundleDigest", entry.bundleDigest)
                            + [("records", .integer(Int64(entry.records))), ("recordsByKind", RegisterJSON.json(entry.recordsByKind)),
                               ("excluded", .integer(Int64(entry.excluded))), ("exclusions", RegisterJSON.json(entry.exclusions)),
                               ("outcome", .string(entry.outcome.rawValue))]
                            + optional("error", entry.error) + [("toolVersion", .string(entry.toolVersion))])
        }).serialized()
    }

    /// RFC 4180 CSV with a header row; counts per kind are left to the JSON form.
    public static func csv(_ entries: [StoredRegisterEntry]) -> [UInt8] {
        var buffer: [UInt8] = []
        CSVText.appendRow(columns, to: &buffer)
        for stored in entries {
            let entry = stored.entry
            CSVText.appendRow([String(stored.number), entry.action.rawValue, entry.requestID, entry.purpose?.rawValue,
                               entry.purpose?.article, entry.at.description, entry.receivedOn?.description, entry.bundleID,
                               entry.bundleDigest, String(entry.records), String(entry.excluded), entry.outcome.rawValue,
                               entry.error, entry.toolVersion], to: &buffer)
        }
        return buffer
    }
}
