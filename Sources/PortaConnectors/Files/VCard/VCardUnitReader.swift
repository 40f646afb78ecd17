import PortaBytes
import PortaModel

/// Reads a vCard file: one unit per card, with the row sets
///
/// - `cards`: `key` (the UID, else `card-<n>`), `uid`, `fn`, `n.family`, `n.given`,
///   `n.additional`, `n.prefix`, `n.suffix`, `bday` (as `YYYY-MM-DD` when complete), `lang`,
///   `org`, `note`;
/// - `emails`: `key`, `card`, `email`, `type`;
/// - `phones`: `key`, `card`, `tel` (a `tel:` URI's number), `type`;
/// - `addresses`: `key`, `card`, `adr.po-box`, `adr.extended`, `adr.street`, `adr.locality`,
///   `adr.region`, `adr.postal-code`, `adr.country`, `type`.
///
/// A card is the subject's when one of its e-mail addresses or phone numbers is (the source's
/// `identifiers` may name `email` and `tel` columns, and mark `tel` not unique).
struct VCardUnitReader: UnitReader {
    let source: SourceConfig
    let referenceDate: CalendarDate

    /// The identifier columns: the config's, else e-mail and phone, both unique.
    var lookup: [SubjectLookup.IdentifierColumn] {
        source.subjects.identifiers.isEmpty
            ? [.init(scheme: .email, column: "email", isUnique: true), .init(scheme: .phone, column: "tel", isUnique: true)]
            : source.subjects.identifiers
    }

    func readUnits(for subject: [SubjectIdentifier], _ body: (SourceUnit) throws -> Void) async throws {
        var parser = VCardParser(input: try FileSource.open(source, format: .vcard))
        var ordinal = 0
        do {
            while let card = try parser.nextCard() {
                ordinal += 1
                try body(unit(card, ordinal: ordinal))
            }
        } catch let error as FormatError {
            throw FileSource.unreadable(source, error)
        }
    }

    /// The columns each row set has.
    static let columns: [String: Set<String>] = [
        "cards": ["key", "uid", "fn", "n.family", "n.given", "n.additional", "n.prefix", "n.suffix", "bday", "lang", "org", "note"],
        "emails": ["key", "card", "email", "type"],
        "phones": ["key", "card", "tel", "type"],
        "addresses": ["key", "card", "adr.po-box", "adr.extended", "adr.street", "adr.locality", "adr.region", "adr.postal-code",
                      "adr.country", "type"],
    ]

    func check() async throws -> String { try await checkFixedColumns(Self.columns, unit: "card") }

    func unit(_ card: VCard, ordinal: Int) -> SourceUnit {
        var key = "card-\(ordinal)"
        if let uid = card.first("UID")?.text, (1...128).contains(uid.count), !uid.contains(where: \.isNewline) { key = uid }
        var cardRow: SourceUnit.Row = ["key": .text(key)]
        func set(_ column: String, _ text: String?) {
            if let text, !text.isEmpty { cardRow[column] = .text(text) }
        }
        set("uid", card.first("UID")?.text)
        set("fn", card.first("FN")?.text)
        if let name = card.first("N")?.components {
            for (index, column) in ["n.family", "n.given", "n.additional", "n.prefix", "n.suffix"].enumerated() where index < name.count {
                set(column, name[index])
            }
        }
        set("bday", card.first("BDAY").map { Self.date($0.text) })
        set("lang", card.first("LANG")?.text)
        set("org", card.first("ORG")?.components.first)
        set("note", card.first("NOTE")?.text)
        var emails: [SourceUnit.Row] = [], phones: [SourceUnit.Row] = [], addresses: [SourceUnit.Row] = []
        for (index, email) in card.all("EMAIL").enumerated() {
            emails.append(["key": .text("\(key)/email/\(index + 1)"), "card": .text(key), "email": .text(email.text.trimmingCharacters()),
                           "type": Self.type(email)])
        }
        for (index, phone) in card.all("TEL").enumerated() {
            var number = phone.text.trimmingCharacters()
            if number.lowercased().hasPrefix("tel:") { number = String(number.dropFirst(4).prefix { $0 != ";" }) }
            phones.append(["key": .text("\(key)/tel/\(index + 1)"), "card": .text(key), "tel": .text(number), "type": Self.type(phone)])
        }
        for (index, address) in card.all("ADR").enumerated() {
            var row: SourceUnit.Row = ["key": .text("\(key)/adr/\(index + 1)"), "card": .text(key), "type": Self.type(address)]
            let columns = ["adr.po-box", "adr.extended", "adr.street", "adr.locality", "adr.region", "adr.postal-code", "adr.country"]
            for (position, part) in address.components.enumerated() where position < columns.count && !part.isEmpty {
                row[columns[position]] = .text(part)
            }
            addresses.append(row)
        }
        var identifiers: Set<SubjectIdentifier> = []
        for column in lookup where column.isUnique {
            let rows = column.column == "tel" ? phones : emails
            for row in rows {
                guard let raw = row[column.column]?.identifierText,
                      let identifier = try? SubjectIdentifier(scheme: column.scheme, normalizing: raw, referenceDate: referenceDate) else { continue }
                identifiers.insert(identifier)
            }
        }
        return SourceUnit(identifiers: identifiers,
                          rows: ["cards": [cardRow], "emails": emails, "phones": phones, "addresses": addresses],
                          line: card.line)
    }

    /// The first TYPE that is a use Porta knows, else the first, else none.
    private static func type(_ property: VCardProperty) -> SourceValue {
        let types = property.types.filter { $0 != "pref" && $0 != "internet" && $0 != "voice" }
        guard let first = types.first else { return .null }
        return .text(first == "cell" ? "mobile" : first)
    }

    /// `19850312` or `1985-03-12` (with a time or not) as `1985-03-12`; other forms as given.
    static func date(_ text: String) -> String {
        let digits = text.prefix { $0 != "T" }.filter(\.isNumber)
        let basic = text.prefix { $0 != "T" }
        if digits.count == 8, basic.count == 8 || basic.count == 10 {
            let characters = Array(digits)
            return String(characters[0..<4]) + "-" + String(characters[4..<6]) + "-" + String(characters[6..<8])
        }
        return text
    }
}
