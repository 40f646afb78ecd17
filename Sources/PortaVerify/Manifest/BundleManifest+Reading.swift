import Foundation
import PortaBundle
import PortaBytes
import PortaFormats
import PortaModel

extension BundleManifest {
    /// The manifest's name in the bag.
    public static let fileName = BundleLayout.manifest
    /// The largest manifest read: it lists files and counts, never records.
    static let maximumSize = 64 << 20

    /// Reads and checks `porta-manifest.json` of the bag at `bag`. Returns the manifest when
    /// every rule holds, and a finding (at `level`) for each rule that does not.
    static func read(bag: String, level: Int) -> (BundleManifest?, [Finding]) {
        var walker = JSONWalker(level: level, file: fileName)
        let document: ParsedJSON
        switch TagFile.readBytes(fileName, in: bag, maximumSize: maximumSize) {
        case .failure(let problem):
            walker.fail("", problem.message, code: problem == .missing ? "missing-tag-file" : "unreadable")
            return (nil, walker.findings)
        case .success(let bytes):
            do {
                var parser = StrictJSONParser(input: ByteInput(bytes: bytes, name: fileName, format: .json))
                document = try parser.parseDocument()
            } catch let error as FormatError {
                return (nil, [Finding(level: level, code: "bad-json", path: fileName, line: error.line, message: error.message)])
            } catch {
                return (nil, [Finding(level: level, code: "bad-json", path: fileName, message: "cannot be parsed")])
            }
        }
        let manifest = walker.manifest(document)
        return (walker.findings.isEmpty ? manifest : nil, walker.findings)
    }
}

extension JSONWalker {
    /// The manifest, field by field, as `formats/json/porta-manifest.schema.json` describes it.
    mutating func manifest(_ document: ParsedJSON) -> BundleManifest? {
        let keys = ["@context", "format", "bundleId", "createdAt", "controller", "request", "subject", "policy",
                    "sources", "files", "exclusions", "contents", "generator"]
        guard let top = object(document, at: "", required: keys) else { return nil }
        if case .string(let format)? = top["format"], format != PortaManifest.format {
            let shown = format.utf8.count <= 16 && format.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0 != "\"" }
                ? "\"\(format)\"" : "(not a version name)"
            fail("/format", "names the format version \(shown); this verifier reads \(PortaManifest.format) only",
                 code: "unsupported-format-version")
            return nil
        }
        let format = string(top["format"], at: "/format", mustBe: "\"\(PortaManifest.format)\"")
        if let context = top["@context"], !Self.isPinnedContext(context) {
            fail("/@context", "is not the JSON-LD context porta/1 defines (the DPV prefixes and key definitions)")
        }
        let bundleID = string(top["bundleId"], at: "/bundleId", mustBe: "a urn:uuid: of UUID version 8", Self.isBundleID)
        let createdAt = timestamp(top["createdAt"], at: "/createdAt")
        let controller = object(top["controller"], at: "/controller", required: ["id", "name", "country"],
                                optional: ["organisationNumber", "contact"])
        let controllerID = string(controller?["id"], at: "/controller/id", mustBe: "a lower-case token", TextRule.token)
        let controllerName = string(controller?["name"], at: "/controller/name", mustBe: "non-empty text")
        _ = string(controller?["organisationNumber"], at: "/controller/organisationNumber", mustBe: "non-empty text")
        _ = string(controller?["country"], at: "/controller/country", mustBe: "an ISO 3166-1 alpha-2 code") {
            (try? CountryCode($0))?.code == $0
        }
        _ = string(controller?["contact"], at: "/controller/contact", mustBe: "non-empty text")
        let request = object(top["request"], at: "/request", required: ["id", "purpose", "article", "right", "language"])
        let requestID = string(request?["id"], at: "/request/id", mustBe: "a request id (letters, digits, . _ -, at most 64)",
                               PortaManifest.Request.isValidID)
        let purpose = string(request?["purpose"], at: "/request/purpose", mustBe: "portability or access") { Purpose(rawValue: $0) != nil }
            .flatMap(Purpose.init(rawValue:))
        let article = string(request?["article"], at: "/request/article", mustBe: "the article of the request's purpose") { text in
            Purpose.allCases.contains { $0.article == text }
        }
        if let purpose, let article, purpose.article != article {
            fail("/request/article", "is not the article of the purpose \(purpose.rawValue)", code: "purpose-article-mismatch")
        }
        _ = string(request?["right"], at: "/request/right", mustBe: "the DPV term of the right the purpose exercises") {
            $0 == purpose.map(DPVTerms.term)
        }
        _ = string(request?["language"], at: "/request/language", mustBe: "a BCP 47 language tag") { (try? LanguageTag($0))?.tag == $0 }
        let identifiers = subjectIdentifiers(top["subject"])
        let policy = object(top["policy"], at: "/policy", required: ["purpose", "provenance", "legalBasis"])
        _ = string(policy?["purpose"], at: "/policy/purpose", mustBe: "the request's purpose") { $0 == purpose?.rawValue }
        let provenances: [Provenance]? = list(policy?["provenance"], at: "/policy/provenance")
        let legalBases: [LegalBasis]? = list(policy?["legalBasis"], at: "/policy/legalBasis")
        let sources = sourceList(top["sources"])
        let files = fileList(top["files"])
        let exclusions = exclusionList(top["exclusions"])
        let contents = string(top["contents"], at: "/contents", mustBe: "records, none-covered or none-found") {
            PortaManifest.Contents(rawValue: $0) != nil
        }.flatMap(PortaManifest.Contents.init(rawValue:))
        let generator = object(top["generator"], at: "/generator", required: ["name", "version"])
        _ = string(generator?["name"], at: "/generator/name", mustBe: "\"porta\"") { $0 == "porta" }
        let version = string(generator?["version"], at: "/generator/version", mustBe: "non-empty text")
        guard let format, let bundleID, let createdAt, let controllerID, let controllerName, let requestID, let purpose,
              let article, let identifiers, let provenances, let legalBases, let sources, let files, let exclusions,
              let contents, let version else { return nil }
        return BundleManifest(format: format, bundleID: bundleID, createdAt: createdAt, controllerID: controllerID,
                              controllerName: controllerName, requestID: requestID, purpose: purpose, article: article,
                              subjectIdentifiers: identifiers, keptProvenances: provenances, keptLegalBases: legalBases,
                              sources: sources, files: files, exclusions: exclusions, contents: contents,
                              generatorVersion: version)
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

