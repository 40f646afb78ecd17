import Foundation
import PortaBundle
import PortaConnectors
import PortaModel

/// A request to answer: who the subject is, why they asked, and the inputs that make the
/// bundle reproducible (request id, creation time).
public struct ExportRequest: Sendable {
    /// The identifiers the request names the subject by.
    public var subject: [SubjectIdentifier]
    /// Portability (Art. 20) or access (Art. 15).
    public var purpose: Purpose
    /// The request's id: letters, digits, `.`, `_` and `-`, at most 64; it names the bundle's folder.
    public var requestID: String
    /// The bundle's creation time; with the same sources and request id, the same bundle.
    public var createdAt: Timestamp
    /// The bundle's language, BCP 47; nil takes the controller's default.
    public var language: String?
    /// Whether a bundle is written even when no source knows the subject, to tell them so
    /// (`contents: none-found`); otherwise that is the error `no-records`.
    public var writesEmptyBundle = false
    /// When the controller received the request, for the register's one-month clock.
    public var receivedOn: CalendarDate?
    /// Whether the bundle is delivered as one deterministic zip (`porta-<request id>.zip`)
    /// instead of a folder.
    public var writesZip = false
    /// Subject rows a person decided are not this subject's (after an identity conflict):
    /// their records are not pulled and their identifiers join nothing. Recorded in the
    /// manifest and the register.
    public var excludedSourceKeys: Set<SourceKey> = []
    /// Whether a person accepted the join although the joined records disagree on who the
    /// subject is; without it such a conflict stops the export. Recorded in the manifest and
    /// the register.
    public var acceptsIdentityConflicts = false

    /// - Throws: ``ExportError`` `invalid-request` for a request id that cannot name a folder
    ///   or an empty subject.
    public init(subject: [SubjectIdentifier], purpose: Purpose, requestID: String? = nil,
                createdAt: Timestamp = Timestamp(Date()), language: String? = nil) throws {
        guard !subject.isEmpty else {
            throw ExportError(.invalidRequest, "the request names no identifier of the subject")
        }
        let id = requestID ?? "req-" + UUID().uuidString.lowercased()
        guard PortaManifest.Request.isValidID(id) else {
            throw ExportError(.invalidRequest, "request id must be 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'")
        }
        self.subject = subject
        self.purpose = purpose
        self.requestID = id
        self.createdAt = createdAt
        self.language = language
    }
}
