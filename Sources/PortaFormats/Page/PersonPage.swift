import PortaBytes
import PortaModel

/// `data/index.html`: one offline page on which the person reads their data: who holds it,
/// why (legal bases in plain words), each kind as a table, and what was left out and why, in
/// Swedish or English.
///
/// The page has no scripts, fonts or images and loads nothing (its Content-Security-Policy
/// forbids it). It keeps at most ``rowLimit`` rows per kind, so memory stays flat for a
/// subject with a million records; the table then says how many there are and the files hold
/// them all.
public struct PersonPage {
    /// What the page says about the bundle, besides the records.
    public struct Context: Sendable {
        public var controllerName: String
        public var organisationNumber: String?
        public var country: String
        public var contact: String?
        public var purpose: Purpose
        public var createdAt: Timestamp
        public var bundleID: String
        public var language: PageLanguage
        public var exclusions: [ExclusionTally.Entry]
        /// Rows about the person that could not be read from the sources, so are not here.
        public var unreadable: Int

        public init(controllerName: String, organisationNumber: String?, country: String, contact: String?, purpose: Purpose,
                    createdAt: Timestamp, bundleID: String, language: PageLanguage, exclusions: [ExclusionTally.Entry],
                    unreadable: Int = 0) {
            self.controllerName = controllerName
            self.organisationNumber = organisationNumber
            self.country = country
            self.contact = contact
            self.purpose = purpose
            self.createdAt = createdAt
            self.bundleID = bundleID
            self.language = language
            self.exclusions = exclusions
            self.unreadable = unreadable
        }
    }

    /// The most rows a kind's table shows.
    public let rowLimit: Int
    /// The kinds the page may show, in the order it shows them.
    private let catalogue: RecordCatalogue
    private var rows: [RecordKind: [CanonicalRecord]] = [:]
    private var counts: [RecordKind: Int] = [:]
    private var legalBases: Set<LegalBasis> = []
    private var provenances: Set<Provenance> = []

    public init(rowLimit: Int = 500, catalogue: RecordCatalogue = .porta1) {
        self.rowLimit = rowLimit
        self.catalogue = catalogue
    }

    /// Takes the next record of the bundle.
    public mutating func add(_ record: CanonicalRecord) {
        counts[record.kind, default: 0] += 1
        legalBases.insert(record.metadata.legalBasis)
        provenances.insert(record.metadata.provenance)
        if rows[record.kind, default: []].count < rowLimit { rows[record.kind, default: []].append(record) }
    }

    /// The page as UTF-8.
    public func render(_ context: Context) -> [UInt8] {
        let words = PageVocabulary(language: context.language)
        var html = HTMLBuilder()
        html.line("<!DOCTYPE html>")
        html.line("<html lang=\"\(context.language.rawValue)\">")
        html.line("<head>")
        html.line("<meta charset=\"utf-8\">")
        html.line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        html.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.line("<title>\(HTMLText.escape(words.text(.title) + " – " + context.controllerName))</title>")
        html.line("<style>\(Self.style)</style>")
        html.line("</head>")
        html.line("<body>")
        html.element("h1", words.text(.title) + " – " + context.controllerName)
        html.element("p", words.text(.intro))
        renderWho(context, words, &html)
        renderWhy(words, &html)
        renderContents(context, words, &html)
        for kind in catalogue.kinds where counts[kind] != nil { renderKind(kind, words, &html) }
        renderLeftOut(context, words, &html)
        html.line("</body>")
        html.line("</html>")
        return Array(html.text.utf8)
    }

    private func renderWho(_ context: Context, _ words: PageVocabulary, _ html: inout HTMLBuilder) {
        html.element("h2", words.text(.who))
        html.line("<dl>")
        html.definition(words.text(.controller), context.controllerName + " (" + context.country + ")")
        if let number = context.organisationNumber { html.definition(words.text(.organisationNumber), number) }
        if let contact = context.contact { html.definition(words.text(.contact), contact) }
        html.definition(words.text(.request), words.purpose(context.purpose))
        html.definition(words.text(.created), context.createdAt.description)
        html.definition(words.text(.bundle), context.bundleID)
        html.line("</dl>")
    }

    private func renderWhy(_ words: PageVocabulary, _ html: inout HTMLBuilder) {
        guard !legalBases.isEmpty else { return }
        html.element("h2", words.text(.why))
        html.element("p", words.text(.whyIntro))
        html.line("<ul>")
        for basis in LegalBasis.allCases where legalBases.contains(basis) {
            html.element("li", words.legalBasis(basis) + " (" + basis.article + ")")
        }
        html.line("</ul>")
        html.element("p", words.text(.origins))
        html.line("<ul>")
        for provenance in Provenance.allCases where provenances.contains(provenance) { html.element("li", words.provenance(provenance)) }
        html.line("</ul>")
    }

