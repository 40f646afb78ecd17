import GRDB
import PortaModel

/// The query that reads one mapping's rows for a subject, and the making of records from them.
struct RowQuery {
    let mapping: RecordMapping
    /// The mapped table's columns the query selects, in select order.
    let columns: [String]
    let sql: String

    init(mapping: RecordMapping, subjectKeys: [String]) {
        self.mapping = mapping
        var columns = [mapping.key]
        if mapping.subject.via == nil { columns.append(mapping.subject.column) }
        if let collectedAt = mapping.collectedAt { columns.append(collectedAt) }
        if let present = mapping.whenPresent { columns.append(present) }
        for field in mapping.fields { columns.append(contentsOf: field.source.columns) }
        if let file = mapping.file { columns.append(file.column) }
        var seen: Set<String> = []
        self.columns = columns.filter { seen.insert($0).inserted }
        let q = SQLiteConnector.quoted
        let selected = self.columns.map { "t.\(q($0))" }.joined(separator: ", ")
        var sql = "SELECT \(selected) FROM \(q(mapping.table)) AS t"
        let subjectColumn: String
        if let via = mapping.subject.via {
            sql += " JOIN \(q(via.table)) AS p ON t.\(q(via.foreignKey)) = p.\(q(via.key))"
            subjectColumn = "p.\(q(mapping.subject.column))"
        } else {
            subjectColumn = "t.\(q(mapping.subject.column))"
        }
        sql += " WHERE \(subjectColumn) IN (\(SQLiteConnector.placeholders(max(subjectKeys.count, 1))))"
        if let column = mapping.whenPresent {
            sql += " AND t.\(q(column)) IS NOT NULL AND trim(t.\(q(column))) <> ''"
        }
        sql += " ORDER BY t.\(q(mapping.key))"
        self.sql = sql
    }

    /// Makes the record of one row, with its file's content when the mapping names one.
    /// - Throws: ``ConnectorError`` `invalid-row` naming the row's key and the field.
    func record(from row: Row, source: String, referenceDate: CalendarDate) throws -> PulledRecord {
        func value(_ column: String) -> SourceValue {
            SQLiteConnector.sourceValue(row[columns.firstIndex(of: column)!])
        }
        let key = mapping.keyPrefix + (try value(mapping.key).keyText(source: source, table: mapping.table))
        func invalid(_ field: String, _ error: any Error) -> ConnectorError {
            let why = (error as? ModelError)?.message ?? "\(error)"
            return ConnectorError(.invalidRow, source: source, table: mapping.table, key: key, message: "\(field): \(why)")
        }
        var collectedAt: Timestamp?
        if let column = mapping.collectedAt {
            do {
                if case .timestamp(let time)? = try FieldType.timestamp.value(from: value(column), referenceSource: source) {
                    collectedAt = time
                }
            } catch {
                throw invalid("collected-at", error)
            }
        }
        var values: [String: FieldValue] = [:]
        for field in mapping.fields {
            do {
                values[field.field.name] = try convert(field, value: value, source: source)
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
            return PulledRecord(try CanonicalRecord(kind: mapping.kind, metadata: metadata, values: values), attachment: attachment)
        } catch let error as ModelError {
            throw invalid(error.field ?? "record", ModelError(error.code, error.message))
        }
    }

    private func convert(_ field: FieldMapping, value: (String) -> SourceValue, source: String) throws -> FieldValue? {
        func raw(_ valueSource: ValueSource) -> SourceValue {
            switch valueSource {
            case .column(let name): value(name)
            case .literal(let text): .text(text)
            case .money: .null
            }
        }
        if case .money(let amountSource, let currencySource) = field.source {
            let amount = raw(amountSource), currency = raw(currencySource)
            if case .null = amount { return nil }
            return .money(try Money(amount: try amount.moneyText(), currency: try currency.moneyText()))
        }
        return try field.field.type.value(from: raw(field.source), referenceSource: source)
    }
}

extension SourceValue {
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
}