    private mutating func subjectIdentifiers(_ value: ParsedJSON?) -> [BundleManifest.SubjectIdentifierUse]? {
        let subject = object(value, at: "/subject", required: ["identifiers"])
        guard let elements = array(subject?["identifiers"], at: "/subject/identifiers") else { return nil }
        if elements.isEmpty { fail("/subject/identifiers", "must name at least one identifier") }
        var uses: [BundleManifest.SubjectIdentifierUse] = []
        for (index, element) in elements.enumerated() {
            let pointer = "/subject/identifiers/\(index)"
            let members = object(element, at: pointer, required: ["scheme", "value", "foundIn"])
            let scheme = string(members?["scheme"], at: pointer + "/scheme", mustBe: "email, phone, personnummer or customer-number") {
                SubjectIdentifier.Scheme(rawValue: $0) != nil
            }
            let value = string(members?["value"], at: pointer + "/value", mustBe: "non-empty text")
            var foundIn: [String] = []
            for (place, found) in (array(members?["foundIn"], at: pointer + "/foundIn") ?? []).enumerated() {
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

    private mutating func sourceList(_ value: ParsedJSON?) -> [BundleManifest.Source]? {
        guard let elements = array(value, at: "/sources") else { return nil }
        return elements.enumerated().compactMap { index, element in
            let pointer = "/sources/\(index)"
            let members = object(element, at: pointer, required: ["id", "connector", "records", "excluded"])
            guard let id = string(members?["id"], at: pointer + "/id", mustBe: "a lower-case token", TextRule.token),
                  let connector = string(members?["connector"], at: pointer + "/connector", mustBe: "non-empty text"),
                  let records = count(members?["records"], at: pointer + "/records"),
                  let excluded = count(members?["excluded"], at: pointer + "/excluded") else { return nil }
            return .init(id: id, connector: connector, records: records, excluded: excluded)
        }
    }

    private mutating func fileList(_ value: ParsedJSON?) -> [BundleManifest.File]? {
        guard let elements = array(value, at: "/files") else { return nil }
        let formats = ["json", "csv", "datapackage", "xml", "html", "file"]
        return elements.enumerated().compactMap { index, element in
            let pointer = "/files/\(index)"
            let members = object(element, at: pointer, required: ["path", "format", "mediaType", "bytes", "sha256"],
                                 optional: ["kind", "records"])
            let kind = string(members?["kind"], at: pointer + "/kind", mustBe: "a kind name", TextRule.kindName)
            let records = count(members?["records"], at: pointer + "/records")
            guard let path = string(members?["path"], at: pointer + "/path", mustBe: "a path under data/", {
                      $0.hasPrefix("data/") && BagPath.problem(with: $0) == nil }),
                  let format = string(members?["format"], at: pointer + "/format", mustBe: formats.joined(separator: ", "),
                                      formats.contains),
                  let mediaType = string(members?["mediaType"], at: pointer + "/mediaType", mustBe: "non-empty text"),
                  let bytes = count(members?["bytes"], at: pointer + "/bytes"),
                  let sha256 = string(members?["sha256"], at: pointer + "/sha256", mustBe: "64 lower-case hex digits", {
                      TextRule.lowerHex($0, length: 64) }) else { return nil }
            return .init(path: path, format: format, mediaType: mediaType, kind: kind, bytes: bytes, sha256: sha256, records: records)
        }
    }

    private mutating func exclusionList(_ value: ParsedJSON?) -> [BundleManifest.Exclusion]? {
        guard let elements = array(value, at: "/exclusions") else { return nil }
        let reasons = Set(Provenance.allCases.filter { $0 != .provided }.map { ExclusionReason.provenanceNotCovered($0).code }
                          + LegalBasis.allCases.filter { $0 != .contract }.map { ExclusionReason.legalBasisNotCovered($0).code })
        return elements.enumerated().compactMap { index, element in
            let pointer = "/exclusions/\(index)"
            let members = object(element, at: pointer, required: ["source", "kind", "reason", "explanation", "records"])
            _ = string(members?["explanation"], at: pointer + "/explanation", mustBe: "non-empty text")
            guard let source = string(members?["source"], at: pointer + "/source", mustBe: "a lower-case token", TextRule.token),
                  let kind = string(members?["kind"], at: pointer + "/kind", mustBe: "a kind name", TextRule.kindName),
                  let reason = string(members?["reason"], at: pointer + "/reason", mustBe: "a porta/1 exclusion reason", reasons.contains),
                  let records = count(members?["records"], at: pointer + "/records", minimum: 1) else { return nil }
            return .init(source: source, kind: kind, reason: reason, records: records)
        }
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
