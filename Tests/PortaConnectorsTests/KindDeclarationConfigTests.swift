import PortaConnectors
import PortaModel
import Testing

/// `kinds:` in porta.yml: a controller declares its own record kinds, and mappings use them.
@Suite struct KindDeclarationConfigTests {
    func config(kinds: String, mapping: String = "") -> String {
        """
        porta: 1
        controller: { id: gym, name: Gym AB, country: SE }
        kinds:
        \(kinds)
        sources:
          - id: members
            connector: sqlite
            path: members.sqlite
            subjects: { table: medlem, key: id, identifiers: { email: epost } }
            records:
              - kind: person
                table: medlem
                key: id
                subject: id
                provenance: provided
                legal-basis: contract
                category: identification
                fields: { givenName: fornamn }
        \(mapping)
        """
    }

    let membership = """
          membership:
            id-prefix: mbr
            title: Membership
            fields:
              person: { type: reference, to: person, required: true, summary: The member. }
              plan: { type: code, values: [gold, silver], required: true, summary: The plan. }
              fee: { type: money, summary: The monthly fee. }
              points: { type: decimal, summary: Loyalty points. }
        """

    let membershipMapping = """
              - kind: membership
                table: medlemskap
                key: id
                subject: medlem_id
                provenance: provided
                legal-basis: contract
                category: membership
                fields:
                  person: medlem_id
                  plan: { column: plan, map: { GULD: gold, SILVER: silver } }
                  fee: { amount: avgift_ore, currency: { value: SEK }, minor-units: true }
                  points: { column: poang, decimal-comma: true }
        """

    func parse(_ yaml: String) throws -> PortaConfig {
        try PortaConfig.parse(yaml: yaml, file: "porta.yml", baseDirectory: "/srv/gym")
    }

    func refusal(_ yaml: String) -> String {
        do { _ = try parse(yaml); return "" } catch { return "\(error)" }
    }

    @Test func aDeclaredKindJoinsTheCatalogueAndAMappingMayUseIt() throws {
        let parsed = try parse(config(kinds: membership, mapping: membershipMapping))
        #expect(parsed.catalogue.extensions.map(\.name) == ["membership"])
        let kind = try #require(parsed.catalogue.kind(named: "membership"))
        #expect(kind.fields.map(\.type) == [.reference(to: .person), .code(["gold", "silver"]), .money, .decimal])
        #expect(kind.fields.map(\.isRequired) == [true, true, false, false])
        #expect(parsed.sources[0].records[1].kind == kind)
    }

    @Test func aMappingOfAnUndeclaredKindNamesTheKindsThereAre() {
        let message = refusal(config(kinds: membership, mapping: membershipMapping.replacingOccurrences(of: "kind: membership", with: "kind: booking")))
        #expect(message.contains("records[1].kind") && message.contains("membership"), "\(message)")
    }

    @Test func anUnknownTypeIsRefusedByLine() {
        let message = refusal(config(kinds: membership.replacingOccurrences(of: "type: decimal", with: "type: float")))
        #expect(message.contains("porta.yml:11") && message.contains("kinds.membership.fields.points.type"), "\(message)")
    }

    @Test func aCodeWithoutValuesIsRefused() {
        let message = refusal(config(kinds: membership.replacingOccurrences(of: "values: [gold, silver], ", with: "")))
        #expect(message.contains("kinds.membership.fields.plan") && message.contains("code lists its values"), "\(message)")
    }

    @Test func aReferenceToAKindNoOneDeclaredIsRefused() {
        let message = refusal(config(kinds: membership.replacingOccurrences(of: "to: person", with: "to: customer")))
        #expect(message.contains("kinds.membership.fields.person.to") && message.contains("names no kind"), "\(message)")
    }

    @Test func aKindMayReferToOneDeclaredAfterIt() throws {
        let payment = """
              payment:
                id-prefix: pay
                title: Payment
                fields:
                  membership: { type: reference, to: membership, summary: What it paid for. }
            """
        #expect(try parse(config(kinds: payment + "\n" + membership)).catalogue.extensions.map(\.name) == ["payment", "membership"])
    }

    @Test func aKindMayNotTakeTheNameOrPrefixOfAPorta1Kind() {
        #expect(refusal(config(kinds: membership.replacingOccurrences(of: "  membership:", with: "  order:"))).contains("already a kind's"))
        #expect(refusal(config(kinds: membership.replacingOccurrences(of: "id-prefix: mbr", with: "id-prefix: ord"))).contains("already a kind's"))
    }

    @Test func aFieldNamedAsMetadataIsRefusedAtItsLine() {
        let message = refusal(config(kinds: membership.replacingOccurrences(of: "      points:", with: "      source:")))
        #expect(message.contains("porta.yml:11") && message.contains("metadata"), "\(message)")
    }

    @Test func everyFieldNeedsASummary() {
        let message = refusal(config(kinds: membership.replacingOccurrences(of: ", summary: Loyalty points.", with: "")))
        #expect(message.contains("kinds.membership.fields.points.summary") && message.contains("missing"), "\(message)")
    }
}
