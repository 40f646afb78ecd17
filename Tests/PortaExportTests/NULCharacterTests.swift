import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// A text value holding NUL (U+0000) is carried whole in every format, as XML's other
/// forbidden characters are: never cut at the NUL. Text whose bytes are not UTF-8 is a broken
/// row, never a repaired value.
@Suite struct NULCharacterTests {
    /// The sample with Anna's review body set to `A`, NUL, `B` in the shop's SQLite database.
    func exportWithANULInAReview() async throws -> (bundle: String, out: TemporaryFolder) {
        let sample = try SampleController(), out = TemporaryFolder()
        try sample.execute("UPDATE reviews SET body = 'A' || char(0) || 'B' WHERE customer_id = 1")
        return (try await sample.export(purpose: .access, into: out.path).bundlePath, out)
    }

    @Test func jsonEscapesTheNULInsteadOfCuttingTheText() async throws {
        let (bundle, out) = try await exportWithANULInAReview()
        defer { withExtendedLifetime(out) {} }
        let json = try String(contentsOfFile: bundle + "/data/json/review.json", encoding: .utf8)
        #expect(json.contains(#""body":"A\u0000B""#), "\(json)")
    }

    @Test func csvHoldsTheWholeText() async throws {
        let (bundle, out) = try await exportWithANULInAReview()
        defer { withExtendedLifetime(out) {} }
        let csv = try Data(contentsOf: URL(fileURLWithPath: bundle + "/data/csv/review.csv"))
        #expect(csv.firstRange(of: Data("A\u{0}B".utf8)) != nil)
    }

    @Test func xmlCarriesTheTextAsBase64() async throws {
        let (bundle, out) = try await exportWithANULInAReview()
        defer { withExtendedLifetime(out) {} }
        let xml = try String(contentsOfFile: bundle + "/data/xml/review.xml", encoding: .utf8)
        #expect(xml.contains(#"encoding="base64">QQBC<"#), "\(xml)")
    }

    @Test func outsideValidatorsAcceptTheBundle() async throws {
        let (bundle, out) = try await exportWithANULInAReview()
        defer { withExtendedLifetime(out) {} }
        let frictionless = try PeerTool.frictionlessValidate(bundle + "/data/csv/datapackage.json")
        #expect(frictionless.status == 0, "\(frictionless.combined)")
        let schema = try PeerTool.checkJSONSchema(Repository.path("formats/json/review.schema.json"), [bundle + "/data/json/review.json"])
        #expect(schema.status == 0, "\(schema.combined)")
        let xmllint = try PeerTool.xmllintSchema(Repository.path("formats/xml/porta-1.xsd"), [bundle + "/data/xml/review.xml"])
        #expect(xmllint.status == 0, "\(xmllint.combined)")
    }

    @Test func portaVerifyAcceptsTheBundleAtEveryLevel() async throws {
        let (bundle, out) = try await exportWithANULInAReview()
        defer { withExtendedLifetime(out) {} }
        let verify = try ExternalProcess.porta(["verify", bundle])
        #expect(verify.status == 0, "\(verify.combined)")
    }

    @Test func textThatIsNotUTF8IsABrokenRowNotARepairedValue() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        try sample.execute("UPDATE reviews SET body = CAST(X'41FF42' AS TEXT) WHERE customer_id = 1")
        let error = try await ExportFailure.anyError { try await sample.export(purpose: .access, into: out.path) }
        let row = try #require(error as? ConnectorError, "\(error)")
        #expect(row.code == .invalidRow && row.message.contains("body") && row.message.contains("binary"), "\(row)")
    }
}
