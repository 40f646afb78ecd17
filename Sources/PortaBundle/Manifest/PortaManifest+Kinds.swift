import PortaBytes
import PortaModel

/// `kinds` in `porta-manifest.json`: the declaration of the bundle's extension kinds, in the
/// restricted type language Porta interprets itself (`formats/porta-1.md`, "Extension
/// kinds"). Written only when the controller declares any, so a bundle of `porta/1`'s kinds
/// alone is unchanged.
extension PortaManifest {
    enum KindKey: String, CaseIterable { case name, idPrefix, title, fields }
    enum KindFieldKey: String, CaseIterable { case name, type, values, to, required, summary }
}

extension PortaManifest.KindKey: ManifestKeys {}
extension PortaManifest.KindFieldKey: ManifestKeys { static var optional: [Self] { [.values, .to] } }

extension RecordKind {
    /// The kind's declaration as `porta-manifest.json` carries it.
    var declarationJSON: JSONValue {
        typealias Key = PortaManifest.KindKey
        return .object([
            (Key.name.rawValue, .string(name)),
            (Key.idPrefix.rawValue, .string(idPrefix)),
            (Key.title.rawValue, .string(title)),
            (Key.fields.rawValue, .array(fields.map(\.declarationJSON))),
        ])
    }
}

extension FieldDefinition {
    var declarationJSON: JSONValue {
        typealias Key = PortaManifest.KindFieldKey
        var members: [(String, JSONValue)] = [(Key.name.rawValue, .string(name)), (Key.type.rawValue, .string(type.name))]
        switch type {
        case .code(let values): members.append((Key.values.rawValue, .array(values.map(JSONValue.string))))
        case .reference(let target): members.append((Key.to.rawValue, .string(target.kind)))
        default: break
        }
        members += [(Key.required.rawValue, .boolean(isRequired)), (Key.summary.rawValue, .string(summary))]
        return .object(members)
    }
}

extension JSONWalker {
    /// `kinds`: each declaration read by the rules of the type language, then the whole
    /// checked as a catalogue (names and prefixes free, references resolved).
    mutating func declaredKinds(_ value: ParsedJSON) -> RecordCatalogue? {
        let problemsBefore = problems.count
        guard let elements = array(value, at: "/kinds") else { return nil }
        if elements.isEmpty { fail("/kinds", "is written only when the bundle declares extension kinds") }
        typealias Key = PortaManifest.KindKey
        let declared = elements.enumerated().map { index, element in
            (index, object(element, at: "/kinds/\(index)", keys: Key.self))
        }
        // References may point at any kind of the bundle, declared before or after.
        var prefixes = Dictionary(uniqueKeysWithValues: RecordKind.all.map { ($0.name, $0.idPrefix) })
        for case (_, let members?) in declared {
            if case .string(let name)? = members[.name], case .string(let prefix)? = members[.idPrefix], prefixes[name] == nil {
                prefixes[name] = prefix
            }
        }
        var kinds: [RecordKind] = []
        for (index, members) in declared {
            guard let members else { continue }
            let pointer = "/kinds/\(index)"
            let name = string(members[.name], at: pointer + "/name", mustBe: "a kind name", TextRule.kindName)
            let prefix = string(members[.idPrefix], at: pointer + "/idPrefix", mustBe: "an id prefix")
            let title = string(members[.title], at: pointer + "/title", mustBe: "non-empty text")
            let fields = (array(members[.fields], at: pointer + "/fields") ?? []).enumerated().compactMap { place, field in
                declaredField(field, at: "\(pointer)/fields/\(place)", prefixes: prefixes)
            }
            guard let name, let prefix, let title else { continue }
            do {
                kinds.append(try RecordKind.declared(name: name, idPrefix: prefix, title: title, fields: fields))
            } catch let error as ModelError {
                fail(pointer + "/" + (error.field ?? "name").replacingOccurrences(of: ".", with: "/"), error.message, code: .badKindDeclaration)
            } catch {
                fail(pointer, "is not a kind declaration", code: .badKindDeclaration)
            }
        }
        guard problems.count == problemsBefore else { return nil }
        do {
            return try RecordCatalogue(extensions: kinds)
        } catch let error as ModelError {
            fail("/kinds", error.message, code: .badKindDeclaration)
        } catch {
            fail("/kinds", "is not a catalogue of kinds", code: .badKindDeclaration)
        }
        return nil
    }

    private mutating func declaredField(_ value: ParsedJSON, at pointer: String, prefixes: [String: String]) -> FieldDefinition? {
        typealias Key = PortaManifest.KindFieldKey
        guard let members = object(value, at: pointer, keys: Key.self) else { return nil }
        let name = string(members[.name], at: pointer + "/name", mustBe: "a field name")
        let typeName = string(members[.type], at: pointer + "/type", mustBe: "one of " + FieldType.declarableNames.joined(separator: ", "),
                              FieldType.declarableNames.contains)
        let values = members[.values].map { list in
            (array(list, at: pointer + "/values") ?? []).enumerated().compactMap { index, element in
                string(element, at: "\(pointer)/values/\(index)", mustBe: "a code value")
            }
        }
        var target: ReferenceTarget?
        if let to = string(members[.to], at: pointer + "/to", mustBe: "a kind of the bundle", { prefixes[$0] != nil }) {
            target = ReferenceTarget(kind: to, idPrefix: prefixes[to]!)
        }
        var required: Bool?
        switch members[.required] {
        case .boolean(let flag)?: required = flag
        case nil: break
        default: fail(pointer + "/required", "must be true or false")
        }
        let summary = string(members[.summary], at: pointer + "/summary", mustBe: "non-empty text")
        guard let name, let typeName, let required, let summary else { return nil }
        guard let type = FieldType.declared(typeName, values: values, target: target) else {
            fail(pointer, "a code lists its values and a reference names its kind (to); no other type takes either",
                 code: .badKindDeclaration)
            return nil
        }
        return FieldDefinition(name, type, required: required, summary)
    }
}
