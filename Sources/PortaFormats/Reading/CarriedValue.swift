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
