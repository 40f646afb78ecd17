import PortaBytes
import PortaModel

extension PortaManifest {
    /// The largest manifest read: it lists files and counts, never records.
    static let maximumSize = 64 << 20

    /// Reads and checks `porta-manifest.json` of the bag at `bag` against the rules of the
    /// pinned schema (not yet against the files: that is the verifier's semantic level).
    /// Returns the manifest when every rule holds, and a problem for each rule that does not;
    /// `unsupported-format-version` alone when the manifest names another format.
    public static func read(bag: String) -> (PortaManifest?, [BundleProblem]) {
        let fileName = BundleLayout.manifest
        var walker = JSONWalker(file: fileName)
        let document: ParsedJSON
        switch TagFile.readBytes(fileName, in: bag, maximumSize: maximumSize) {
        case .failure(let problem):
            walker.fail("", problem.message, code: problem == .missing ? .missingTagFile : .unreadable)
            return (nil, walker.problems)
        case .success(let bytes):
            do {
                var parser = StrictJSONParser(input: ByteInput(bytes: bytes, name: fileName, format: .json))
                document = try parser.parseDocument()
            } catch let error as FormatError {
                return (nil, [BundleProblem(code: .badJSON, path: fileName, line: error.line, message: error.message)])
            } catch {
                return (nil, [BundleProblem(code: .badJSON, path: fileName, message: "cannot be parsed")])
            }
        }
        let manifest = walker.manifest(document)
        return (walker.problems.isEmpty ? manifest : nil, walker.problems)
    }
}

extension JSONWalker {
    typealias Key = PortaManifest.Key

