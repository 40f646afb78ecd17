import Foundation
import PortaBytes
@testable import PortaConnectors
import PortaFormats
import PortaTestSupport
import Testing

/// The mail and vCard parsers against real messages and cards from other projects
/// (Tests/Fixtures, with their licences): every one read, none crashing.
@Suite struct MIMECorpusTests {
    static let folder = Repository.path("Tests/Fixtures/mime-messages")
    static let messages: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }()

    @Test func theCorpusIsThere() { #expect(Self.messages.count == 46) }

    @Test(arguments: messages)
    func everyMessageGivesItsHeadersAndParts(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
        let message = MIMEEntity(bytes: bytes)
        #expect(!message.headers.isEmpty || bytes.first == 0x20, "\(name) has no headers")
        for leaf in message.leaves {
            _ = leaf.text
            _ = leaf.attachmentFileName
        }
        _ = message.header("subject").map(EncodedWords.decode)
        _ = message.header("date").flatMap(MailDate.rfc3339)
    }

    @Test func theMboxOfAllMessagesSplitsIntoFortySix() throws {
        var splitter = MboxSplitter(input: try ByteInput(path: Self.folder + "/all.mbox", name: "all.mbox", format: .mbox))
        var count = 0
        while try splitter.nextMessage() != nil { count += 1 }
        #expect(count == 46)
    }

    @Test func encodedWordsAndQuotedPrintableAreDecoded() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.folder + "/bilingual-simple.eml")))
        let message = MIMEEntity(bytes: bytes)
        let subject = EncodedWords.decode(message.header("subject") ?? "")
        #expect(!subject.contains("=?"))
        #expect(!message.leaves[0].text.contains("=C3"))
    }

    @Test func attachmentsComeOutWithTheirNames() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.folder + "/attached-pdf.eml")))
        let pdf = try #require(MIMEEntity(bytes: bytes).leaves.first { $0.attachmentFileName != nil })
        #expect(pdf.attachmentFileName?.hasSuffix(".pdf") == true && pdf.decodedBody.starts(with: Array("%PDF".utf8)))
    }

    @Test(arguments: [("=?utf-8?Q?B=C3=B6jd_t=C3=A4ltpinne?= (order)", "Böjd tältpinne (order)"),
                      ("=?iso-8859-1?q?caf=E9?= =?utf-8?b?w6k=?=", "caféé"),
                      ("plain =?bogus", "plain =?bogus")])
    func encodedWordsDecode(_ raw: String, _ expected: String) {
        #expect(EncodedWords.decode(raw) == expected)
    }
}

@Suite struct VCardCorpusTests {
    static let folder = Repository.path("Tests/Fixtures/vcards")
    /// Cards per file, as Tests/Fixtures/vcards' README (from the corpus) states them.
    static let expectedCards: [String: Int] = [
        "ez-vcard/John_Doe_ANDROID.vcf": 6, "ez-vcard/gmail-list.vcf": 3, "ez-vcard/rfc2426-example.vcf": 2,
        "node-vcf/multiple.vcf": 3, "kcontacts/vcard10.vcf": 5,
    ]
    static let files: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".vcf") }.sorted()
    }()

    static func cards(_ name: String) throws -> [VCard] {
        var parser = VCardParser(input: try ByteInput(path: folder + "/" + name, name: name, format: .vcard))
        var cards: [VCard] = []
        while let card = try parser.nextCard() { cards.append(card) }
        return cards
    }

    @Test func theCorpusIsThere() { #expect(Self.files.count == 43) }

    @Test(arguments: files)
    func everyFileGivesItsStatedNumberOfCards(_ name: String) throws {
        #expect(try Self.cards(name).count == Self.expectedCards[name] ?? 1, "\(name)")
    }

    @Test func quotedPrintableWithSoftBreaksIsDecoded() throws {
        let card = try #require(try Self.cards("ez-vcard/John_Doe_ANDROID.vcf").first)
        #expect(card.properties.allSatisfy { !$0.value.contains("=0D=0A") })
    }

    @Test func foldsInsideUTF8SequencesAreMended() throws {
        let card = try #require(try Self.cards("kcontacts/vcard9.vcf").first)
        #expect(card.oddities.isEmpty, "\(card.oddities)")
        #expect(card.properties.contains { $0.text.unicodeScalars.contains { (0x0370...0x03FF).contains($0.value) } })
    }

    @Test func aLineWithoutAColonIsNotedNotFatal() throws {
        let card = try #require(try Self.cards("kcontacts/vcard4.vcf").first)
        #expect(card.oddities.contains { $0.contains("no colon") })
    }

    @Test func aCardWithoutEndIsAnErrorNamingItsLine() throws {
        let folder = TemporaryFolder()
        try BagFiles.write("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n", to: folder.file("x.vcf"))
        var parser = VCardParser(input: try ByteInput(path: folder.file("x.vcf"), name: "x.vcf", format: .vcard))
        _ = try parser.nextCard()
        let error = try #require(throws: FormatError.self) { try parser.nextCard() }
        #expect(error.line == 5 && error.file == "x.vcf")
    }
}