    private func renderContents(_ context: Context, _ words: PageVocabulary, _ html: inout HTMLBuilder) {
        html.element("h2", words.text(.contents))
        guard !counts.isEmpty else {
            return html.element("p", words.text(context.exclusions.isEmpty ? .noneFound : .noneCovered))
        }
        html.line("<table>")
        html.line("<tr><th>\(HTMLText.escape(words.text(.kind)))</th><th>\(HTMLText.escape(words.text(.records)))</th><th>\(HTMLText.escape(words.text(.machineReadable)))</th></tr>")
        for kind in catalogue.kinds {
            guard let count = counts[kind] else { continue }
            let links = ["json/\(kind.name).json", "csv/\(kind.name).csv", "xml/\(kind.name).xml"]
                .map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: " ")
            html.line("<tr><td><a href=\"#\(kind.name)\">\(HTMLText.escape(words.kindTitle(kind)))</a></td><td class=\"n\">\(count)</td><td>\(links)</td></tr>")
        }
        html.line("</table>")
    }

    private func renderKind(_ kind: RecordKind, _ words: PageVocabulary, _ html: inout HTMLBuilder) {
        let kindRows = rows[kind] ?? [], count = counts[kind] ?? 0
        html.line("<h2 id=\"\(kind.name)\">\(HTMLText.escape(words.kindTitle(kind))) (\(count))</h2>")
        if count > kindRows.count {
            html.element("p", words.showing(kindRows.count, of: count))
        }
        let fields = kind.fields.filter { field in kindRows.contains { $0.values[field.name] != nil } }
        html.line("<table>")
        var header = "<tr>"
        for field in fields { header += "<th title=\"\(HTMLText.escape(field.summary))\">\(HTMLText.escape(words.label(field.name)))</th>" }
        for name in ["legalBasis", "provenance", "source"] { header += "<th>\(HTMLText.escape(words.label(name)))</th>" }
        html.line(header + "</tr>")
        for record in kindRows {
            var row = "<tr id=\"\(record.id.rawValue)\">"
            for field in fields {
                guard let value = record.values[field.name] else { row += "<td></td>"; continue }
                if kind == .attachment, field.name == "path", case .text(let path) = value, path.hasPrefix("data/") {
                    row += "<td><a href=\"\(HTMLText.escape(String(path.dropFirst(5))))\">\(HTMLText.escape(path))</a></td>"
                } else if case .reference(let id) = value {
                    row += "<td><a href=\"#\(id.rawValue)\">\(HTMLText.escape(String(id.rawValue.prefix(12))))…</a></td>"
                } else {
                    row += "<td>\(HTMLText.escape(value.lexicalForm))</td>"
                }
            }
            let meta = record.metadata
            row += "<td>\(HTMLText.escape(meta.legalBasis.article))</td><td>\(HTMLText.escape(meta.provenance.rawValue))</td><td>\(HTMLText.escape(meta.source))</td>"
            html.line(row + "</tr>")
        }
        html.line("</table>")
    }

    private func renderLeftOut(_ context: Context, _ words: PageVocabulary, _ html: inout HTMLBuilder) {
        html.element("h2", words.text(.leftOut))
        if context.unreadable > 0 {
            html.element("p", words.unreadable(context.unreadable, contact: context.contact ?? context.controllerName))
        }
        guard !context.exclusions.isEmpty else {
            if context.unreadable == 0 { html.element("p", words.text(.leftOutNone)) }
            return
        }
        html.element("p", words.text(.leftOutIntro))
        html.line("<table>")
        html.line("<tr><th>\(HTMLText.escape(words.text(.kind)))</th><th>\(HTMLText.escape(words.text(.sourceColumn)))</th><th>\(HTMLText.escape(words.text(.records)))</th><th>\(HTMLText.escape(words.text(.reason)))</th></tr>")
        for entry in context.exclusions {
            html.line("<tr><td>\(HTMLText.escape(words.kindTitle(entry.kind)))</td><td>\(HTMLText.escape(entry.source))</td><td class=\"n\">\(entry.records)</td><td>\(HTMLText.escape(words.exclusion(entry.reason)))</td></tr>")
        }
        html.line("</table>")
    }

    private static let style = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;line-height:1.4}"
        + "table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}th,td{border:1px solid #bbb;padding:.25em .5em;"
        + "text-align:left;vertical-align:top;white-space:pre-wrap}th{background:#eee}td.n{text-align:right}dt{font-weight:bold}"
}

/// Lines of HTML, each escaped where it holds text.
struct HTMLBuilder {
    private(set) var text = ""

    mutating func line(_ markup: String) {
        text += markup
        text += "\n"
    }

    mutating func element(_ name: String, _ content: String) {
        line("<\(name)>\(HTMLText.escape(content))</\(name)>")
    }

    mutating func definition(_ term: String, _ description: String) {
        line("<dt>\(HTMLText.escape(term))</dt><dd>\(HTMLText.escape(description))</dd>")
    }
}
