import Foundation
import PortaFormats
import PortaModel
import PortaTestSupport
import Testing

/// Every record states its provenance, legal basis and category also as W3C DPV terms, in
/// all three formats, and the manifest carries the JSON-LD context and the right exercised.
@Suite struct DPVTermTests {
    @Test func everyRecordCarriesTheDPVTermsOfItsFieldsInEveryFormat() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(purpose: .access, into: out.path).bundlePath
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: bundle + "/data/json").sorted() {
            let kind = try #require(RecordKind(named: String(file.dropLast(5))))
            for format in RecordFileFormat.allCases {
                var reader = try format.openReader(path: bundle + "/" + format.path(kind), name: format.path(kind), kind: kind)
                while let record = try reader.next() {
                    let metadata = record.metadata
                    #expect(MetadataField.dpvProvenance.text(of: metadata) == DPVTerms.term(metadata.provenance))
                    #expect(MetadataField.dpvLegalBasis.text(of: metadata) == DPVTerms.term(metadata.legalBasis))
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
        let orders = try String(contentsOfFile: bundle + "/data/json/order.json", encoding: .utf8)
        #expect(orders.contains("\"dpvProvenance\":\"dpv:ProvidedPersonalData\",\"dpvLegalBasis\":\"eu-gdpr:A6-1-b\",\"dpvCategory\":\"pd:Transactional\""))
        let csvHeader = try String(contentsOfFile: bundle + "/data/csv/order.csv", encoding: .utf8).split(separator: "\r\n")[0]
        #expect(csvHeader.hasPrefix("id,source,sourceKey,provenance,legalBasis,category,dpvProvenance,dpvLegalBasis,dpvCategory,"))
        let xml = try String(contentsOfFile: bundle + "/data/xml/order.xml", encoding: .utf8)
        #expect(xml.contains("<dpvLegalBasis>eu-gdpr:A6-1-b</dpvLegalBasis>"))
    }

    @Test func theManifestNamesTheRightAndCarriesTheJSONLDContext() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle + "/porta-manifest.json"))) as? [String: Any])
        let context = try #require(manifest["@context"] as? [String: Any])
        #expect(context["dpv"] as? String == "https://w3id.org/dpv#")
        #expect(context["eu-gdpr"] as? String == "https://w3id.org/dpv/legal/eu/gdpr#")
        #expect((manifest["request"] as? [String: Any])?["right"] as? String == "eu-gdpr:A20")
    }

    @Test func everyTermIsACompactIRIWithADeclaredPrefix() {
        let prefixes = Set(DPVTerms.prefixes.map(\.prefix))
        let terms = Provenance.allCases.map(DPVTerms.term) + LegalBasis.allCases.map(DPVTerms.term)
            + Purpose.allCases.map(DPVTerms.term) + Array(DPVTerms.categories.values)
        for term in terms {
            let parts = term.split(separator: ":")
            #expect(parts.count == 2 && prefixes.contains(String(parts[0])) && parts[1].first?.isLetter == true, "\(term)")
        }
    }
}
