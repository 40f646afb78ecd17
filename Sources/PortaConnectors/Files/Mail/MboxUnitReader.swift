import PortaBytes
import PortaModel

/// Reads an mbox of a controller's correspondence: one unit per message, with the row sets
///
/// - `messages`: `key` (`message-<n>`, its place in the file), `message-id`, `date` (RFC 3339),
///   `from`, `to`, `cc`, `subject` (encoded words decoded), `body` (the first text/plain part,
///   else the first text part, transfer encoding and charset undone), `direction` (`inbound`
///   when the sender is the subject, else `outbound`);
/// - `attachments`: for inbound messages only (files the person sent): `key`
///   (`message-<n>/<m>`), `message`, `file-name`, `media-type`, `bytes`, `content` (the bytes).
///
/// A message is the subject's when one of their e-mail addresses is in From, To or Cc. The
/// other addresses on a message are other people's: they never widen the search.
struct MboxUnitReader: UnitReader {
    let source: SourceConfig
    let referenceDate: CalendarDate

    func readUnits(for subject: [SubjectIdentifier], _ body: (SourceUnit) throws -> Void) async throws {
        var splitter = MboxSplitter(input: try FileSource.open(source, format: .mbox))
        let subjectAddresses = Set(subject.filter { $0.scheme == .email }.map(\.matchKey))
        var ordinal = 0
        do {
            while let (bytes, line) = try splitter.nextMessage() {
                ordinal += 1
                try body(unit(MIMEEntity(bytes: bytes), ordinal: ordinal, line: line, subjectAddresses: subjectAddresses))
            }
        } catch let error as FormatError {
            throw FileSource.unreadable(source, error)
        }
    }

    /// The columns each row set has.
    static let columns: [String: Set<String>] = [
        "messages": ["key", "message-id", "date", "from", "to", "cc", "subject", "body", "direction"],
        "attachments": ["key", "message", "file-name", "media-type", "bytes", "content"],
    ]

    func check() async throws -> String { try await checkFixedColumns(Self.columns, unit: "message") }

    func unit(_ message: MIMEEntity, ordinal: Int, line: Int, subjectAddresses: Set<String>) -> SourceUnit {
        let key = "message-\(ordinal)"
        let from = message.header("from").map(EncodedWords.decode)
        let to = message.headers("to").map(EncodedWords.decode).joined(separator: ", ")
        let cc = message.headers("cc").map(EncodedWords.decode).joined(separator: ", ")
        var identifiers: Set<SubjectIdentifier> = []
        var senders: Set<String> = []
        for (header, isSender) in [(from ?? "", true), (to, false), (cc, false)] {
            for address in MailAddresses.extract(header) {
                guard let identifier = try? SubjectIdentifier(scheme: .email, normalizing: address, referenceDate: referenceDate) else { continue }
                identifiers.insert(identifier)
                if isSender { senders.insert(identifier.matchKey) }
            }
        }
        let inbound = !senders.isDisjoint(with: subjectAddresses)
        var row: SourceUnit.Row = ["key": .text(key), "direction": .text(inbound ? "inbound" : "outbound")]
        func set(_ column: String, _ text: String?) {
            if let text, !text.isEmpty { row[column] = .text(text) }
        }
        set("message-id", message.header("message-id")?.trimmingCharacters(in: "<> "))
        set("date", message.header("date").flatMap(MailDate.rfc3339))
        set("from", from)
        set("to", to)
        set("cc", cc)
        set("subject", message.header("subject").map(EncodedWords.decode))
        let leaves = message.leaves
        let textPart = leaves.first { $0.mediaType == "text/plain" && $0.attachmentFileName == nil }
            ?? leaves.first { $0.mediaType.hasPrefix("text/") && $0.attachmentFileName == nil }
        set("body", textPart?.text)
        var attachments: [SourceUnit.Row] = []
        if inbound {
            for part in leaves {
                guard let name = part.attachmentFileName else { continue }
                let content = part.decodedBody
                attachments.append(["key": .text("\(key)/\(attachments.count + 1)"), "message": .text(key),
                                    "file-name": .text(name), "media-type": .text(part.mediaType),
                                    "bytes": .integer(Int64(content.count)), "content": .blob(content)])
            }
        }
        var unit = SourceUnit(identifiers: identifiers, rows: ["messages": [row], "attachments": attachments], line: line)
        unit.widens = false
        return unit
    }
}
