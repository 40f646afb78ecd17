import Foundation
import PortaBundle
import PortaFormats
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// The gym sample's own record kinds, end to end: exported from SQLite and PostgreSQL with
/// their conversions, carried in all three formats with schemas made from their declaration,
/// verified at every level, accepted by outside validators, and refused when tampered with.
@Suite struct ExtensionKindBundleTests {
    let out = TemporaryFolder("porta-gym-out")

    func exportSara(purpose: Purpose = .access) async throws -> String {
        try await GymSample().export(purpose: purpose, into: out.path).bundlePath
    }

    func json(_ bundle: String, _ kind: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle + "/data/json/\(kind).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    func levelTwo(_ bundle: String) throws -> [String] {
        let report = try BundleVerifier().verify(bundle)
        #expect(report.levels[0].passed, "\(report.text)")
        return report.levels[1].findings.map { "\($0.code) \($0.path ?? "-")" }
    }

    @Test func everyDeclaredKindIsExportedInEveryFormatAndVerifies() async throws {
        let bundle = try await exportSara()
        let report = try BundleVerifier().verify(bundle)
        #expect(report.isValid, "\(report.text)")
        for kind in ["membership", "booking", "payment", "check-in", "device-reading"] {
            for format in RecordFileFormat.allCases {
                #expect(FileManager.default.fileExists(atPath: bundle + "/data/\(format.rawValue)/\(kind).\(format.rawValue)"), "\(kind) \(format)")
            }
        }
        let xml = try String(contentsOfFile: bundle + "/data/xml/membership.xml", encoding: .utf8)
        #expect(xml.contains("<membership-records xmlns=\"urn:porta:1:extension\">"))
    }

    @Test func theStoredValuesAreConvertedAsTheMappingSays() async throws {
        let bundle = try await exportSara()
        let memberships = try json(bundle, "membership")
        #expect(memberships.map { $0["plan"] as? String } == ["gold", "student"])
        #expect((memberships[0]["monthlyFee"] as? [String: String]) == ["amount": "599.00", "currency": "SEK"])
        #expect(memberships.map { $0["directDebit"] as? Bool } == [true, false])
        // 2024-10-27 02:30 happened twice in Stockholm; the mapping chose the earlier, in summer time.
        let bookings = try json(bundle, "booking")
        #expect(bookings.map { $0["startsAt"] as? String }.first == "2024-10-27T00:30:00Z")
        #expect(bookings.map { $0["status"] as? String } == ["booked", "cancelled", "no-show"])
        let payments = try json(bundle, "payment")
        #expect(payments.map { ($0["amount"] as? [String: String])?["amount"] } == ["599.00", "599.00", "850.00", "-19.90"])
        #expect(payments.map { $0["paidOn"] as? String } == ["2025-02-28", "2025-03-31", "2025-04-04", "2025-04-05"])
        #expect(payments[0]["membership"] as? String == memberships[0]["id"] as? String)
        let checkIns = try json(bundle, "check-in")
        #expect(checkIns.first?["checkedInAt"] as? String == "2025-03-01T16:55:00.123Z")
        let readings = try json(bundle, "device-reading")
        #expect(readings.map { $0["value"] as? String } == ["182.5", "151", "412.75"])
        #expect(readings.map { $0["unit"] as? String } == ["watt", "beats-per-minute", "kilocalorie"])
    }

