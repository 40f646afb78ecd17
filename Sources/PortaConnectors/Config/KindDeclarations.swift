import PortaModel

/// `kinds:` in porta.yml: the controller's own record kinds, declared by name, id prefix,
/// title and typed fields (`docs/porta-yml.md`, "Your own record kinds"), made into the
/// catalogue every mapping, writer and bundle of the config uses.
///
/// ```yaml
/// kinds:
///   membership:
///     id-prefix: mbr
///     title: Membership
///     fields:
///       person: { type: reference, to: person, required: true, summary: The member. }
///       plan: { type: code, values: [standard, student], required: true, summary: The plan. }
/// ```
enum KindDeclarations {
    /// The catalogue of `porta/1`'s kinds and those declared under `node`.
    /// - Throws: ``ConfigError`` naming the kind or field whose declaration breaks a rule.
    static func catalogue(_ node: ConfigNode?) throws -> RecordCatalogue {
        guard let node else { return .porta1 }
        let entries = try node.freeMapping()
        guard !entries.isEmpty else { throw node.error("must declare at least one kind, or be left out") }
        // References may name a kind declared further down.
        var prefixes = Dictionary(uniqueKeysWithValues: RecordKind.all.map { ($0.name, $0.idPrefix) })
        for (name, kindNode) in entries {
            if let prefix = try? kindNode.mapping(allowed: ["id-prefix", "title", "fields"]).required("id-prefix").string(),
               prefixes[name] == nil {
                prefixes[name] = prefix
            }
        }
        var kinds: [RecordKind] = []
        for (name, kindNode) in entries {
            let map = try kindNode.mapping(allowed: ["id-prefix", "title", "fields"])
            let fieldsNode = try map.required("fields")
            let fields = try fieldsNode.freeMapping().map { fieldName, fieldNode in
                try field(named: fieldName, fieldNode, prefixes: prefixes)
            }
            do {
                kinds.append(try RecordKind.declared(name: name, idPrefix: try map.required("id-prefix").string(),
                                                     title: try map.required("title").string(), fields: fields))
            } catch let error as ModelError {
                throw (part(of: error, in: map) ?? kindNode).error(error.message)
            }
        }
        do {
            return try RecordCatalogue(extensions: kinds)
        } catch let error as ModelError {
            throw node.error(error.message)
        }
    }

    private static func field(named name: String, _ node: ConfigNode, prefixes: [String: String]) throws -> FieldDefinition {
        let map = try node.mapping(allowed: ["type", "values", "to", "required", "summary"])
        let typeNode = try map.required("type")
        let typeName = try typeNode.string()
        guard FieldType.declarableNames.contains(typeName) else {
            throw typeNode.error("must be one of \(FieldType.declarableNames.joined(separator: ", "))")
        }
        let values = try map.optional("values").map { try $0.sequence().map { try $0.string() } }
        var target: ReferenceTarget?
        if let toNode = map.optional("to") {
            let kind = try toNode.string()
            guard let prefix = prefixes[kind] else { throw toNode.error("names no kind of porta/1 or of this config") }
            target = ReferenceTarget(kind: kind, idPrefix: prefix)
        }
        guard let type = FieldType.declared(typeName, values: values, target: target) else {
            throw node.error("a code lists its values, a reference names its kind with to; no other type takes either")
        }
        return FieldDefinition(name, type, required: try map.optional("required")?.bool() ?? false,
                               try map.required("summary").string())
    }

    /// The node of the part a declaration error names (`fields.plan` → that field's node).
    private static func part(of error: ModelError, in map: ConfigMapping) -> ConfigNode? {
        guard let field = error.field else { return nil }
        switch field {
        case "idPrefix": return map.optional("id-prefix")
        case "title", "fields": return map.optional(field)
        default:
            guard field.hasPrefix("fields."), let fields = try? map.optional("fields")?.freeMapping() else { return nil }
            return fields.first { $0.0 == field.dropFirst("fields.".count) }?.1
        }
    }
}
