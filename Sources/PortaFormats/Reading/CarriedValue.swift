import PortaModel

/// A field's value as a file carries it, before it is checked against the field's type.
///
/// JSON carries numbers, booleans and money objects; CSV and XML carry text only (money as
/// two cells or elements), so their readers hand over ``text`` for every value.
public enum CarriedValue: Hashable, Sendable {
    case text(String)
    /// A JSON number's literal.
    case number(String)
    case boolean(Bool)
    case money(amount: String, currency: String)
}

/// The field values a file carries for one record, one slot per field of the kind in catalogue
/// order (no dictionary per record), and the first name the kind has no field for, which the
/// ``RecordAssembler`` refuses once the metadata is checked.
public struct CarriedFields: Sendable {
    private let kind: RecordKind
    private(set) var values: [CarriedValue?]
    private(set) var unknown: String?

    public init(kind: RecordKind) {
        self.kind = kind
        values = [CarriedValue?](repeating: nil, count: kind.fields.count)
    }

    /// The value of the field at `position` in the kind's fields.
    public subscript(position: Int) -> CarriedValue? {
        get { values[position] }
        set { values[position] = newValue }
    }

    /// Sets the value of the field named `name`, or notes the name when the kind has no such field.
    public mutating func set(_ value: CarriedValue, named name: String) {
        if let position = kind.position(ofField: name) {
            values[position] = value
        } else if unknown == nil {
            unknown = name
        }
    }
}
