import Foundation
import PortaBundle
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
