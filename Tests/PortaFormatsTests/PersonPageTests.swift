import Foundation
import PortaFormats
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
        for kind in RecordKind.all { #expect(page.contains("<h2 id=\"\(kind.name)\">")) }
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
