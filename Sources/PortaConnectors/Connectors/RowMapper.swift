import Foundation
import PortaModel

/// Makes the record of one source row by a mapping: the same for every connector, so a
/// database row, a CSV line, a JSON object, a vCard property and a mail message become records
/// by the same rules.
struct RowMapper {
    let mapping: RecordMapping
    let source: String
    let referenceDate: CalendarDate
    /// Each mapped field's position in the kind's fields, where the record holds its value.
    private let positions: [Int?]

    init(mapping: RecordMapping, source: String, referenceDate: CalendarDate) {
        self.mapping = mapping
        self.source = source
        self.referenceDate = referenceDate
        positions = mapping.fields.map { mapping.kind.position(ofField: $0.field.name) }
    }

    /// The columns (fields) a mapping reads from a row, key first, each once.
    static func columns(of mapping: RecordMapping) -> [String] {
        var columns = mapping.keyColumns
        if let subject = mapping.subject, subject.via == nil { columns.append(subject.column) }
        if let collectedAt = mapping.collectedAt { columns.append(contentsOf: collectedAt.source.columns) }
        if let present = mapping.whenPresent { columns.append(present) }
        for field in mapping.fields { columns.append(contentsOf: field.source.columns) }
        if let file = mapping.file { columns.append(file.column) }
        var seen: Set<String> = []
        return columns.filter { seen.insert($0).inserted }
    }

    /// Whether a row passes the mapping's `when-present` column.
    func isPresent(_ value: (String) -> SourceValue) -> Bool {
        guard let column = mapping.whenPresent else { return true }
        switch value(column) {
        case .null: return false
        case .text(let text): return text.contains { !$0.isWhitespace }
        default: return true
        }
    }

    /// Makes the record of one row, with its file's content when the mapping names one.
    /// - Throws: ``ConnectorError`` `invalid-row` naming the row's key and the field.
    func record(_ value: (String) -> SourceValue) throws -> PulledRecord {
        let key = mapping.keyPrefix
            + RecordMapping.sourceKey(try mapping.keyColumns.map { try value($0).keyText(source: source, table: mapping.table) })
        func invalid(_ field: String, _ error: any Error) -> ConnectorError {
            let why = (error as? ModelError)?.message ?? "\(error)"
            var error = ConnectorError(.invalidRow, source: source, table: mapping.table, key: key, message: "\(field): \(why)")
            error.kind = mapping.kind.name
            return error
        }
        var collectedAt: Timestamp?
        if let mapping = mapping.collectedAt {
            do {
                if case .timestamp(let time)? = try convert(mapping, value: value) { collectedAt = time }
            } catch {
                throw invalid("collected-at", error)
            }
        }
        var values = [FieldValue?](repeating: nil, count: mapping.kind.fields.count)
        for (field, position) in zip(mapping.fields, positions) {
            do {
                guard let position else { throw ModelError(.invalidRecord, "\(mapping.kind.name) has no field \(field.field.name)") }
                values[position] = try convert(field, value: value)
            } catch {
                throw invalid(field.field.name, error)
            }
        }
        let metadata = RecordMetadata(kind: mapping.kind, source: source, sourceKey: key,
                                      provenance: mapping.provenance, legalBasis: mapping.legalBasis,
                                      category: mapping.category, collectedAt: collectedAt)
        var attachment: AttachmentContent?
        if let file = mapping.file {
            do { attachment = try file.content(of: value(file.column)) } catch { throw invalid("file", error) }
        }
        do {
            values = try CanonicalRecord.normalizingIdentifierValue(values, kind: mapping.kind, referenceDate: referenceDate)
            return PulledRecord(try CanonicalRecord(kind: mapping.kind, metadata: metadata, fieldValues: values), attachment: attachment)
        } catch let error as ModelError {
            throw invalid(error.field ?? "record", ModelError(error.code, error.message))
        }
    }

    /// A row tried field by field, for a sample: each field's problem by name, and whether
    /// the whole row becomes a record.
    struct Trial {
        let key: String
        let failures: [String: String]
        let record: Bool
        let recordReason: String?
    }

