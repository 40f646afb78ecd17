import PortaModel

/// One column of a kind's flat (CSV) table: a metadata field, a field, or one half of a money
/// field.
///
/// The flattening rule of `porta/1`: the metadata columns first, then one column per field in
/// catalogue order, named as the field; a money field `total` becomes two columns,
/// `total.amount` and `total.currency`. A reference is the referenced record's id. `porta/1`
/// has no list-valued fields: what repeats (order lines, addresses) is a kind of its own, a
/// child table whose rows reference their parent by id.
public struct FlatColumn: Hashable, Sendable {
    /// What a column holds.
    public enum Content: Hashable, Sendable {
        case metadata(MetadataField)
        case field(FieldDefinition)
        case amount(of: FieldDefinition)
        case currency(of: FieldDefinition)
    }

    /// The column's name in the header row.
    public let name: String
    /// What it holds.
    public let content: Content
    /// The kind of the table.
    public let kind: RecordKind

    /// The columns of a kind's table, in order.
    public static func columns(of kind: RecordKind) -> [FlatColumn] {
        var columns = MetadataField.allCases.map { FlatColumn(name: $0.rawValue, content: .metadata($0), kind: kind) }
        for field in kind.fields {
            if field.type == .money {
                columns.append(FlatColumn(name: field.name + ".amount", content: .amount(of: field), kind: kind))
                columns.append(FlatColumn(name: field.name + ".currency", content: .currency(of: field), kind: kind))
            } else {
                columns.append(FlatColumn(name: field.name, content: .field(field), kind: kind))
            }
        }
        return columns
    }

    /// Whether every row has a value in this column.
    public var isRequired: Bool {
        switch content {
        case .metadata(let field): field.isRequired
        case .field(let field), .amount(of: let field), .currency(of: let field): field.isRequired
        }
    }

    /// The shape of the column's text.
    public var shape: ValueShape {
        switch content {
        case .metadata(let field): field.shape(in: kind)
        case .field(let field): ValueShape(field.type)
        case .amount: .pattern(ValueShape.amountPattern)
        case .currency: .pattern(ValueShape.currencyPattern)
        }
    }

    /// What the column holds, in one sentence.
    public var summary: String {
        switch content {
        case .metadata(let field): field.summary
        case .field(let field): field.summary
        case .amount(of: let field): field.summary + " Amount, a decimal."
        case .currency(of: let field): field.summary + " Currency, ISO 4217."
        }
    }

    /// This column's cell of a record: nil when the record has no value.
    public func cell(of record: CanonicalRecord) -> String? {
        FlatCell(self).text(of: record)
    }
}

/// What one flat column takes from a record, reduced from its ``FlatColumn`` to what a row
/// needs: the CSV writer holds these instead of the columns, which are costly to copy.
enum FlatCell {
    case metadata(MetadataField)
    /// A field, by its position in the kind's fields.
    case field(Int)
    case amount(of: Int)
    case currency(of: Int)

    init(_ column: FlatColumn) {
        // A column is made from its kind's fields (``FlatColumn/columns(of:)``), so its field is there.
        func position(_ field: FieldDefinition) -> Int { column.kind.position(ofField: field.name)! }
        switch column.content {
        case .metadata(let field): self = .metadata(field)
        case .field(let field): self = .field(position(field))
        case .amount(of: let field): self = .amount(of: position(field))
        case .currency(of: let field): self = .currency(of: position(field))
        }
    }

    /// The cell's text, as ``FlatColumn/cell(of:)`` gives it.
    func text(of record: CanonicalRecord) -> String? {
        switch self {
        case .metadata(let field): return field.text(of: record.metadata)
        case .field(let position): return record.fieldValues[position]?.lexicalForm
        case .amount(of: let position):
            guard case .money(let money)? = record.fieldValues[position] else { return nil }
            return money.amount
        case .currency(of: let position):
            guard case .money(let money)? = record.fieldValues[position] else { return nil }
            return money.currency.code
        }
    }
}
