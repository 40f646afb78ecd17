import PortaBytes
import PortaModel

extension PortaManifest {
    /// The JSON-LD context that makes the manifest, and the DPV keys of the record files,
    /// readable as linked data: the DPV prefixes, and which DPV property each key states.
    public static let jsonLDContext: JSONValue = .object(
        DPVTerms.prefixes.map { ($0.prefix, JSONValue.string($0.iri)) } + [
            ("right", .object([("@id", .string("dpv:hasRight")), ("@type", .string("@vocab"))])),
            ("dpvProvenance", .object([("@id", .string("dpv:hasPersonalData")), ("@type", .string("@vocab"))])),
            ("dpvLegalBasis", .object([("@id", .string("dpv:hasLegalBasis")), ("@type", .string("@vocab"))])),
            ("dpvCategory", .object([("@id", .string("dpv:hasPersonalData")), ("@type", .string("@vocab"))])),
        ])

    /// The manifest as a JSON document with its keys in the documented order.
    public var json: JSONValue {
        let members: [(String, JSONValue)?] = [
            member(Key.context, Self.jsonLDContext),
            member(Key.format, .string(Self.format)),
            member(Key.bundleId, .string(bundleID)),
            member(Key.createdAt, .string(createdAt.description)),
            member(Key.controller, controller.json),
            member(Key.request, request.json),
            member(Key.subject, .object([member(SubjectKey.identifiers, .array(subjectIdentifiers.map(\.json)))])),
            member(Key.policy, policy.json),
            memberIfAny(Key.kinds, catalogue.extensions.isEmpty ? nil : .array(catalogue.extensions.map(\.declarationJSON))),
            member(Key.sources, .array(sources.map(\.json))),
            member(Key.files, .array(files.map(\.json))),
            member(Key.exclusions, .array(exclusions.map(\.json))),
            memberIfAny(Key.unreadable, unreadable.isEmpty ? nil : .array(unreadable.map(\.json))),
            memberIfAny(Key.identity, identity?.json),
            member(Key.contents, .string(contents.rawValue)),
            member(Key.generator, .object([
                member(GeneratorKey.name, .string(Self.generatorName)),
                member(GeneratorKey.version, .string(generatorVersion)),
            ])),
        ]
        return .object(members.compactMap { $0 })
    }
}

extension PortaManifest.IdentityDecisions {
    var json: JSONValue {
        let members: [(String, JSONValue)] = [
            member(PortaManifest.IdentityKey.excludedSourceKeys, .array(excludedSourceKeys.map(JSONValue.string))),
            member(PortaManifest.IdentityKey.acceptedConflicts, .array(acceptedConflicts.map { conflict in
                JSONValue.object([
                    member(PortaManifest.ConflictKey.records, .array(conflict.records.map(JSONValue.string))),
                    member(PortaManifest.ConflictKey.fields, .array(conflict.fields.map(JSONValue.string))),
                ])
            })),
        ]
        return .object(members)
    }
}

extension PortaManifest.Controller {
    var json: JSONValue {
        typealias Key = PortaManifest.ControllerKey
        let members: [(String, JSONValue)?] = [
            member(Key.id, .string(id)),
            member(Key.name, .string(name)),
            memberIfAny(Key.organisationNumber, organisationNumber.map(JSONValue.string)),
            member(Key.country, .string(country)),
            memberIfAny(Key.contact, contact.map(JSONValue.string)),
        ]
        return .object(members.compactMap { $0 })
    }
}

extension PortaManifest.Request {
    var json: JSONValue {
        typealias Key = PortaManifest.RequestKey
        let members: [(String, JSONValue)] = [
            member(Key.id, .string(id)),
            member(Key.purpose, .string(purpose.rawValue)),
            member(Key.article, .string(purpose.article)),
            member(Key.right, .string(DPVTerms.term(purpose))),
            member(Key.language, .string(language)),
        ]
        return .object(members)
    }
}

extension PortaManifest.SubjectIdentifierUse {
    var json: JSONValue {
        typealias Key = PortaManifest.IdentifierKey
        let members: [(String, JSONValue)] = [
            member(Key.scheme, .string(scheme.rawValue)),
            member(Key.value, .string(value)),
            member(Key.foundIn, .array(foundIn.map(JSONValue.string))),
        ]
        return .object(members)
    }
}

extension PortaManifest.Policy {
    var json: JSONValue {
        typealias Key = PortaManifest.PolicyKey
        let members: [(String, JSONValue)] = [
            member(Key.purpose, .string(purpose.rawValue)),
            member(Key.provenance, .array(provenance.map { JSONValue.string($0.rawValue) })),
            member(Key.legalBasis, .array(legalBasis.map { JSONValue.string($0.rawValue) })),
        ]
        return .object(members)
    }
}

extension PortaManifest.Source {
    var json: JSONValue {
        typealias Key = PortaManifest.SourceKey
        let members: [(String, JSONValue)?] = [
            member(Key.id, .string(id)),
            member(Key.connector, .string(connector)),
            member(Key.records, .integer(Int64(records))),
            member(Key.excluded, .integer(Int64(excluded))),
            memberIfAny(Key.unreadable, unreadable > 0 ? .integer(Int64(unreadable)) : nil),
        ]
        return .object(members.compactMap { $0 })
    }
}

extension PortaManifest.Unreadable {
    var json: JSONValue {
        typealias Key = PortaManifest.UnreadableKey
        let members: [(String, JSONValue)?] = [
            member(Key.source, .string(source)),
            memberIfAny(Key.kind, kind.map(JSONValue.string)),
            member(Key.reason, .string(reason)),
            member(Key.records, .integer(Int64(records))),
        ]
        return .object(members.compactMap { $0 })
    }
}

extension PortaManifest.File {
    var json: JSONValue {
        typealias Key = PortaManifest.FileKey
        let members: [(String, JSONValue)?] = [
            member(Key.path, .string(path)),
            member(Key.format, .string(format)),
            member(Key.mediaType, .string(mediaType)),
            memberIfAny(Key.kind, kind.map(JSONValue.string)),
            member(Key.bytes, .integer(bytes)),
            member(Key.sha256, .string(sha256)),
            memberIfAny(Key.records, records.map { JSONValue.integer(Int64($0)) }),
        ]
        return .object(members.compactMap { $0 })
    }
}

extension PortaManifest.Exclusion {
    var json: JSONValue {
        typealias Key = PortaManifest.ExclusionKey
        let members: [(String, JSONValue)] = [
            member(Key.source, .string(source)),
            member(Key.kind, .string(kind)),
            member(Key.reason, .string(reason)),
            member(Key.explanation, .string(explanation)),
            member(Key.records, .integer(Int64(records))),
        ]
        return .object(members)
    }
}

private func member<Key: RawRepresentable<String>>(_ key: Key, _ value: JSONValue) -> (String, JSONValue) {
    (key.rawValue, value)
}

/// An optional member: left out when there is no value.
private func memberIfAny<Key: RawRepresentable<String>>(_ key: Key, _ value: JSONValue?) -> (String, JSONValue)? {
    value.map { (key.rawValue, $0) }
}
