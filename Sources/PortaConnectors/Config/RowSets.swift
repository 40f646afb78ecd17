/// The row sets a file or API source offers its mappings (`table:` in a mapping).
///
/// Every such source has `subject`: one row, key `subject`, when the source knows the subject,
/// for a `person` record that anchors the source's other records (each of its rows has the
/// column `subject-key` to reference it).
public enum RowSets {
    /// The row sets of a kind of source; the first is a mapping's default.
    public static func names(for kind: SourceConfig.Kind) -> [String] {
        switch kind {
        case .sqlite, .postgresql, .mysql: []
        case .csv, .ndjson, .json, .http: ["rows", subject]
        case .mbox: ["messages", "attachments", subject]
        case .vcard: ["cards", "emails", "phones", "addresses", subject]
        }
    }

    /// The one-row set of the subject.
    public static let subject = "subject"
    /// The key of its row.
    public static let subjectKey = "subject"
    /// The column every file and API row has, holding ``subjectKey``.
    public static let subjectKeyColumn = "subject-key"
}
