import Crypto
import Foundation
import GRDB
import PortaBytes
import PortaModel

/// The controller's register of requests: an append-only SQLite file (schema in
/// `formats/register.md`) recording every export, signature, sealing and import, so the
/// controller can show later what it sent to whom and when, and answer "did we answer this
/// person?", without keeping a second copy of anyone's data.
///
/// People appear only as keyed hashes: HMAC-SHA256 of each identifier's scheme and match key
/// (`email:anna@example.se`) under the controller's secret. Without the secret the hashes
/// cannot be tested against a list of e-mail addresses; with it, one identifier finds every
/// entry of its person.
public final class RequestRegister: Sendable {
    private let database: DatabaseQueue
    /// The secret's bytes (a `SymmetricKey` is made from them for each hash; it is not Sendable).
    private let secret: [UInt8]

    /// Why the register cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The shortest secret accepted, in bytes.
    public static let minimumSecretLength = 16

    /// Opens (creating when new) the register at `path`, keyed by `secret`.
    /// - Throws: ``Problem`` for a short secret; a GRDB error when the file cannot be opened.
    public init(path: String, secret: String) throws {
        guard secret.utf8.count >= Self.minimumSecretLength else {
            throw Problem(description: "the register's secret must be at least \(Self.minimumSecretLength) bytes")
        }
        self.secret = Array(secret.utf8)
        let existed = FileManager.default.fileExists(atPath: path)
        // Several exports may record at once (the shards of a bulk export): each waits its turn.
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        database = try DatabaseQueue(path: path, configuration: configuration)
        if !existed { chmod(path, 0o600) }
        try database.writeWithoutTransaction(RegisterSchema.admitEveryAction)
        try database.write(RegisterSchema.create)
    }

    /// Opens the register at `path` with the secret in the environment variable `secretVariable`.
    /// - Throws: ``Problem`` naming the variable when it is unset or too short.
    public convenience init(path: String, secretVariable: String, environment: [String: String]) throws {
        guard let secret = environment[secretVariable], !secret.isEmpty else {
            throw Problem(description: "the register needs its secret: set \(secretVariable) to the controller's register secret")
        }
        try self.init(path: path, secret: secret)
    }

    /// The keyed hash standing for an identifier in the register: HMAC-SHA256 of the scheme,
    /// `:` and the identifier's match key (an e-mail address in lower case), so it finds the
    /// person however the address was capitalised.
    public func subjectKey(_ identifier: SubjectIdentifier) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Array("\(identifier.scheme.rawValue):\(identifier.matchKey)".utf8),
                                                      using: SymmetricKey(data: secret)))
    }

    /// Appends an entry, with the keyed hashes of the subject's identifiers, in one transaction.
    /// - Returns: the entry's number.
    @discardableResult
    public func append(_ entry: RegisterEntry, subject: [SubjectIdentifier]) throws -> Int64 {
        let keys = Set(subject.map(subjectKey)).sorted()
        return try database.write { db in
            try db.execute(sql: """
                INSERT INTO request (action, request_id, purpose, article, at, received_on, bundle_id, bundle_digest,
                                     records, excluded, counts, exclusions, outcome, error, tool_version, decisions,
                                     receipt_digest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.action.rawValue, entry.requestID, entry.purpose?.rawValue, entry.purpose?.article,
                                 entry.at.description, entry.receivedOn?.description, entry.bundleID, entry.bundleDigest,
                                 entry.records, entry.excluded, RegisterJSON.counts(entry.recordsByKind),
                                 RegisterJSON.counts(entry.exclusions), entry.outcome.rawValue, entry.error, entry.toolVersion,
                                 entry.decisions, entry.receiptDigest])
            let number = db.lastInsertedRowID
            for key in keys {
                try db.execute(sql: "INSERT INTO subject_key (entry, key) VALUES (?, ?)", arguments: [number, key])
            }
            return number
        }
    }

    /// The entries made at or after `since` (all when nil), in the order they were made.
    public func entries(since: Timestamp? = nil) throws -> [StoredRegisterEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE at >= ? ORDER BY entry", arguments: [since?.description ?? ""])
                .map(StoredRegisterEntry.init(row:))
        }
    }

    /// The entries of the person one of whose identifiers is `identifier`.
    public func entries(of identifier: SubjectIdentifier) throws -> [StoredRegisterEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM request WHERE entry IN (SELECT entry FROM subject_key WHERE key = ?) ORDER BY entry
                """, arguments: [subjectKey(identifier)]).map(StoredRegisterEntry.init(row:))
        }
    }

    /// The requests with a received date whose one-month deadline (Art. 12(3)) has passed on
    /// `today` without an export that ended well, and those answered after their deadline.
    public func due(today: CalendarDate) throws -> [DueRequest] {
        let all = try entries()
        var received: [String: CalendarDate] = [:]
        var answered: [String: Timestamp] = [:]
        var order: [String] = []
        for entry in all {
            if let day = entry.entry.receivedOn {
                if received[entry.entry.requestID] == nil { order.append(entry.entry.requestID) }
                received[entry.entry.requestID] = min(day, received[entry.entry.requestID] ?? day)
            }
            if entry.entry.action == .export, entry.entry.outcome != .failed, answered[entry.entry.requestID] == nil {
                answered[entry.entry.requestID] = entry.entry.at
            }
        }
        return order.compactMap { requestID in
            let day = received[requestID]!
            let deadline = day.adding(months: 1)
            if let answer = answered[requestID] {
                return answer.date > deadline ? DueRequest(requestID: requestID, receivedOn: day, deadline: deadline, answeredAt: answer) : nil
            }
            return today > deadline ? DueRequest(requestID: requestID, receivedOn: day, deadline: deadline, answeredAt: nil) : nil
        }
    }
}

/// An entry as read back from the register, with its number.
public struct StoredRegisterEntry: Sendable, Hashable {
    /// Its place in the register, from 1.
    public let number: Int64
    public let entry: RegisterEntry

    init(row: Row) throws {
        number = row["entry"]
        let at: String = row["at"]
        let receivedOn: String? = row["received_on"]
        let purpose: String? = row["purpose"]
        // The table's CHECK constraints admit only these values; anything else is a damaged file.
        guard let action = RegisterEntry.Action(rawValue: row["action"]),
              let outcome = RegisterEntry.Outcome(rawValue: row["outcome"]) else {
            throw RequestRegister.Problem(description: "register entry \(number) has an action or outcome this Porta does not know")
        }
        entry = RegisterEntry(
            action: action, requestID: row["request_id"],
            purpose: purpose.flatMap(Purpose.init(rawValue:)), at: try Timestamp(parsing: at),
            receivedOn: try receivedOn.map(CalendarDate.init(parsing:)), bundleID: row["bundle_id"], bundleDigest: row["bundle_digest"],
            recordsByKind: RegisterJSON.parseCounts(row["counts"]), exclusions: RegisterJSON.parseCounts(row["exclusions"]),
            outcome: outcome, error: row["error"], decisions: row["decisions"],
            receiptDigest: row["receipt_digest"], toolVersion: row["tool_version"])
    }
}

/// A request past its deadline: still open, or answered late.
public struct DueRequest: Sendable, Hashable {
    public let requestID: String
    public let receivedOn: CalendarDate
    /// One month after receipt.
    public let deadline: CalendarDate
    /// When it was answered, if it was (after the deadline).
    public let answeredAt: Timestamp?
}