    @Test func theManifestCarriesTheDeclarationAndFollowsItsPublishedSchema() async throws {
        let bundle = try await exportSara()
        let (manifest, problems) = PortaManifest.read(bag: bundle)
        #expect(problems.isEmpty)
        #expect(manifest?.catalogue.extensions.map(\.name) == ["membership", "booking", "payment", "check-in", "device-reading"])
        let verdict = try PeerTool.checkJSONSchema(Repository.path("formats/json/porta-manifest.schema.json"), [bundle + "/porta-manifest.json"])
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test func outsideValidatorsAcceptTheBundleWithTheSchemasItCarries() async throws {
        let bundle = try await exportSara()
        #expect(try PeerTool.bagitValidate(bundle).status == 0)
        let package = try PeerTool.frictionlessValidate(bundle + "/data/csv/datapackage.json")
        #expect(package.status == 0, "\(package.combined)")
        for kind in ["membership", "booking", "payment", "check-in", "device-reading"] {
            let jsonVerdict = try PeerTool.checkJSONSchema(bundle + "/data/schemas/\(kind).schema.json", [bundle + "/data/json/\(kind).json"])
            #expect(jsonVerdict.status == 0, "\(jsonVerdict.combined)")
        }
        let extensionXML = ["membership", "booking", "payment", "check-in", "device-reading"].map { bundle + "/data/xml/\($0).xml" }
        let xmlVerdict = try PeerTool.xmllintSchema(bundle + "/data/schemas/porta-1-extension.xsd", extensionXML)
        #expect(xmlVerdict.status == 0, "\(xmlVerdict.combined)")
        let porta1XML = ["person", "email-address", "phone-number", "identifier"].map { bundle + "/data/xml/\($0).xml" }
        #expect(try PeerTool.xmllintSchema(Repository.path("formats/xml/porta-1.xsd"), porta1XML).status == 0)
    }

    @Test func outsideValidatorsRefuseARecordTheDeclarationDoesNotAllow() async throws {
        let bundle = try await exportSara()
        try BagFiles.replace("\"plan\":\"gold\"", with: "\"plan\":\"platinum\"", in: bundle + "/data/json/membership.json")
        try BagFiles.replace("<plan>gold</plan>", with: "<plan>platinum</plan>", in: bundle + "/data/xml/membership.xml")
        #expect(try PeerTool.checkJSONSchema(bundle + "/data/schemas/membership.schema.json", [bundle + "/data/json/membership.json"]).status != 0)
        #expect(try PeerTool.xmllintSchema(bundle + "/data/schemas/porta-1-extension.xsd", [bundle + "/data/xml/membership.xml"]).status != 0)
    }

    @Test func aPortabilityBundleCountsTheObservedExtensionRecordsItLeavesOut() async throws {
        let bundle = try await exportSara(purpose: .portability)
        let report = try BundleVerifier().verify(bundle)
        #expect(report.isValid, "\(report.text)")
        let manifest = try #require(PortaManifest.read(bag: bundle).0)
        #expect(manifest.exclusions.map { "\($0.kind) \($0.records)" } == ["check-in 3", "device-reading 3"])
        #expect(!FileManager.default.fileExists(atPath: bundle + "/data/json/check-in.json"))
    }

    @Test func aDeclarationChangedAfterExportNoLongerMatchesTheSchemasTheBundleCarries() async throws {
        let bundle = try await exportSara()
        try BagFiles.replace("\"name\": \"startsOn\",\n          \"type\": \"date\"", with: "\"name\": \"startsOn\",\n          \"type\": \"text\"",
                             in: bundle + "/porta-manifest.json")
        try BagFiles.reseal(bundle)
        let findings = try levelTwo(bundle)
        #expect(findings.contains("extension-schema-mismatch data/schemas/membership.schema.json"), "\(findings)")
        #expect(findings.contains("extension-schema-mismatch data/schemas/porta-1-extension.xsd"), "\(findings)")
    }

    @Test func recordsAreReadAgainstTheDeclarationEvenWhenItsSchemasWereMadeAgainToMatch() async throws {
        let bundle = try await exportSara()
        // A sender narrows the plans to gold and silver and rewrites the schemas under
        // data/schemas/ to agree: Sara's student membership then breaks the declaration in all
        // three formats (and the data package's table schema, made from it too, differs).
        try BagFiles.replace("\"gold\",\n            \"silver\",\n            \"student\"", with: "\"gold\",\n            \"silver\"",
                             in: bundle + "/porta-manifest.json")
        let catalogue = try #require(PortaManifest.read(bag: bundle).0?.catalogue)
        for schema in BundleLayout.extensionSchemas(catalogue) {
            try Data(schema.contents).write(to: URL(fileURLWithPath: bundle + "/" + schema.path))
        }
        try BagFiles.reseal(bundle)
        let findings = try levelTwo(bundle)
        #expect(findings.sorted() == ["bad-csv data/csv/membership.csv", "bad-json data/json/membership.json",
                                      "bad-xml data/xml/membership.xml", "data-package-mismatch data/csv/datapackage.json"], "\(findings)")
    }

    @Test func aCarriedSchemaLoosenedAfterExportIsRefused() async throws {
        let bundle = try await exportSara()
        try BagFiles.replace("\"additionalProperties\": false", with: "\"additionalProperties\": true",
                             in: bundle + "/data/schemas/payment.schema.json")
        try BagFiles.reseal(bundle)
        #expect(try levelTwo(bundle) == ["extension-schema-mismatch data/schemas/payment.schema.json"])
    }

    @Test func aDeclarationThatBreaksTheRulesIsRefusedByPointer() async throws {
        let bundle = try await exportSara()
        try BagFiles.replace("\"name\": \"facility\"", with: "\"name\": \"source\"", in: bundle + "/porta-manifest.json")
        try BagFiles.reseal(bundle)
        let report = try BundleVerifier().verify(bundle)
        let finding = try #require(report.levels[1].findings.first { $0.code == FindingCode.badKindDeclaration.rawValue })
        #expect(finding.message.contains("/kinds/3/fields/source"), "\(finding.message)")
    }

    @Test func anExtensionKindsXMLInThePorta1NamespaceIsRefused() async throws {
        let bundle = try await exportSara()
        try BagFiles.replace("xmlns=\"urn:porta:1:extension\"", with: "xmlns=\"urn:porta:1\"", in: bundle + "/data/xml/booking.xml")
        try BagFiles.reseal(bundle)
        #expect(try levelTwo(bundle) == ["bad-xml data/xml/booking.xml"])
    }

    @Test func theMetadataNamesADeclarationMayNotTakeAreTheFormatsMetadataFields() {
        #expect(RecordKind.metadataFieldNames == Set(MetadataField.allCases.map(\.rawValue)))
    }
}
