import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

@Suite struct PortaConfigTests {
    let minimal = """
        porta: 1
        controller: { id: shop-ab, name: Shop AB, country: SE }
        sources:
          - id: shop
            connector: sqlite
            path: shop.sqlite
            subjects: { table: customers, key: id, identifiers: { email: email } }
            records:
              - kind: person
                table: customers
                key: id
                subject: id
                provenance: provided
                legal-basis: contract
                category: identification
                fields: { givenName: given_name }
        """

    func parse(_ yaml: String) throws -> PortaConfig {
        try PortaConfig.parse(yaml: yaml, file: "porta.yml", baseDirectory: "/srv/porta")
    }

    func error(_ yaml: String) -> ConfigError? {
        do { _ = try parse(yaml); return nil } catch { return error as? ConfigError }
    }

    @Test func onlyAnAttachmentMappingMayCarryAFile() throws {
        let withFile = minimal.replacingOccurrences(of: "fields: { givenName: given_name }",
                                                    with: "file: { blob: photo }\n        fields: { givenName: given_name }")
        let refusal = try #require(error(withFile))
        #expect(refusal.description.contains("file") && refusal.description.contains("attachment"))
    }

    @Test func anAttachmentFileFolderIsResolvedAgainstTheConfigsFolder() throws {
        let yaml = minimal
            .replacingOccurrences(of: "kind: person", with: "kind: attachment")
            .replacingOccurrences(of: "fields: { givenName: given_name }",
                                  with: "file: { path: stored_path, folder: uploads }\n        fields: { person: id, fileName: given_name }")
        let mapping = try parse(yaml).sources[0].records[0]
        guard case .path(let column, let folder)? = mapping.file else { Issue.record("no path source"); return }
        #expect(column == "stored_path" && folder == "/srv/porta/uploads")
    }

    @Test func anAPIsSubjectParametersMustNameStrongIdentifiers() throws {
        let yaml = """
            porta: 1
            controller: { id: shop-ab, name: Shop AB, country: SE }
            sources:
              - id: support
                connector: http
                http: { url: "https://api.example/tickets", subject-parameters: { name: full_name } }
                subjects: { identifiers: { email: email } }
                records:
                  - kind: message
                    key: id
                    provenance: provided
                    legal-basis: contract
                    category: support
                    fields: { person: { column: customer_id, source: shop }, direction: { value: inbound } }
            """
        let refusal = try #require(error(yaml))
        #expect(refusal.description.contains("subject-parameters.name") && refusal.description.contains("strong identifier"), "\(refusal)")
    }

    @Test func theSampleControllersConfigLoads() throws {
        let config = try PortaConfig.load(from: Repository.path("samples/retailer/porta.yml"))
        #expect(config.controller.name == "Exempelbutiken AB")
        #expect(config.controller.language == "sv")
        #expect(config.sources.map(\.id) == ["shop", "crm", "reviews", "marketing", "storefront", "inquiries", "addressbook", "support"])
        #expect(config.sources[0].records.count >= 10)
        #expect(config.sources[0].location.hasSuffix("samples/retailer/shop.sqlite"))
    }

    @Test func relativeSourcePathsAreTakenFromTheConfigsFolder() throws {
        #expect(try parse(minimal).sources[0].location == "/srv/porta/shop.sqlite")
    }

    @Test func aConfigWithoutAPolicyKeepsWhatArticle20Covers() throws {
        let config = try parse(minimal)
        #expect(config.policy.policy(for: .portability) == .portability(includeConsent: true, includeObserved: false))
        #expect(config.policy.policy(for: .access) == .access)
        #expect(config.policy.warnings.isEmpty)
    }

    @Test func aConfigThatKeepsLessThanArticle20SaysSoAndIsWarned() throws {
        let narrow = minimal + "\npolicy:\n  portability:\n    include-consent: false\n"
        let config = try parse(narrow)
        #expect(config.policy.policy(for: .portability) == .portability(includeConsent: false))
        #expect(config.policy.warnings.count == 1)
        #expect(config.policy.warnings.allSatisfy { $0.contains("Art. 20(1)(a)") })
    }

    @Test func aKeyGivenTwiceIsNamedWithItsLine() throws {
        let twice = minimal.replacingOccurrences(of: "controller: { id: shop-ab, name: Shop AB, country: SE }",
                                                 with: "controller: { id: shop-ab, name: Shop AB, country: SE, id: other }")
        let found = try #require(error(twice))
        #expect(found.line == 2, "\(found)")
        #expect(found.message.contains("the key id twice"), "\(found)")
    }

    @Test func anUnknownKeyIsNamedWithItsPathAndLine() throws {
        let broken = minimal.replacingOccurrences(of: "category: identification", with: "categroy: identification")
        let found = try #require(error(broken))
        #expect(found.keyPath == "sources[0].records[0].categroy")
        #expect(found.line == 15)
        #expect(found.description.hasPrefix("porta.yml:15: sources[0].records[0].categroy: is not a known key"))
    }

    @Test func aMissingKeyIsNamed() throws {
        let broken = minimal.replacingOccurrences(of: "        legal-basis: contract\n", with: "")
        #expect(try #require(error(broken)).keyPath == "sources[0].records[0].legal-basis")
    }

    @Test func aWrongProvenanceListsTheAllowedValues() throws {
        let broken = minimal.replacingOccurrences(of: "provenance: provided", with: "provenance: bought")
        let found = try #require(error(broken))
        #expect(found.keyPath == "sources[0].records[0].provenance")
        #expect(found.message.contains("provided, observed, derived, acquired"))
    }

    @Test func anUnknownFieldOfAKindIsRefused() throws {
        let broken = minimal.replacingOccurrences(of: "givenName: given_name", with: "shoeSize: shoe")
        #expect(try #require(error(broken)).keyPath == "sources[0].records[0].fields.shoeSize")
    }

    @Test func aRequiredFieldMustBeMapped() throws {
        let broken = minimal.replacingOccurrences(of: "kind: person", with: "kind: order")
            .replacingOccurrences(of: "givenName: given_name", with: "status: status")
        let found = try #require(error(broken))
        #expect(found.keyPath == "sources[0].records[0].fields")
        #expect(found.message.contains("required field"))
    }

    @Test func aNameIsNeverAStrongIdentifier() throws {
        let broken = minimal.replacingOccurrences(of: "identifiers: { email: email }", with: "identifiers: { name: full_name }")
        let found = try #require(error(broken))
        #expect(found.keyPath == "sources[0].subjects.identifiers.name")
    }

    @Test func sqlNamesMustBePlainIdentifiers() throws {
        let broken = minimal.replacingOccurrences(of: "table: customers\n", with: "table: \"customers; DROP TABLE x\"\n")
        #expect(try #require(error(broken)).keyPath == "sources[0].records[0].table")
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let found = try #require(error("porta: 1\ncontroller: [unclosed\n"))
        #expect(found.line != nil)
        #expect(found.message.contains("not valid YAML"))
    }

    @Test func duplicateSourceIdsAreRefused() throws {
        let source = minimal.components(separatedBy: "sources:\n")[1]
        #expect(error(minimal + "\n" + source) != nil)
    }

    @Test func aKeyGivenTwiceIsRefused() throws {
        let broken = minimal.replacingOccurrences(of: "key: id\n        subject", with: "key: id\n        key: id\n        subject")
        #expect(error(broken) != nil)
    }
}
