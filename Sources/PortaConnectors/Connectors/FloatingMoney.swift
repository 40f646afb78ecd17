/// Money must not be stored as floating point: `0.1` is not exact in binary.
enum FloatingMoney {
    /// The columns a mapping reads money amounts from.
    static func amountColumns(of mapping: RecordMapping) -> [String] {
        mapping.fields.compactMap { field in
            guard case .money(let amount, _) = field.source, case .column(let column) = amount else { return nil }
            return column
        }
    }
}
