import Foundation
@testable import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// `data/index.html`: the page the person reads.
@Suite struct PersonPageTests {
    func context(_ language: PageLanguage, exclusions: [ExclusionTally.Entry] = []) -> PersonPage.Context {
        PersonPage.Context(controllerName: "Exempelbutiken AB", organisationNumber: "556677-8899", country: "SE",
                           contact: "dataskydd@exempelbutiken.example", purpose: .portability,
                           createdAt: Timestamp(seconds: 1_767_225_600), bundleID: "urn:uuid:x", language: language, exclusions: exclusions)
    }

    func render(_ records: [CanonicalRecord], _ language: PageLanguage = .english, rowLimit: Int = 500,
                exclusions: [ExclusionTally.Entry] = []) -> String {
        var page = PersonPage(rowLimit: rowLimit)
        for record in records { page.add(record) }
        return String(decoding: page.render(context(language, exclusions: exclusions)), as: UTF8.self)
    }

    @Test func isInTheBundlesLanguage() throws {
        let records = [try ExampleRecords.full(.order)]
        #expect(render(records, PageLanguage(tag: "sv-SE")).contains("<html lang=\"sv\">"))
        #expect(render(records, PageLanguage(tag: "sv-SE")).contains("Beställning"))
        #expect(render(records, PageLanguage(tag: "en")).contains("Your personal data"))
        #expect(PageLanguage(tag: "de") == .english)
    }

    @Test func explainsTheLegalBasisInPlainWords() throws {
        let page = render([try ExampleRecords.full(.order)], .swedish)
        #expect(page.contains("det behövs för att fullgöra ett avtal med dig"))
    }

    @Test func showsEachKindAsATable() throws {
        let page = render(try RecordKind.all.map { try ExampleRecords.full($0) })
        for kind in RecordKind.all { #expect(page.contains("<h3 id=\"\(kind.name)\">")) }
    }

    @Test func saysWhatWasLeftOutAndWhy() throws {
        var tally = ExclusionTally()
        tally.count(source: "shop", kind: .webActivity, reason: .provenanceNotCovered(.observed))
        tally.count(source: "shop", kind: .webActivity, reason: .provenanceNotCovered(.observed))
        let page = render([try ExampleRecords.full(.order)], .swedish, exclusions: tally.entries)
        #expect(page.contains("Webbaktivitet</td><td>shop</td><td class=\"n\">2</td>"))
        #expect(page.contains("Uppgifter som registrerats när du använt tjänsten"))
        #expect(render([], .english).contains("No data about you was left out."))
    }

    @Test func loadsNothingAndRunsNothing() throws {
        let page = render(try RecordKind.all.map { try ExampleRecords.full($0) })
        #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(!page.contains("<script") && !page.contains("http://") && !page.contains("https://") && !page.contains("<link"))
    }

    @Test func escapesMarkupAndShowsControlCharacters() throws {
        let record = try RoundTripTests.review("1", body: "<script>alert(1)</script> & \u{01}")
        let page = render([record])
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \u{2401}"))
        #expect(!page.contains("<script>"))
    }

    @Test func cutsLongTablesAtTheRowLimitAndSaysSo() throws {
        let records = try (0..<30).map { try RoundTripTests.review("\($0)", body: "text \($0)") }
        let page = render(records, rowLimit: 10)
        #expect(page.components(separatedBy: "<tr id=\"rev_").count - 1 == 10)
        #expect(page.contains("Showing the first 10 of 30."))
    }

    @Test func isWellFormedForAnHTMLParser() throws {
        let folder = TemporaryFolder()
        let path = try RecordFileFixture.save(Array(render(try RecordKind.all.map { try ExampleRecords.full($0) }).utf8), as: "index.html", in: folder)
        try PeerTool.require("xmllint")
        let verdict = try ExternalProcess.run("xmllint", ["--html", "--noout", "--nonet", path])
        #expect(verdict.status == 0 && verdict.combined.isEmpty, "\(verdict.combined)")
    }
}

/// The page's words and values: every code of porta/1 in both languages, times in the
/// controller's zone, money and dates as people write them.
@Suite struct PageVocabularyTests {
    @Test(arguments: [PageLanguage.swedish, .english])
    func everyCodeOfPorta1HasWordsInBothLanguages(_ language: PageLanguage) {
        let words = PageVocabulary(language: language)
        for kind in RecordKind.all {
            for field in kind.fields {
                guard case .code(let values) = field.type else { continue }
                for value in values { #expect(words.code(value, field: field.name) != nil, "\(kind.name).\(field.name) = \(value)") }
            }
        }
        for provenance in Provenance.allCases { #expect(!words.provenanceShort(provenance).isEmpty) }
        for basis in LegalBasis.allCases { #expect(!words.legalBasisShort(basis).isEmpty) }
    }

    @Test func aSwedishPageNamesNoEnglishCode() {
        let words = PageVocabulary(language: .swedish)
        for kind in RecordKind.all {
            for field in kind.fields {
                guard case .code(let values) = field.type else { continue }
                for value in values where !["personnummer", "samordningsnummer"].contains(value) {
                    #expect(words.code(value, field: field.name) != value, "\(value)")
                }
            }
        }
    }

    @Test func timesAreShownInTheControllersZoneAndDaysAsPeopleWriteThem() throws {
        let swedish = PageValues(words: PageVocabulary(language: .swedish), zoneName: "Europe/Stockholm")
        #expect(swedish.dateTime(try Timestamp(parsing: "2023-06-10T10:05:00Z")) == "10 juni 2023 kl. 12:05")
        #expect(swedish.dateTime(try Timestamp(parsing: "2024-01-15T23:30:15Z")) == "16 januari 2024 kl. 00:30:15")
        let english = PageValues(words: PageVocabulary(language: .english), zoneName: nil)
        #expect(english.zoneName == "UTC")
        #expect(english.dateTime(try Timestamp(parsing: "1969-12-31T23:00:00Z")) == "31 December 1969, 23:00")
        #expect(english.date(try CalendarDate(parsing: "1985-03-12")) == "12 March 1985")
    }

    @Test func moneyKeepsItsDigitsGroupedInTheLanguagesWay() {
        let swedish = PageValues(words: PageVocabulary(language: .swedish), zoneName: nil)
        let english = PageValues(words: PageVocabulary(language: .english), zoneName: nil)
        #expect(swedish.amount("1234567.50") == "1\u{A0}234\u{A0}567,50")
        #expect(english.amount("-1048.005") == "−1,048.005")
        #expect(swedish.amount("0.10") == "0,10")
    }
}

extension PageVocabularyTests {
    @Test func anExtensionKindsFieldIsLabelledInWords() {
        #expect(PageVocabulary(language: .swedish).label("startsOn") == "Starts on")
        #expect(PageVocabulary(language: .english).label("monthlyFee") == "Monthly fee")
        #expect(PageVocabulary(language: .swedish).label("placedAt") == "Lagd")
    }
}
