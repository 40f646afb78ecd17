import PortaModel

/// A first `porta.yml` for a database, written by `porta init`: one source, the subject table
/// with its strong identifiers, and a mapping per table that leads to it, each table as a kind
/// of the controller's own with typed fields and the conversions its values seem to need.
///
/// It guesses from names and the first rows, and says so in comments. What only a person can
/// decide — the controller, each mapping's provenance, legal basis and category, the zone of
/// local times, a currency no column names — is `TODO`, which Porta refuses until it is
/// replaced, so a draft never runs with a guessed legal basis. Filled in, it passes
/// `porta sources check`.
public struct ConfigDraft {
    /// How the draft's source is reached.
    public enum Connection: Sendable {
        /// A SQLite file, as the config will name it.
        case sqlite(path: String)
        /// A PostgreSQL database whose URL and password the environment holds.
        case postgresql(urlEnvironment: String, passwordEnvironment: String?)
        /// A MySQL or MariaDB database whose URL and password the environment holds.
        case mysql(urlEnvironment: String, passwordEnvironment: String?)
    }

    let schema: DatabaseSchema
    let connection: Connection
    let sourceID: String
    private let guesses: [String: [String: ColumnGuess]]

    /// - Parameter sourceID: the source's id in the draft (a lower-case token).
    public init(schema: DatabaseSchema, connection: Connection, sourceID: String) {
        self.schema = schema
        self.connection = connection
        self.sourceID = sourceID
        guesses = Dictionary(uniqueKeysWithValues: schema.tables.map { table in
            (table.name, Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, ColumnGuess($0)) }))
        })
    }

    /// The draft as YAML text.
    public var yaml: String {
        var out = DraftText()
        out.line("# porta.yml drafted by `porta init` from the schema and first rows of \(origin).")
        out.line("# Every kind, type and conversion below is a guess: read each one. Replace every TODO;")
        out.line("# Porta refuses the file until you have (it never chooses a legal basis for you). Then run")
        out.line("# `porta sources check --config porta.yml`. The keys are in docs/porta-yml.md.")
        out.line("porta: 1")
        out.line("")
        out.line("controller:")
        out.line("  id: TODO                 # a short lower-case token naming you in bundle ids")
        out.line("  name: TODO               # your legal name")
        out.line("  country: TODO            # ISO 3166-1 alpha-2, such as SE")
        out.line("  # organisation-number: 556677-8899")
        out.line("  # contact: dataskydd@example.com")
        out.line("  language: en             # the language of the person's page: sv or en")
        guard let subject = subjectTable else {
            out.line("")
            out.line("# TODO: no table holds an e-mail address, phone number, personnummer or customer number,")
            out.line("# so Porta cannot tell whose data a row is. Name the subject table in sources.")
            out.line("sources: []")
            return out.text
        }
        let linked = linkedTables(to: subject)
        let kinds = kindNames(for: linked.map(\.table))
        if !linked.isEmpty {
            out.line("")
            out.line("# Each table that leads to \(subject.name) got a record kind of its own (formats/porta-1.md")
            out.line("# section 13). TODO: where a kind of porta/1 fits (order, postal-address, consent, …:")
            out.line("# section 10), map to it instead; else write what each field holds in its summary.")
            out.line("kinds:")
            for link in linked { declare(link, kinds: kinds, &out) }
        }
        out.line("")
        out.line("subject-index: \(sourceID)")
        out.line("")
        out.line("sources:")
        out.line("  - id: \(sourceID)")
        switch connection {
        case .sqlite(let path):
            out.line("    connector: sqlite")
            out.line("    path: \(DraftText.quoted(path))")
        case .postgresql(let urlEnvironment, let passwordEnvironment), .mysql(let urlEnvironment, let passwordEnvironment):
            let kind = if case .mysql = connection { "mysql" } else { "postgresql" }
            out.line("    connector: \(kind)")
            out.line("    \(kind): { url-env: \(urlEnvironment)\(passwordEnvironment.map { ", password-env: \($0)" } ?? "") }")
        }
        out.line("    on-error: fail")
        if ([subject] + linked.map(\.table)).contains(where: { table in table.columns.contains { guess(table, $0).isLocalTime } }) {
            out.line("    time-zone: TODO          # the zone of the times stored without an offset, such as Europe/Stockholm (UTC if UTC)")
        }
        mapSubject(subject, &out)
        out.line("    records:")
        mapPerson(subject, &out)
        for link in linked { map(link, kinds: kinds, &out) }
        let unlinked = schema.tables.filter { table in table.name != subject.name && !linked.contains { $0.table.name == table.name } }
        for table in unlinked {
            out.line("      # \(table.name): no foreign key leads to \(subject.name), so it is not mapped: it holds no one's data,")
            out.line("      # or its rows need a query (`query:` with :subject, docs/porta-yml.md).")
        }
        return out.text
    }

    private var origin: String {
        switch connection {
        case .sqlite(let path): "the SQLite database \(path)"
        case .postgresql(let variable, _): "the PostgreSQL database in $\(variable)"
        case .mysql(let variable, _): "the MySQL database in $\(variable)"
        }
    }

    // MARK: - The subject

    /// The table whose rows are people: one with a strong identifier, and of those the one
    /// most other tables refer to.
    var subjectTable: DatabaseSchema.Table? {
        let candidates = schema.tables.filter { table in
            table.primaryKey.count == 1 && Self.isPlain(table.name) && Self.isPlain(table.primaryKey[0]) && table.columns.contains { if case .identifier = guess(table, $0) { true } else { false } }
        }
        func references(_ table: DatabaseSchema.Table) -> Int {
            schema.tables.reduce(0) { $0 + $1.foreignKeys.filter { $0.table == table.name }.count }
        }
        return candidates.max { (references($0), $1.name) < (references($1), $0.name) }
    }

    private func mapSubject(_ table: DatabaseSchema.Table, _ out: inout DraftText) {
        out.line("    subjects:")
        out.line("      table: \(table.name)")
        out.line("      key: \(table.primaryKey[0])")
        out.line("      identifiers:")
        for scheme in SubjectIdentifier.Scheme.allCases {
            guard let (column, shared) = identifierColumns(table).first(where: { $0.scheme == scheme }).map({ ($0.column, $0.shared) }) else { continue }
            if shared {
                out.line("        \(scheme.rawValue): { column: \(column), unique: false }   # rows share values: it never joins people")
            } else {
                out.line("        \(scheme.rawValue): \(column)")
            }
        }
    }

    private func identifierColumns(_ table: DatabaseSchema.Table) -> [(column: String, scheme: SubjectIdentifier.Scheme, shared: Bool)] {
        table.columns.compactMap { column in
            guard Self.isPlain(column.name), case .identifier(let scheme, let shared) = guess(table, column) else { return nil }
            return (column.name, scheme, shared)
        }
    }

    /// The subject table as a person, with an e-mail, phone or identifier record per column.
    private func mapPerson(_ table: DatabaseSchema.Table, _ out: inout DraftText) {
        let key = table.primaryKey[0]
        var person: [String] = []
        for column in table.columns where Self.isPlain(column.name) {
            switch guess(table, column) {
            case .givenName: person.append("givenName: \(column.name)")
            case .familyName: person.append("familyName: \(column.name)")
            case .birthDate: person.append("birthDate: \(column.name)")
            case .language: person.append("language: \(column.name)")
            default: break
            }
        }
        mappingHeader(kind: "person", table: table.name, key: key, subject: key, prefix: nil, whenPresent: nil, &out)
        out.line(person.isEmpty ? "        fields: {}" : "        fields:")
        for field in person { out.line("          \(field)") }
        var used = Set(person.map { String($0.split(separator: " ").last!) } + [key])
        for (column, scheme, _) in identifierColumns(table) {
            used.insert(column)
            switch scheme {
            case .email:
                mappingHeader(kind: "email-address", table: table.name, key: key, subject: key, prefix: "\(column)-", whenPresent: column, &out)
                out.line("        fields: { person: \(key), address: \(column) }")
            case .phone:
                mappingHeader(kind: "phone-number", table: table.name, key: key, subject: key, prefix: "\(column)-", whenPresent: column, &out)
                out.line("        fields: { person: \(key), number: \(column) }")
            case .personnummer, .customerNumber:
                let value = scheme == .personnummer ? "personnummer }" : "customer-number }   # or membership-number"
                mappingHeader(kind: "identifier", table: table.name, key: key, subject: key, prefix: "\(column)-", whenPresent: column, &out)
                out.line("        fields:")
                out.line("          person: \(key)")
                out.line("          value: \(column)")
                out.line("          scheme: { value: \(value)")
            }
        }
        let rest = table.columns.map(\.name).filter { !used.contains($0) }
        if !rest.isEmpty {
            out.line("      # \(table.name) also holds \(rest.joined(separator: ", ")): TODO map what is personal data")
            out.line("      # (an address to postal-address, a consent to consent, …).")
        }
    }

    private func mappingHeader(kind: String, table: String, key: String, subject: String, prefix: String?, whenPresent: String?,
                               _ out: inout DraftText) {
        out.line("      - kind: \(kind)")
        out.line("        table: \(table)")
        out.line("        key: \(key)")
        if let prefix { out.line("        key-prefix: \(DraftText.quoted(prefix))") }
        if let whenPresent { out.line("        when-present: \(whenPresent)") }
        out.line("        subject: \(subject)")
        out.line("        provenance: TODO         # provided, observed, derived or acquired")
        out.line("        legal-basis: TODO        # consent, contract, legal-obligation, vital-interest, public-task or legitimate-interest")
        out.line("        category: TODO           # the category in your privacy notice: a lower-case token, such as contact")
    }

    // MARK: - The tables that lead to the subject

    /// A table and how its rows lead to the subject: a column referring to the subject table,
    /// or a column referring to a parent table that does.
    struct Link {
        let table: DatabaseSchema.Table
        /// The column referring to the subject table, or to the parent.
        let foreignKey: DatabaseSchema.ForeignKey
        /// The parent's link, when the row reaches the subject through it.
        let parent: DatabaseSchema.ForeignKey?
    }

    func linkedTables(to subject: DatabaseSchema.Table) -> [Link] {
        var links: [Link] = []
        let mappable = schema.tables.filter { Self.isPlain($0.name) && $0.primaryKey.allSatisfy(Self.isPlain) }
        for table in mappable where table.name != subject.name && !table.primaryKey.isEmpty {
            if let direct = table.foreignKeys.first(where: { $0.table == subject.name }) {
                links.append(Link(table: table, foreignKey: direct, parent: nil))
            }
        }
        for table in mappable where table.name != subject.name && !table.primaryKey.isEmpty
            && !links.contains(where: { $0.table.name == table.name }) {
            for key in table.foreignKeys {
                guard let parent = links.first(where: { $0.table.name == key.table && $0.parent == nil }) else { continue }
                links.append(Link(table: table, foreignKey: key, parent: parent.foreignKey))
                break
            }
        }
        return links
    }

    /// A kind name and id prefix per table, free of porta/1's and of each other.
    func kindNames(for tables: [DatabaseSchema.Table]) -> [String: (name: String, prefix: String)] {
        var names = Set(RecordKind.all.map(\.name)), prefixes = Set(RecordKind.all.map(\.idPrefix))
        var result: [String: (String, String)] = [:]
        for table in tables {
            let words = ColumnGuess.words(table.name).split(separator: " ").map { $0.filter { $0.isASCII && $0.isLetter } }.filter { !$0.isEmpty }
            let base = String((words.isEmpty ? "table" : words.joined(separator: "-")).prefix(30)).trimmingCharacters(in: ["-"])
            // A kind name holds letters only: tables told apart by digits get a letter each.
            let alphabet = "abcdefghijklmnopqrstuvwxyz".map(String.init)
            let suffixes = [""] + alphabet.map { "-" + $0 } + alphabet.flatMap { first in alphabet.map { "-" + first + $0 } }
            let name = suffixes.lazy.map { base + $0 }.first { !names.contains($0) } ?? base + "-zzz"
            names.insert(name)
            // The name's first 3 to 8 letters, else its first three and one or two more letters.
            let letters = String(name.filter { $0 != "-" }).padding(toLength: max(3, name.count), withPad: "x", startingAt: 0)
            let candidates = (3...min(8, letters.count)).map { String(letters.prefix($0)) }
                + alphabet.map { String(letters.prefix(3)) + $0 }
                + alphabet.flatMap { first in alphabet.map { String(letters.prefix(3)) + first + $0 } }
            let prefix = candidates.first { !prefixes.contains($0) }!
            prefixes.insert(prefix)
            result[table.name] = (name, prefix)
        }
        return result
    }

    /// A field of a table's kind: its name, declaration and mapping, or why a column has none.
    enum DraftField {
        case field(name: String, declaration: String, mapping: String)
        case skipped(column: String, reason: String)
    }

    func fields(_ link: Link, kinds: [String: (name: String, prefix: String)]) -> [DraftField] {
        let table = link.table
        var result: [DraftField] = []
        var names: Set<String> = []
        func fieldName(_ column: String) -> String {
            let words = ColumnGuess.words(column).split(separator: " ").map(String.init)
            var name = words.enumerated().map { $0 == 0 ? $1 : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
            name = String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(56))
            if name.first?.isLetter != true { name = "field" + name }
            if RecordKind.metadataFieldNames.contains(name) || name == "person" { name += "Value" }
            while names.contains(name) { name += "2" }
            names.insert(name)
            return name
        }
        if link.parent == nil {
            names.insert("person")
            result.append(.field(name: "person", declaration: "{ type: reference, to: person, required: true, summary: \"The person this belongs to.\" }",
                                 mapping: link.foreignKey.column))
        } else if let parentKind = kinds[link.foreignKey.table] {
            let name = fieldName(parentKind.name)
            result.append(.field(name: name, declaration: "{ type: reference, to: \(parentKind.name), required: true, summary: \"The \(link.foreignKey.table) row it belongs to.\" }",
                                 mapping: link.foreignKey.column))
        }
        let currency = table.columns.first { guess(table, $0) == .currency }?.name
        let hasMoney = table.columns.contains { if case .money = guess(table, $0) { true } else { false } }
        for column in table.columns {
            if table.primaryKey == [column.name] || column.name == link.foreignKey.column || (hasMoney && column.name == currency) { continue }
            guard Self.isPlain(column.name) else {
                result.append(.skipped(column: column.name, reason: "its name is not a plain SQL name (letters, digits, underscores); give it one in a view or a query"))
                continue
            }
            let summary = "\"TODO: what \(column.name) holds.\""
            if let reference = table.foreignKeys.first(where: { $0.column == column.name }), let target = kinds[reference.table],
               reference.referencedColumn == schema.table(reference.table)?.primaryKey.first {
                result.append(.field(name: fieldName(column.name), declaration: "{ type: reference, to: \(target.name), summary: \(summary) }",
                                     mapping: column.name))
                continue
            }
            let (type, mapping): (String?, String)
            switch guess(table, column) {
            case .identifier(.email, _): (type, mapping) = ("email", column.name)
            case .identifier(.phone, _): (type, mapping) = ("phone", column.name)
            case .identifier, .givenName, .familyName, .text, .currency: (type, mapping) = ("text", column.name)
            case .birthDate: (type, mapping) = ("date", column.name)
            case .language: (type, mapping) = ("language", column.name)
            case .country(let names): (type, mapping) = ("country", names ? "{ column: \(column.name), map: countries }" : column.name)
            case .money(let minorUnits):
                let currencySource = currency ?? "{ value: TODO }"
                let mapping = "{ amount: \(column.name), currency: \(currencySource)\(minorUnits ? ", minor-units: true" : "") }"
                // `avgift_ore` holds a fee in öre: the field is the fee.
                let words = ColumnGuess.words(column.name).split(separator: " ")
                let name = minorUnits && words.count > 1 ? fieldName(words.dropLast().joined(separator: " ")) : fieldName(column.name)
                result.append(.field(name: name, declaration: "{ type: money, summary: \(summary) }", mapping: mapping))
                continue
            case .instant: (type, mapping) = ("timestamp", column.name)
            case .localTime(let pattern): (type, mapping) = ("timestamp", pattern.map { "{ column: \(column.name), pattern: \"\($0)\" }" } ?? column.name)
            case .epoch(let unit): (type, mapping) = ("timestamp", "{ column: \(column.name), epoch: \(unit.rawValue) }")
            case .date(let pattern): (type, mapping) = ("date", pattern.map { "{ column: \(column.name), pattern: \"\($0)\" }" } ?? column.name)
            case .boolean: (type, mapping) = ("boolean", column.name)
            case .decimal: (type, mapping) = ("decimal", column.name)
            case .integer: (type, mapping) = ("integer", column.name)
            case .unsupported(let reason):
                result.append(.skipped(column: column.name, reason: reason))
                continue
            }
            if let type {
                result.append(.field(name: fieldName(column.name), declaration: "{ type: \(type), summary: \(summary) }", mapping: mapping))
            }
        }
        return result
    }

    private func declare(_ link: Link, kinds: [String: (name: String, prefix: String)], _ out: inout DraftText) {
        guard let kind = kinds[link.table.name] else { return }
        out.line("  \(kind.name):")
        out.line("    id-prefix: \(kind.prefix)")
        out.line("    title: \(DraftText.quoted(link.table.name))    # TODO: the kind's name for people")
        out.line("    fields:")
        for case .field(let name, let declaration, _) in fields(link, kinds: kinds) {
            out.line("      \(name): \(declaration)")
        }
    }

    private func map(_ link: Link, kinds: [String: (name: String, prefix: String)], _ out: inout DraftText) {
        guard let kind = kinds[link.table.name] else { return }
        let key = link.table.primaryKey.count == 1 ? link.table.primaryKey[0] : "[" + link.table.primaryKey.joined(separator: ", ") + "]"
        let subject = link.parent.map { parent in
            "{ column: \(parent.column), via: { table: \(link.foreignKey.table), key: \(link.foreignKey.referencedColumn), foreign-key: \(link.foreignKey.column) } }"
        } ?? link.foreignKey.column
        mappingHeader(kind: kind.name, table: link.table.name, key: key, subject: subject, prefix: nil, whenPresent: nil, &out)
        out.line("        fields:")
        for field in fields(link, kinds: kinds) {
            switch field {
            case .field(let name, _, let mapping): out.line("          \(name): \(mapping)")
            case .skipped(let column, let reason): out.line("          # \(column): not mapped: \(reason)")
            }
        }
    }

    private func guess(_ table: DatabaseSchema.Table, _ column: DatabaseSchema.Column) -> ColumnGuess {
        guesses[table.name]?[column.name] ?? .text
    }
}

extension ConfigDraft {
    /// Whether porta.yml can name `name` as it is: letters, digits and underscores, not
    /// starting with a digit, at most 63.
    static func isPlain(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.count <= 63 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}

extension ColumnGuess {
    var isLocalTime: Bool { if case .localTime = self { true } else { false } }
}

/// The draft's lines.
struct DraftText {
    private(set) var text = ""

    mutating func line(_ line: String) { text += line + "\n" }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension ConfigDraft {
    /// A source id made from a database's name: lower-case letters, digits and `-`.
    public static func sourceID(from name: String) -> String {
        let words = ColumnGuess.words(name).split(separator: " ").map { $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        let id = words.filter { !$0.isEmpty }.joined(separator: "-")
        return id.isEmpty ? "database" : String(id.prefix(64))
    }
}
