import Foundation
import PortaModel

/// Two records that strong identifiers joined into one subject, but that disagree on who the
/// person is. Named by record ids and field names, never values.
public struct IdentityConflict: Sendable, Hashable, CustomStringConvertible {
    /// The two records, in the order they were read.
    public let records: [RecordID]
    /// Where each record came from, its source and row key: what a person names with
    /// `--exclude-source-key` when one of the rows is another person's.
    public let sourceKeys: [SourceKey]
    /// The fields they disagree on (`givenName`, `familyName`, `birthDate`; `value` for a
    /// personnummer whose birth date contradicts a person's).
    public let fields: [String]

    public var description: String {
        "records \(records.map(\.rawValue).joined(separator: " and ")) (\(sourceKeys.map(\.description).joined(separator: ", "))) "
            + "disagree on \(fields.joined(separator: ", "))"
    }
}

/// Gathers what each record of a resolved subject says of who the person is, and finds the
/// records that disagree. Joining by a strong identifier is trusted only while the joined
/// records agree: different given and family names (after Unicode and case folding),
/// different birth dates, or a personnummer whose birth date contradicts a person's birth date
/// mean two people, and sending one person's data to another is a breach.
///
/// Only `person` records and personnummer `identifier` records are kept, a few values each, so
/// memory stays small however many records the subject has.
public struct IdentityConflicts: Sendable {
    private struct Claim: Sendable {
        let record: RecordID
        let sourceKey: SourceKey
        let givenName: String?
        let familyName: String?
        let birthDate: CalendarDate?
        /// True for a personnummer's birth date (not a person's own field).
        let fromPersonnummer: Bool
    }

    private var claims: [Claim] = []

    public init() {}

    /// Takes what `record` says of the person, if anything.
    public mutating func add(_ record: CanonicalRecord) {
        if record.kind == .person {
            let full = Self.text(record["fullName"]).map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? []
            let given = Self.text(record["givenName"]) ?? full.first
            let family = Self.text(record["familyName"]) ?? (full.count > 1 ? full.last : nil)
            var birthDate: CalendarDate?
            if case .date(let date)? = record["birthDate"] { birthDate = date }
            guard given != nil || family != nil || birthDate != nil else { return }
            claims.append(Claim(record: record.id, sourceKey: Self.sourceKey(record), givenName: given.map(Self.folded),
                                familyName: family.map(Self.folded),
                                birthDate: birthDate, fromPersonnummer: false))
        } else if record.kind == .identifier, case .text(let scheme)? = record["scheme"],
                  scheme == "personnummer" || scheme == "samordningsnummer",
                  let value = Self.text(record["value"]), let number = try? Personnummer(normalForm: value) {
            claims.append(Claim(record: record.id, sourceKey: Self.sourceKey(record), givenName: nil, familyName: nil,
                                birthDate: number.birthDate,
                                fromPersonnummer: true))
        }
    }

    /// Every pair of records that disagree, each pair once, in the order the records came.
    public var conflicts: [IdentityConflict] {
        var found: [IdentityConflict] = []
        for (index, first) in claims.enumerated() {
            for second in claims[(index + 1)...] {
                let fields = Self.disagreement(first, second)
                if !fields.isEmpty {
                    found.append(IdentityConflict(records: [first.record, second.record],
                                                  sourceKeys: [first.sourceKey, second.sourceKey], fields: fields))
                }
            }
        }
        return found
    }

    private static func disagreement(_ a: Claim, _ b: Claim) -> [String] {
        var fields: [String] = []
        if let givenA = a.givenName, let givenB = b.givenName, let familyA = a.familyName, let familyB = b.familyName,
           givenA != givenB, familyA != familyB {
            fields += ["givenName", "familyName"]
        }
        if let dateA = a.birthDate, let dateB = b.birthDate, dateA != dateB, !(a.fromPersonnummer && b.fromPersonnummer) {
            fields.append(a.fromPersonnummer || b.fromPersonnummer ? "value" : "birthDate")
        }
        if a.fromPersonnummer, b.fromPersonnummer, let dateA = a.birthDate, let dateB = b.birthDate, dateA != dateB {
            fields.append("value")
        }
        return fields
    }

    private static func sourceKey(_ record: CanonicalRecord) -> SourceKey {
        SourceKey(source: record.metadata.source, key: record.metadata.sourceKey)
    }

    private static func text(_ value: FieldValue?) -> String? {
        guard case .text(let text)? = value else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A name for comparison: Unicode compatibility forms and case folded, white space collapsed.
    static func folded(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
