import Foundation
import PortaModel
import PortaTestSupport
import Testing

/// `formats/porta-1.md` lists every kind with its fields; the catalogue in code and the text
/// must say the same.
@Suite struct FormatSpecificationTests {
    /// The field rows under each `### \`kind\`` heading: name, type, required.
    func documentedKinds() throws -> [String: (prefix: String, fields: [(String, String, Bool)])] {
        let text = try String(contentsOfFile: Repository.path("formats/porta-1.md"), encoding: .utf8)
        var kinds: [String: (String, [(String, String, Bool)])] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("### `") {
                let parts = line.split(separator: "`")
                current = String(parts[1])
                kinds[current!] = (String(parts[3]), [])
            } else if let kind = current, line.hasPrefix("| `") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                kinds[kind]!.1.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                                       cells[1], cells[2] == "yes"))
            } else if line.hasPrefix("## ") {
                current = nil
            }
        }
        return kinds
    }

    @Test func everyKindIsDocumentedWithItsPrefix() throws {
        let documented = try documentedKinds()
        #expect(Set(documented.keys) == Set(RecordKind.all.map(\.name)))
        for kind in RecordKind.all {
            #expect(documented[kind.name]?.prefix == kind.idPrefix, "\(kind.name)")
        }
    }

    @Test(arguments: RecordKind.all)
    func everyFieldIsDocumentedInOrderWithTypeAndRequiredness(_ kind: RecordKind) throws {
        let fields = try #require(try documentedKinds()[kind.name]).fields
        #expect(fields.map(\.0) == kind.fields.map(\.name))
        for (documented, field) in zip(fields, kind.fields) {
            #expect(documented.1.hasPrefix(field.type.name), "\(kind.name).\(field.name) type")
            #expect(documented.2 == field.isRequired, "\(kind.name).\(field.name) required")
        }
    }
}

extension RecordKind: CustomTestStringConvertible {
    public var testDescription: String { name }
}