    /// The manifest, field by field, as `formats/json/porta-manifest.schema.json` describes it.
    mutating func manifest(_ document: ParsedJSON) -> PortaManifest? {
        guard let top = object(document, at: "", keys: Key.self) else { return nil }
        if case .string(let format)? = top[.format], format != PortaManifest.format {
            let shown = format.utf8.count <= 16 && format.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0 != "\"" }
                ? "\"\(format)\"" : "(not a version name)"
            fail("/format", "names the format version \(shown); this verifier reads \(PortaManifest.format) only",
                 code: .unsupportedFormatVersion)
            return nil
        }
        let format = string(top[.format], at: "/format", mustBe: "\"\(PortaManifest.format)\"")
        if let context = top[.context], !Self.isPinnedContext(context) {
            fail("/@context", "is not the JSON-LD context porta/1 defines (the DPV prefixes and key definitions)")
        }
        let bundleID = string(top[.bundleId], at: "/bundleId", mustBe: "a urn:uuid: of UUID version 8", Self.isBundleID)
        let createdAt = timestamp(top[.createdAt], at: "/createdAt")
        let controller = controller(top[.controller])
        let request = request(top[.request])
        let identifiers = subjectIdentifiers(top[.subject])
        let policy = policy(top[.policy], purpose: request?.purpose)
        let catalogue = top[.kinds].map { declaredKinds($0) } ?? .porta1
        let sources = sourceList(top[.sources])
        let files = fileList(top[.files])
        let exclusions = exclusionList(top[.exclusions])
        let identity = top[.identity].map { identityDecisions($0) }
        let unreadable = top[.unreadable].map { unreadableList($0) } ?? []
        let contents = string(top[.contents], at: "/contents", mustBe: "records, none-covered or none-found") {
            PortaManifest.Contents(rawValue: $0) != nil
        }.flatMap(PortaManifest.Contents.init(rawValue:))
        let generator = object(top[.generator], at: "/generator", keys: PortaManifest.GeneratorKey.self)
        _ = string(generator?[.name], at: "/generator/name", mustBe: "\"\(PortaManifest.generatorName)\"") {
            $0 == PortaManifest.generatorName
        }
        let version = string(generator?[.version], at: "/generator/version", mustBe: "non-empty text")
        guard format != nil, let bundleID, let createdAt, let controller, let request, let identifiers, let policy,
              let catalogue, let sources, let files, let exclusions, let contents, let version else { return nil }
        return PortaManifest(bundleID: bundleID, createdAt: createdAt, controller: controller, request: request,
                             subjectIdentifiers: identifiers, policy: policy, catalogue: catalogue, sources: sources, files: files,
                             exclusions: exclusions, unreadable: unreadable ?? [], identity: identity ?? nil, contents: contents, generatorVersion: version)
    }

    private mutating func controller(_ value: ParsedJSON?) -> PortaManifest.Controller? {
        let members = object(value, at: "/controller", keys: PortaManifest.ControllerKey.self)
        let id = string(members?[.id], at: "/controller/id", mustBe: "a lower-case token", TextRule.token)
        let name = string(members?[.name], at: "/controller/name", mustBe: "non-empty text")
        let organisationNumber = string(members?[.organisationNumber], at: "/controller/organisationNumber", mustBe: "non-empty text")
        let country = string(members?[.country], at: "/controller/country", mustBe: "an ISO 3166-1 alpha-2 code") {
            (try? CountryCode($0))?.code == $0
        }
        let contact = string(members?[.contact], at: "/controller/contact", mustBe: "non-empty text")
        guard let id, let name, let country else { return nil }
        return .init(id: id, name: name, organisationNumber: organisationNumber, country: country, contact: contact)
    }

    private mutating func request(_ value: ParsedJSON?) -> PortaManifest.Request? {
        let members = object(value, at: "/request", keys: PortaManifest.RequestKey.self)
        let id = string(members?[.id], at: "/request/id", mustBe: "a request id (letters, digits, . _ -, at most 64)",
                        PortaManifest.Request.isValidID)
        let purpose = string(members?[.purpose], at: "/request/purpose", mustBe: "portability or access") { Purpose(rawValue: $0) != nil }
            .flatMap(Purpose.init(rawValue:))
        let article = string(members?[.article], at: "/request/article", mustBe: "the article of the request's purpose") { text in
            Purpose.allCases.contains { $0.article == text }
        }
        if let purpose, let article, purpose.article != article {
            fail("/request/article", "is not the article of the purpose \(purpose.rawValue)", code: .purposeArticleMismatch)
        }
        _ = string(members?[.right], at: "/request/right", mustBe: "the DPV term of the right the purpose exercises") {
            $0 == purpose.map(DPVTerms.term)
        }
        let language = string(members?[.language], at: "/request/language", mustBe: "a BCP 47 language tag") {
            (try? LanguageTag($0))?.tag == $0
        }
        guard let id, let purpose, article != nil, let language else { return nil }
        return .init(id: id, purpose: purpose, language: language)
    }

    private mutating func policy(_ value: ParsedJSON?, purpose: Purpose?) -> PortaManifest.Policy? {
        let members = object(value, at: "/policy", keys: PortaManifest.PolicyKey.self)
        _ = string(members?[.purpose], at: "/policy/purpose", mustBe: "the request's purpose") { $0 == purpose?.rawValue }
        let provenances: [Provenance]? = list(members?[.provenance], at: "/policy/provenance")
        let legalBases: [LegalBasis]? = list(members?[.legalBasis], at: "/policy/legalBasis")
        guard let purpose, let provenances, let legalBases else { return nil }
        return .init(purpose: purpose, provenance: provenances, legalBasis: legalBases)
    }

    private mutating func timestamp(_ value: ParsedJSON?, at pointer: String) -> Timestamp? {
        string(value, at: pointer, mustBe: "an RFC 3339 UTC time in normal form") { (try? Timestamp(parsing: $0))?.description == $0 }
            .flatMap { try? Timestamp(parsing: $0) }
    }

    /// A list of distinct values of a catalogue enum.
    private mutating func list<Value: RawRepresentable<String> & CaseIterable>(_ value: ParsedJSON?, at pointer: String) -> [Value]? {
        guard let elements = array(value, at: pointer) else { return nil }
        var values: [Value] = []
        for (index, element) in elements.enumerated() {
            let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
            guard let text = string(element, at: "\(pointer)/\(index)", mustBe: "one of \(names)", { Value(rawValue: $0) != nil }),
                  let item = Value(rawValue: text) else { continue }
            if values.contains(where: { $0.rawValue == item.rawValue }) { fail("\(pointer)/\(index)", "repeats a value") }
            values.append(item)
        }
        return values
    }

    private mutating func subjectIdentifiers(_ value: ParsedJSON?) -> [PortaManifest.SubjectIdentifierUse]? {
        let subject = object(value, at: "/subject", keys: PortaManifest.SubjectKey.self)
        guard let elements = array(subject?[.identifiers], at: "/subject/identifiers") else { return nil }
        if elements.isEmpty { fail("/subject/identifiers", "must name at least one identifier") }
        var uses: [PortaManifest.SubjectIdentifierUse] = []
        for (index, element) in elements.enumerated() {
            let pointer = "/subject/identifiers/\(index)"
            let members = object(element, at: pointer, keys: PortaManifest.IdentifierKey.self)
            let scheme = string(members?[.scheme], at: pointer + "/scheme", mustBe: "email, phone, personnummer or customer-number") {
                SubjectIdentifier.Scheme(rawValue: $0) != nil
            }.flatMap(SubjectIdentifier.Scheme.init(rawValue:))
            let value = string(members?[.value], at: pointer + "/value", mustBe: "non-empty text")
            var foundIn: [String] = []
            for (place, found) in (array(members?[.foundIn], at: pointer + "/foundIn") ?? []).enumerated() {
                if let text = string(found, at: "\(pointer)/foundIn/\(place)", mustBe: "a source id or request", TextRule.token) {
                    if foundIn.contains(text) { fail("\(pointer)/foundIn/\(place)", "repeats a value") }
                    foundIn.append(text)
                }
            }
            if foundIn.isEmpty { fail(pointer + "/foundIn", "must name where the identifier came from") }
            if let scheme, let value { uses.append(.init(scheme: scheme, value: value, foundIn: foundIn)) }
        }
        return uses
    }

    private mutating func sourceList(_ value: ParsedJSON?) -> [PortaManifest.Source]? {
        guard let elements = array(value, at: "/sources") else { return nil }
        return elements.enumerated().compactMap { index, element in
            let pointer = "/sources/\(index)"
            let members = object(element, at: pointer, keys: PortaManifest.SourceKey.self)
            guard let id = string(members?[.id], at: pointer + "/id", mustBe: "a lower-case token", TextRule.token),
                  let connector = string(members?[.connector], at: pointer + "/connector", mustBe: "non-empty text"),
                  let records = count(members?[.records], at: pointer + "/records"),
                  let excluded = count(members?[.excluded], at: pointer + "/excluded") else { return nil }
            let unreadable = members?[.unreadable].flatMap { count($0, at: pointer + "/unreadable", minimum: 1) } ?? 0
            return .init(id: id, connector: connector, records: Int(records), excluded: Int(excluded), unreadable: Int(unreadable))
        }
    }

    private mutating func fileList(_ value: ParsedJSON?) -> [PortaManifest.File]? {
        guard let elements = array(value, at: "/files") else { return nil }
        let formats = ["json", "csv", "datapackage", "xml", "html", "file", "json-schema", "xsd"]
        return elements.enumerated().compactMap { index, element in
            let pointer = "/files/\(index)"
            let members = object(element, at: pointer, keys: PortaManifest.FileKey.self)
            let kind = string(members?[.kind], at: pointer + "/kind", mustBe: "a kind name", TextRule.kindName)
            let records = count(members?[.records], at: pointer + "/records")
            guard let path = string(members?[.path], at: pointer + "/path", mustBe: "a path under data/", {
                      $0.hasPrefix(BundleLayout.payloadFolder + "/") && BagPath.problem(with: $0) == nil }),
                  let format = string(members?[.format], at: pointer + "/format", mustBe: formats.joined(separator: ", "),
                                      formats.contains),
                  let mediaType = string(members?[.mediaType], at: pointer + "/mediaType", mustBe: "non-empty text"),
                  let bytes = count(members?[.bytes], at: pointer + "/bytes"),
                  let sha256 = string(members?[.sha256], at: pointer + "/sha256", mustBe: "64 lower-case hex digits", {
                      TextRule.lowerHex($0, length: 64) }) else { return nil }
            return .init(path: path, format: format, mediaType: mediaType, kind: kind, bytes: bytes, sha256: sha256,
                         records: records.map { Int($0) })
        }
    }

    private mutating func exclusionList(_ value: ParsedJSON?) -> [PortaManifest.Exclusion]? {
        guard let elements = array(value, at: "/exclusions") else { return nil }
        let reasons = Set(Provenance.allCases.filter { $0 != .provided }.map { ExclusionReason.provenanceNotCovered($0).code }
                          + LegalBasis.allCases.filter { $0 != .contract }.map { ExclusionReason.legalBasisNotCovered($0).code })
        return elements.enumerated().compactMap { index, element in
            let pointer = "/exclusions/\(index)"
            let members = object(element, at: pointer, keys: PortaManifest.ExclusionKey.self)
            let explanation = string(members?[.explanation], at: pointer + "/explanation", mustBe: "non-empty text")
            guard let source = string(members?[.source], at: pointer + "/source", mustBe: "a lower-case token", TextRule.token),
                  let kind = string(members?[.kind], at: pointer + "/kind", mustBe: "a kind name", TextRule.kindName),
                  let reason = string(members?[.reason], at: pointer + "/reason", mustBe: "a porta/1 exclusion reason", reasons.contains),
                  let records = count(members?[.records], at: pointer + "/records", minimum: 1) else { return nil }
            return .init(source: source, kind: kind, reason: reason, explanation: explanation ?? "", records: Int(records))
        }
    }

    /// `unreadable`: rows that could not be read, per source, kind and reason; written only when
    /// there are any.
    private mutating func unreadableList(_ value: ParsedJSON) -> [PortaManifest.Unreadable]? {
        guard let elements = array(value, at: "/unreadable") else { return nil }
        if elements.isEmpty { fail("/unreadable", "is written only when rows could not be read") }
        let reasons = [PortaManifest.Unreadable.rowReason, PortaManifest.Unreadable.unitReason]
        return elements.enumerated().compactMap { index, element in
            let pointer = "/unreadable/\(index)"
            let members = object(element, at: pointer, keys: PortaManifest.UnreadableKey.self)
            let kind = string(members?[.kind], at: pointer + "/kind", mustBe: "a kind name", TextRule.kindName)
            guard let source = string(members?[.source], at: pointer + "/source", mustBe: "a lower-case token", TextRule.token),
                  let reason = string(members?[.reason], at: pointer + "/reason", mustBe: reasons.joined(separator: " or "), reasons.contains),
                  let records = count(members?[.records], at: pointer + "/records", minimum: 1) else { return nil }
            if (reason == PortaManifest.Unreadable.rowReason) != (kind != nil) {
                fail(pointer, "names a kind exactly when the reason is \(PortaManifest.Unreadable.rowReason)")
            }
            return .init(source: source, kind: kind, reason: reason, records: Int(records))
        }
    }

    /// `identity`: source keys left out, and accepted conflicts of two record ids each.
    private mutating func identityDecisions(_ value: ParsedJSON) -> PortaManifest.IdentityDecisions? {
        let members = object(value, at: "/identity", keys: PortaManifest.IdentityKey.self)
        var keys: [String] = []
        for (index, element) in (array(members?[.excludedSourceKeys], at: "/identity/excludedSourceKeys") ?? []).enumerated() {
            if let key = string(element, at: "/identity/excludedSourceKeys/\(index)", mustBe: "source:key", {
                guard let colon = $0.firstIndex(of: ":") else { return false }
                return TextRule.token(String($0[..<colon])) && $0.index(after: colon) != $0.endIndex
            }) { keys.append(key) }
        }
        if keys != keys.sorted() { fail("/identity/excludedSourceKeys", "must be sorted") }
        var conflicts: [PortaManifest.AcceptedConflict] = []
        for (index, element) in (array(members?[.acceptedConflicts], at: "/identity/acceptedConflicts") ?? []).enumerated() {
            let pointer = "/identity/acceptedConflicts/\(index)"
            let conflict = object(element, at: pointer, keys: PortaManifest.ConflictKey.self)
            let records = (array(conflict?[.records], at: pointer + "/records") ?? []).enumerated().compactMap { place, record in
                string(record, at: "\(pointer)/records/\(place)", mustBe: "a record id", { (try? RecordID(validating: $0)) != nil })
            }
            let fields = (array(conflict?[.fields], at: pointer + "/fields") ?? []).enumerated().compactMap { place, field in
                string(field, at: "\(pointer)/fields/\(place)", mustBe: "givenName, familyName, birthDate or value") {
                    ["givenName", "familyName", "birthDate", "value"].contains($0)
                }
            }
            if records.count != 2 { fail(pointer + "/records", "must name two records") }
            if fields.isEmpty { fail(pointer + "/fields", "must name at least one field") }
            conflicts.append(.init(records: records, fields: fields))
        }
        guard members != nil else { return nil }
        if keys.isEmpty && conflicts.isEmpty { fail("/identity", "is written only when there is a decision to record") }
        return .init(excludedSourceKeys: keys, acceptedConflicts: conflicts)
    }

    /// Whether a parsed `@context` is exactly ``PortaManifest/jsonLDContext``.
    static func isPinnedContext(_ value: ParsedJSON) -> Bool {
        func same(_ parsed: ParsedJSON, _ pinned: JSONValue) -> Bool {
            switch (parsed, pinned) {
            case (.string(let a), .string(let b)): return a == b
            case (.object(let members), .object(let pinnedMembers)):
                return members.count == pinnedMembers.count
                    && zip(members, pinnedMembers).allSatisfy { $0.key == $1.0 && same($0.value, $1.1) }
            default: return false
            }
        }
        return same(value, PortaManifest.jsonLDContext)
    }

    static func isBundleID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard text.hasPrefix("urn:uuid:"), bytes.count == 45 else { return false }
        let uuid = Array(bytes[9...])
        for (index, byte) in uuid.enumerated() {
            if [8, 13, 18, 23].contains(index) { if byte != 0x2D { return false }; continue }
            guard (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) else { return false }
        }
        return uuid[14] == 0x38 && [0x38, 0x39, 0x61, 0x62].contains(uuid[19])
    }
}
