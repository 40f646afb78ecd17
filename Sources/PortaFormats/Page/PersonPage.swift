import PortaBytes
import PortaModel

/// `data/index.html`: one offline page on which the person reads their data, in Swedish or
/// English: a summary first (who holds what, how many records of which kinds from which
/// systems, what was left out and why, the person's rights and whom to contact), then "you" —
/// the person as each system knows them — and the other records, each value in words, times
/// in the controller's zone, references by what they point to, pictures the person sent
/// inline; then who holds the data, why, what was left out, and the machine-readable files.
///
/// The page has no scripts or fonts and loads nothing but the bundle's own pictures (its
/// Content-Security-Policy forbids the rest). It keeps at most ``rowLimit`` rows per kind, so memory stays flat for a
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
        /// The controller's time zone (IANA), in which the page shows times; UTC when nil.
        public var timeZone: String?

        public init(controllerName: String, organisationNumber: String?, country: String, contact: String?, purpose: Purpose,
                    createdAt: Timestamp, bundleID: String, language: PageLanguage, exclusions: [ExclusionTally.Entry],
                    unreadable: Int = 0, timeZone: String? = nil) {
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
            self.timeZone = timeZone
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
    private var sources: [String] = []

    public init(rowLimit: Int = 500, catalogue: RecordCatalogue = .porta1) {
        self.rowLimit = rowLimit
        self.catalogue = catalogue
    }

    /// The kinds shown together as "you": the person as each system knows them.
    static let youKinds: [RecordKind] = [.person, .emailAddress, .phoneNumber, .identifier, .postalAddress]

    /// Takes the next record of the bundle.
    public mutating func add(_ record: CanonicalRecord) {
        counts[record.kind, default: 0] += 1
        legalBases.insert(record.metadata.legalBasis)
        provenances.insert(record.metadata.provenance)
        if !sources.contains(record.metadata.source) { sources.append(record.metadata.source) }
        if rows[record.kind, default: []].count < rowLimit { rows[record.kind, default: []].append(record) }
    }

    /// The page as UTF-8.
    public func render(_ context: Context) -> [UInt8] {
        let words = PageVocabulary(language: context.language)
        let values = PageValues(words: words, zoneName: context.timeZone)
        let labels = referenceLabels(values)
        var html = HTMLBuilder()
        html.line("<!DOCTYPE html>")
        html.line("<html lang=\"\(context.language.rawValue)\">")
        html.line("<head>")
        html.line("<meta charset=\"utf-8\">")
        html.line("<meta http-equiv=\"Content-Security-Policy\" content=\"\(PageSafety.contentSecurityPolicy)\">")
        html.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.line("<title>\(HTMLText.escape(words.text(.title) + " – " + context.controllerName))</title>")
        html.line("<style>\(PageStyle.css)</style>")
        html.line("</head>")
        html.line("<body>")
        html.element("h1", words.text(.title) + " – " + context.controllerName)
        html.element("p", words.text(.intro))
        renderSummary(context, words, values, &html)
        let shown = catalogue.kinds.filter { counts[$0] != nil }
        let you = shown.filter(Self.youKinds.contains)
        if !you.isEmpty {
            html.line("<h2 id=\"you\">\(HTMLText.escape(words.text(.youSection)))</h2>")
            html.element("p", words.text(.youIntro))
            for kind in you { renderKind(kind, words, values, labels, &html) }
        }
        let more = shown.filter { !Self.youKinds.contains($0) }
        if !more.isEmpty {
            html.line("<h2 id=\"more\">\(HTMLText.escape(words.text(.more)))</h2>")
            for kind in more { renderKind(kind, words, values, labels, &html) }
        }
        renderWho(context, words, values, &html)
        renderWhy(words, &html)
        renderLeftOut(context, words, &html)
        renderFiles(context, words, &html)
        html.line("</body>")
        html.line("</html>")
        return Array(html.text.utf8)
    }

    private func renderSummary(_ context: Context, _ words: PageVocabulary, _ values: PageValues, _ html: inout HTMLBuilder) {
        html.line("<h2 id=\"summary\">\(HTMLText.escape(words.text(.summary)))</h2>")
        if counts.isEmpty {
            html.element("p", words.text(context.exclusions.isEmpty ? .noneFound : .noneCovered))
        } else {
            let total = counts.values.reduce(0, +)
            html.element("p", words.summary(controller: context.controllerName, records: total, kinds: counts.count, sources: sources))
            html.line("<ul>")
            for kind in catalogue.kinds {
                guard let count = counts[kind] else { continue }
                html.line("<li><a href=\"#\(kind.name)\">\(HTMLText.escape(words.kindTitle(kind)))</a>: \(count)</li>")
            }
            html.line("</ul>")
        }
        if context.unreadable > 0 {
            html.element("p", words.unreadable(context.unreadable, contact: context.contact ?? context.controllerName))
        }
        if !context.exclusions.isEmpty {
            // One sentence per reason, naming the kinds it left out.
            var reasons: [ExclusionReason] = []
            for entry in context.exclusions where !reasons.contains(entry.reason) { reasons.append(entry.reason) }
            html.line("<ul>")
            for reason in reasons {
                let entries = context.exclusions.filter { $0.reason == reason }
                var kinds: [(RecordKind, Int)] = []
                for entry in entries {
                    if let index = kinds.firstIndex(where: { $0.0 == entry.kind }) { kinds[index].1 += entry.records } else { kinds.append((entry.kind, entry.records)) }
                }
                html.element("li", words.leftOutSentence(entries.reduce(0) { $0 + $1.records },
                                                         kinds: kinds.map { "\(words.kindTitle($0.0).lowercased()) \($0.1)" },
                                                         reason: words.exclusion(reason)))
            }
            html.line("</ul>")
        }
        if !counts.isEmpty { html.element("p", words.zoneSentence(values.zoneName)) }
        html.line("<h3 id=\"rights\">\(HTMLText.escape(words.text(.rights)))</h3>")
        html.element("p", words.text(.rightsIntro))
        html.line("<ul>")
        for right in [PageVocabulary.Phrase.rightAccess, .rightRectify, .rightErase, .rightRestrict, .rightObject, .rightPort, .rightComplain] {
            html.element("li", words.text(right))
        }
        html.line("</ul>")
        html.element("p", words.contactSentence(contact: context.contact ?? context.controllerName, country: context.country))
    }

    private func renderWho(_ context: Context, _ words: PageVocabulary, _ values: PageValues, _ html: inout HTMLBuilder) {
        html.element("h2", words.text(.who))
        html.line("<dl>")
        html.definition(words.text(.controller), context.controllerName + " (" + context.country + ")")
        if let number = context.organisationNumber { html.definition(words.text(.organisationNumber), number) }
        if let contact = context.contact { html.definition(words.text(.contact), contact) }
        html.definition(words.text(.request), words.purpose(context.purpose))
        html.definition(words.text(.created), values.dateTime(context.createdAt))
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

    private func renderFiles(_ context: Context, _ words: PageVocabulary, _ html: inout HTMLBuilder) {
        guard !counts.isEmpty else { return }
        html.element("h2", words.text(.machineReadable))
        html.line("<div class=\"scroll\"><table>")
        html.line("<tr><th scope=\"col\">\(HTMLText.escape(words.text(.kind)))</th><th scope=\"col\">\(HTMLText.escape(words.text(.records)))</th><th scope=\"col\">\(HTMLText.escape(words.text(.files)))</th></tr>")
        for kind in catalogue.kinds {
            guard let count = counts[kind] else { continue }
            let links = ["json/\(kind.name).json", "csv/\(kind.name).csv", "xml/\(kind.name).xml"]
                .map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: " ")
            html.line("<tr><td>\(HTMLText.escape(words.kindTitle(kind)))</td><td class=\"n\">\(count)</td><td>\(links)</td></tr>")
        }
        html.line("</table></div>")
    }

    private func renderKind(_ kind: RecordKind, _ words: PageVocabulary, _ values: PageValues, _ labels: [RecordID: String],
                            _ html: inout HTMLBuilder) {
        let kindRows = rows[kind] ?? [], count = counts[kind] ?? 0
        html.line("<h3 id=\"\(kind.name)\">\(HTMLText.escape(words.kindTitle(kind))) (\(count))</h3>")
        if count > kindRows.count {
            html.element("p", words.showing(kindRows.count, of: count))
        }
        let fields = kind.fields.filter { field in
            field.name != "person" && kindRows.contains { $0[field.name] != nil }
        }
        html.line("<div class=\"scroll\"><table>")
        var header = "<tr>"
        for field in fields {
            header += "<th scope=\"col\" title=\"\(HTMLText.escape(field.summary))\">\(HTMLText.escape(words.label(field.name)))</th>"
        }
        for name in ["source", "provenance", "legalBasis"] { header += "<th scope=\"col\">\(HTMLText.escape(words.label(name)))</th>" }
        html.line(header + "</tr>")
        for record in kindRows {
            var row = "<tr id=\"\(record.id.rawValue)\">"
            for field in fields {
                guard let value = record[field.name] else { row += "<td></td>"; continue }
                row += "<td>" + cell(value, field: field, record: record, words, values, labels) + "</td>"
            }
            let meta = record.metadata
            row += "<td>\(HTMLText.escape(meta.source))</td><td>\(HTMLText.escape(words.provenanceShort(meta.provenance)))</td>"
                + "<td>\(HTMLText.escape(words.legalBasisShort(meta.legalBasis)))</td>"
            html.line(row + "</tr>")
        }
        html.line("</table></div>")
    }

    /// One cell's markup: the value in words, the exact value in a title where they differ,
    /// a reference as what it points to, a picture the person sent shown inline.
    private func cell(_ value: FieldValue, field: FieldDefinition, record: CanonicalRecord, _ words: PageVocabulary,
                      _ values: PageValues, _ labels: [RecordID: String]) -> String {
        if case .reference(let id) = value {
            let label = labels[id] ?? ((catalogue.kinds.first { $0.idPrefix == String(id.prefix) }).map(words.kindTitle) ?? id.rawValue)
            return "<a href=\"#\(id.rawValue)\" title=\"\(id.rawValue)\">\(HTMLText.escape(label))</a>"
        }
        if record.kind == .attachment, field.name == "path", case .text(let path) = value, path.hasPrefix("data/") {
            let local = HTMLText.escape(String(path.dropFirst(5)))
            var markup = "<a href=\"\(local)\">\(HTMLText.escape(String(path.dropFirst(11))))</a>"
            if case .text(let type)? = record["mediaType"], ["image/png", "image/jpeg", "image/gif", "image/webp"].contains(type) {
                let name: String = if case .text(let file)? = record["fileName"] { file } else { "" }
                markup += "<br><img src=\"\(local)\" alt=\"\(HTMLText.escape(words.text(.image) + ": " + name))\">"
            }
            return markup
        }
        let shown = values.text(value, field: field)
        let exact = value.lexicalForm
        return shown == exact ? HTMLText.escape(shown) : "<span title=\"\(HTMLText.escape(exact))\">\(HTMLText.escape(shown))</span>"
    }

    /// What each kept record is called where another refers to it: "you", an address's street,
    /// an order's number, a message's subject, else its first text.
    private func referenceLabels(_ values: PageValues) -> [RecordID: String] {
        var labels: [RecordID: String] = [:]
        for (kind, kindRows) in rows {
            for record in kindRows {
                func text(_ name: String) -> String? {
                    guard let field = kind.field(named: name), let value = record[name] else { return nil }
                    return values.text(value, field: field)
                }
                let label: String? = switch kind {
                case .person: values.words.text(.you)
                case .postalAddress: [text("street"), text("locality")].compactMap { $0 }.joined(separator: ", ")
                case .order: text("orderNumber")
                case .message: text("subject") ?? text("sentAt")
                case .attachment: text("fileName")
                default: kind.fields.lazy.compactMap { field -> String? in
                    switch field.type { case .text, .code: text(field.name); default: nil }
                }.first
                }
                labels[record.id] = label ?? values.words.kindTitle(kind)
            }
        }
        return labels
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
        html.line("<div class=\"scroll\"><table>")
        html.line("<tr><th scope=\"col\">\(HTMLText.escape(words.text(.kind)))</th><th scope=\"col\">\(HTMLText.escape(words.text(.sourceColumn)))</th><th scope=\"col\">\(HTMLText.escape(words.text(.records)))</th><th scope=\"col\">\(HTMLText.escape(words.text(.reason)))</th></tr>")
        for entry in context.exclusions {
            html.line("<tr><td>\(HTMLText.escape(words.kindTitle(entry.kind)))</td><td>\(HTMLText.escape(entry.source))</td><td class=\"n\">\(entry.records)</td><td>\(HTMLText.escape(words.exclusion(entry.reason)))</td></tr>")
        }
        html.line("</table></div>")
    }
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