    /// Tries every field of a row on its own, then the whole row.
    func trial(_ value: (String) -> SourceValue) -> Trial {
        var failures: [String: String] = [:]
        func reason(_ error: any Error) -> String { (error as? ModelError)?.message ?? (error as? ConnectorError)?.message ?? "\(error)" }
        let key = (try? mapping.keyColumns.map { try value($0).keyText(source: source, table: mapping.table) })
            .map { mapping.keyPrefix + RecordMapping.sourceKey($0) } ?? "?"
        if let collectedAt = mapping.collectedAt {
            do { _ = try convert(collectedAt, value: value) } catch { failures["collected-at"] = reason(error) }
        }
        for field in mapping.fields {
            do { _ = try convert(field, value: value) } catch { failures[field.field.name] = reason(error) }
        }
        do {
            _ = try record(value)
            return Trial(key: key, failures: failures, record: true, recordReason: nil)
        } catch {
            return Trial(key: key, failures: failures, record: false, recordReason: reason(error))
        }
    }

    private func convert(_ field: FieldMapping, value: (String) -> SourceValue) throws -> FieldValue? {
        let conversion = field.conversion
        func raw(_ valueSource: ValueSource) throws -> SourceValue {
            switch valueSource {
            case .column(let name): try conversion.prepared(value(name))
            case .literal(let text): .text(text)
            case .money: .null
            }
        }
        let converted: FieldValue?
        switch (field.source, field.field.type) {
        case (.money(let amount, let currency), _):
            return try conversion.money(amount: try raw(amount), currency: try raw(currency))
        case (_, .timestamp):
            converted = try conversion.timestamp(try raw(field.source))
        case (_, .date):
            converted = try conversion.date(try raw(field.source))
        case (_, .decimal):
            converted = try conversion.decimal(try raw(field.source))
        default:
            converted = try field.field.type.value(from: try raw(field.source), referenceSource: field.referenceSource ?? source)
        }
        switch converted {
        case .timestamp(let time)?: try checkYear(time.date.year, in: conversion.window)
        case .date(let date)?: try checkYear(date.year, in: conversion.window)
        default: break
        }
        return converted
    }

    /// A time or date outside the window is a broken row (the value itself is never named).
    private func checkYear(_ year: Int, in window: YearWindow) throws {
        let bounds = window.bounds(referenceYear: referenceDate.year)
        guard bounds.contains(year) else {
            throw ModelError(.invalidTimestamp, "the time lies outside the years \(bounds.lowerBound) to \(bounds.upperBound); "
                             + "if it is true, widen the mapping with earliest-year or latest-year")
        }
    }
}

extension SourceValue {
    /// A time held as an integer (or a text of digits) counted in `unit` since 1970.
    func epochTime(_ unit: EpochUnit) throws -> FieldValue? {
        let count: Int64
        switch self {
        case .null: return nil
        case .integer(let number): count = number
        case .text(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: return nil
        case .text(let text):
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw ModelError(.invalidTimestamp, "an epoch time must be a whole number of \(unit.rawValue)")
            }
            count = number
        default:
            throw ModelError(.invalidTimestamp, "an epoch time must be a whole number of \(unit.rawValue)")
        }
        switch unit {
        case .seconds: return .timestamp(Timestamp(seconds: count))
        case .milliseconds:
            let (seconds, remainder) = count.quotientAndRemainder(dividingBy: 1000)
            let (whole, millis) = remainder < 0 ? (seconds - 1, remainder + 1000) : (seconds, remainder)
            return .timestamp(Timestamp(seconds: whole, nanoseconds: Int32(millis) * 1_000_000))
        }
    }

    /// An amount or currency as text; integers are exact, floating-point numbers are refused.
    func moneyText() throws -> String {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real: throw ModelError(.invalidMoney, "amount is stored as a floating-point number, which is not exact")
        case .blob: throw ModelError(.invalidMoney, "amount or currency is binary")
        default: throw ModelError(.invalidMoney, "amount or currency is missing")
        }
    }

    /// The value as a row key.
    func keyText(source: String, table: String) throws -> String {
        guard let key = identifierText, !key.isEmpty else {
            throw ConnectorError(.invalidRow, source: source, table: table, message: "a row has no usable key")
        }
        return key
    }
}
