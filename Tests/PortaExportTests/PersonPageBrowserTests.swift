import Foundation
import PortaModel
import PortaTestSupport
import Testing

/// The sample's page for the person, laid out by headless Chromium at a phone's and a
/// laptop's width, in Swedish and English.
@Suite struct PersonPageBrowserTests {
    let out = TemporaryFolder("porta-page")

    func page(_ language: String) async throws -> String {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "  language: sv", with: "  language: \(language)") })
        return try await sample.export(purpose: .access, requestID: "page-\(language)", into: out.path).bundlePath + "/data/index.html"
    }

    @Test(arguments: ["sv", "en"], [360, 1280])
    func nothingIsWiderThanTheScreenButInsideAScrollBox(_ language: String, _ width: Int) async throws {
        let path = try await page(language), shot = out.file("page-\(language)-\(width).png")
        let layout = try BrowserCheck.layout(of: path, width: width, screenshot: shot)
        #expect(layout.width == width)
        #expect(layout.overflowing.isEmpty, "\(layout.overflowing)")
        #expect(!layout.documentScrollsSideways)
        let png = try #require(FileManager.default.contents(atPath: shot))
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func theSwedishPageShowsNoEnglishValueOfPorta1() async throws {
        let text = try BrowserCheck.layout(of: try await page("sv"), width: 1280).text
        // File names (json/consent.json) are names, not words of the page.
        let prose = text.replacing(#/\b(json|csv|xml)/[a-z-]+\.(json|csv|xml)\b/#, with: "")
        let words = Set(prose.split { !$0.isLetter && $0 != "-" }.map(String.init))
        var english = Set(Provenance.allCases.map(\.rawValue) + LegalBasis.allCases.map(\.rawValue))
        for kind in RecordKind.all {
            for field in kind.fields { if case .code(let values) = field.type { english.formUnion(values) } }
        }
        english.formUnion(["delivered", "shipped", "cancelled", "true", "false", "Given", "Recorded", "Contract", "Consent"])
        english.subtract(["personnummer", "samordningsnummer"])   // Swedish words already
        #expect(words.intersection(english).isEmpty, "\(words.intersection(english).sorted())")
    }

    @Test func thePersonIsTheSameYouInEverySourceAndReferencesSayWhatTheyPointTo() async throws {
        let text = try BrowserCheck.layout(of: try await page("sv"), width: 1280).text
        #expect(text.contains("Så här känner företagets system dig."))
        #expect(text.contains("Kungsgatan 12, Göteborg"), "an order's delivery address by its street")
        #expect(text.contains("10 juni 2023 kl. 12:05"), "a time in the controller's zone")
        #expect(text.contains("1\u{A0}048,00 SEK"), "money grouped with a no-break space and a decimal comma")
        #expect(text.contains("Kontakta dataskydd@exempelbutiken.example"))
    }

    @Test func picturesThePersonSentAreShownFromTheBundle() async throws {
        let path = try await page("en")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<img src=\"files/att_"))
        #expect(try BrowserCheck.layout(of: path, width: 1280).brokenPictures == 0)
    }
}
