import PortaBundle
import PortaFormats
import PortaModel

/// Level 3: what the bundle says of itself is true. The layout is `porta/1`'s; the manifest
/// lists exactly the payload with the right sizes, digests and record counts; source and
/// exclusion counts add up; every record is one the stated policy keeps; the bundle id
/// derives from controller, request and time; bag-info agrees with the manifest; the
/// subject's identifiers are valid; attachment records describe their files truly.
/// (Unique ids and resolving references are checked by ``RecordIndex``.)
struct SemanticChecks {
    static let level = 3
    let manifest: PortaManifest?
    let payload: PayloadFacts
    let outcomes: [RecordFileCheck.Outcome]
    /// `bag-info.txt` as level 1 read it (label → first value), nil when unreadable.
    let bagInfo: [String: String]?
    private(set) var findings: [Finding] = []

    init(manifest: PortaManifest?, payload: PayloadFacts, outcomes: [RecordFileCheck.Outcome], bagInfo: [String: String]?) {
        self.manifest = manifest
        self.payload = payload
        self.outcomes = outcomes
        self.bagInfo = bagInfo
    }

    private mutating func note(_ code: FindingCode, _ path: String?, line: Int? = nil, record: String? = nil, _ message: String,
                               expected: String? = nil, found: String? = nil) {
        findings.append(Finding(level: Self.level, code: code, path: path, line: line, record: record, message: message,
                                expected: expected, found: found))
    }

    mutating func run() {
        checkLayout()
        guard let manifest else {
            note(.manifestUnusable, BundleLayout.manifest, "counts, policy and identity cannot be checked: the manifest is not valid (level 2)")
            return
        }
        checkFiles(manifest)
        checkSourcesAndExclusions(manifest)
        checkPolicy(manifest)
        checkIdentity(manifest)
        checkSubject(manifest)
        checkAttachments()
    }

    /// Every payload file has a place in `porta/1`, the page is there, and each kind comes in all three formats.
    private mutating func checkLayout() {
        var formatsByKind: [RecordKind: Set<RecordFileFormat>] = [:]
        for file in payload.files {
            switch PayloadRole(path: file, catalogue: payload.catalogue) {
            case .unexpected: note(.unexpectedFile, file, "payload file has no place in the porta/1 layout")
            case .records(let kind, let format): formatsByKind[kind, default: []].insert(format)
            default: break
            }
        }
        if !payload.files.contains(BundleLayout.page) {
            note(.missingPage, BundleLayout.page, "the page for the person is missing (porta/1 always has one)")
        }
        for (kind, formats) in formatsByKind.sorted(by: { $0.key.name < $1.key.name }) {
            for format in RecordFileFormat.allCases where !formats.contains(format) {
                note(.missingRecordFile, format.path(kind), "the \(kind.name) records are not given in \(format.rawValue) too")
            }
        }
    }

    /// The manifest's file list: exactly the payload, sorted, each with its true size, digest, role and record count.
    private mutating func checkFiles(_ manifest: PortaManifest) {
        let file = BundleLayout.manifest
        let paths = manifest.files.map(\.path)
        if paths != paths.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            note(.manifestOrder, file, "files are not sorted by path")
        }
        let outcomeByPath = Dictionary(outcomes.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var listed: Set<String> = []
        for entry in manifest.files {
            guard listed.insert(entry.path).inserted else {
                note(.manifestDuplicateFile, file, "lists \(entry.path) twice"); continue
            }
            guard let size = payload.sizes[entry.path] else {
                note(.manifestListsMissingFile, entry.path, "is listed in \(file) but not in the payload"); continue
            }
            if size != entry.bytes {
                note(.manifestBytesMismatch, entry.path, "size differs from \(file)", expected: String(entry.bytes), found: String(size))
            }
            if let digest = payload.sha256[entry.path], digest != entry.sha256 {
                note(.manifestSHA256Mismatch, entry.path, "SHA-256 differs from \(file)", expected: entry.sha256, found: digest)
            }
            let role = PayloadRole(path: entry.path, catalogue: payload.catalogue)
            if let format = role.manifestFormat, format != entry.format {
                note(.manifestFormatMismatch, entry.path, "\(file) gives the wrong format", expected: format, found: entry.format)
            }
            switch role {
            case .records(let kind, let format):
                if entry.kind != kind.name || entry.mediaType != format.mediaType {
                    note(.manifestKindMismatch, entry.path, "\(file) gives the wrong kind or media type")
                }
                if let outcome = outcomeByPath[entry.path], outcome.failure == nil, entry.records != outcome.records {
                    note(.recordCountMismatch, entry.path, "holds a different number of records than \(file) says",
                         expected: entry.records.map(String.init) ?? "a count", found: String(outcome.records))
                }
            case .attachment:
                if entry.kind != RecordKind.attachment.name {
                    note(.manifestKindMismatch, entry.path, "\(file) does not give an attachment file the kind attachment")
                }
            default:
                if entry.kind != nil || entry.records != nil {
                    note(.manifestKindMismatch, entry.path, "\(file) gives a kind or record count to a file that holds no records")
                }
            }
        }
        for path in payload.files where !listed.contains(path) {
            note(.manifestMissingFile, path, "payload file is not listed in \(file)")
        }
    }

    /// Records per source as counted in the JSON files; excluded per source as the exclusions add up.
    private mutating func checkSourcesAndExclusions(_ manifest: PortaManifest) {
        let file = BundleLayout.manifest
        var counted: [String: Int] = [:]
        for outcome in outcomes where outcome.format == .json {
            for (source, count) in outcome.recordsBySource { counted[source, default: 0] += count }
        }
        let complete = !outcomes.contains { $0.format == .json && $0.failure != nil }
        var sourceIDs: Set<String> = []
        for source in manifest.sources {
            if !sourceIDs.insert(source.id).inserted { note(.manifestDuplicateSource, file, "lists source \(source.id) twice") }
            if complete, counted[source.id] ?? 0 != source.records {
                note(.sourceCountMismatch, file, "source \(source.id): the record files hold a different number of its records",
                     expected: String(source.records), found: String(counted[source.id] ?? 0))
            }
            let unreadable = manifest.unreadable.filter { $0.source == source.id }.reduce(0) { $0 + $1.records }
            if unreadable != source.unreadable {
                note(.unreadableCountMismatch, file, "source \(source.id): its unreadable rows add up to a different number",
                     expected: String(source.unreadable), found: String(unreadable))
            }
            let excluded = manifest.exclusions.filter { $0.source == source.id }.reduce(0) { $0 + $1.records }
            if excluded != source.excluded {
                note(.exclusionCountMismatch, file, "source \(source.id): its exclusions add up to a different number",
                     expected: String(source.excluded), found: String(excluded))
            }
        }
        let judged = PortaManifest.Contents.judged(from: manifest.sources)
        if judged != manifest.contents {
            note(.contentsMismatch, file, "contents does not agree with the source counts", expected: judged.rawValue,
                 found: manifest.contents.rawValue)
        }
        for source in counted.keys.sorted() where !sourceIDs.contains(source) {
            note(.unknownSource, file, "records come from source \(source), which the manifest does not list")
        }
        if manifest.unreadable != manifest.unreadable.sorted() || Set(manifest.unreadable.map { [$0.source, $0.kind ?? "", $0.reason] }).count != manifest.unreadable.count {
            note(.manifestOrder, file, "unreadable rows are not sorted by source, kind, reason without repeats")
        }
        for entry in manifest.unreadable {
            if !sourceIDs.contains(entry.source) { note(.unknownSource, file, "unreadable rows name source \(entry.source), which the manifest does not list") }
            if let kind = entry.kind, payload.catalogue.kind(named: kind) == nil { note(.unknownKind, file, "unreadable rows name a kind the bundle does not have") }
        }
        var previous: (String, String, String)?
        for exclusion in manifest.exclusions {
            let key = (exclusion.source, exclusion.kind, exclusion.reason)
            if let previous, !(previous < key) { note(.manifestOrder, file, "exclusions are not sorted by source, kind, reason without repeats") }
            previous = key
            if !sourceIDs.contains(exclusion.source) { note(.unknownSource, file, "an exclusion names source \(exclusion.source), which the manifest does not list") }
            if payload.catalogue.kind(named: exclusion.kind) == nil { note(.unknownKind, file, "an exclusion names a kind the bundle does not have") }
            if !exclusionFitsPolicy(exclusion.reason, manifest) {
                note(.exclusionContradictsPolicy, file, "exclusion reason \(exclusion.reason) names something the policy keeps")
            }
        }
    }

    private func exclusionFitsPolicy(_ reason: String, _ manifest: PortaManifest) -> Bool {
        if let provenance = Provenance.allCases.first(where: { ExclusionReason.provenanceNotCovered($0).code == reason }) {
            return !manifest.policy.provenance.contains(provenance)
        }
        if let basis = LegalBasis.allCases.first(where: { ExclusionReason.legalBasisNotCovered($0).code == reason }) {
            return !manifest.policy.legalBasis.contains(basis)
        }
        return false
    }

    /// Every record is one the stated policy keeps, and a portability policy keeps no more
    /// than Art. 20 covers: data the person provided (or observed) under consent or contract.
    private mutating func checkPolicy(_ manifest: PortaManifest) {
        let file = BundleLayout.manifest
        for outcome in outcomes where outcome.format == .json {
            for (footing, count) in outcome.footings.sorted(by: { "\($0.key)" < "\($1.key)" })
            where !manifest.policy.provenance.contains(footing.provenance) || !manifest.policy.legalBasis.contains(footing.legalBasis) {
                note(.recordOutsidePolicy, outcome.path,
                     "\(count) record(s) are \(footing.provenance.rawValue) under \(footing.legalBasis.rawValue), which the bundle's policy does not keep")
            }
        }
        if manifest.request.purpose == .portability {
            let provenances = manifest.policy.provenance.filter { ![.provided, .observed].contains($0) }
            let bases = manifest.policy.legalBasis.filter { ![.contract, .consent].contains($0) }
            if !provenances.isEmpty || !bases.isEmpty {
                note(.policyExceedsPortability, file,
                     "a portability bundle keeps data Art. 20 does not cover: \((provenances.map(\.rawValue) + bases.map(\.rawValue)).joined(separator: ", "))")
            }
        }
    }

    /// The bundle id derives from controller, request and time; bag-info says the same.
    private mutating func checkIdentity(_ manifest: PortaManifest) {
        let derived = BundleIdentity.bundleID(controllerID: manifest.controller.id, requestID: manifest.request.id, createdAt: manifest.createdAt)
        if derived != manifest.bundleID {
            note(.bundleIDMismatch, BundleLayout.manifest, "bundleId does not derive from the controller, request and creation time",
                 expected: derived, found: manifest.bundleID)
        }
        guard let values = bagInfo else { return }
        for (label, value) in manifest.bagInfo where PortaManifest.bagInfoLabelsStatingTheManifest.contains(label) && values[label] != value {
            note(.bagInfoMismatch, BundleLayout.bagInfo, "\(label) does not agree with the manifest",
                 expected: label == "Source-Organization" ? nil : value, found: label == "Source-Organization" ? nil : values[label] ?? "none")
        }
    }

    /// Each identifier the subject was found by is valid for its scheme and in normal form;
    /// each place it was found is the request or a listed source. Values are never quoted.
    private mutating func checkSubject(_ manifest: PortaManifest) {
        let sources = Set(manifest.sources.map(\.id))
        for (index, use) in manifest.subjectIdentifiers.enumerated() {
            let pointer = "/subject/identifiers/\(index)"
            if use.identifier(on: manifest.createdAt.date) == nil {
                note(.invalidIdentifier, BundleLayout.manifest, "\(pointer): the \(use.scheme.rawValue) is not valid or not in normal form")
            }
            for place in use.foundIn where place != "request" && !sources.contains(place) {
                note(.unknownSource, BundleLayout.manifest, "\(pointer): found in \(place), which the manifest does not list")
            }
        }
    }

    /// Each file under data/files/ belongs to one attachment record that names it with its true size and digest.
    private mutating func checkAttachments() {
        var claimed: Set<String> = []
        for outcome in outcomes where outcome.format == .json {
            for claim in outcome.attachments {
                guard let path = claim.path else { continue }
                guard PayloadRole(path: path, catalogue: payload.catalogue) == .attachment, path.dropFirst(BundleLayout.filesFolder.count).hasPrefix(claim.record),
                      let size = payload.sizes[path] else {
                    note(.attachmentFileMissing, outcome.path, line: claim.line, record: claim.record,
                         "the attachment's path does not name its file under data/files/"); continue
                }
                if !claimed.insert(path).inserted {
                    note(.attachmentFileShared, path, record: claim.record, "more than one attachment record claims the file")
                }
                if let bytes = claim.bytes, bytes != size {
                    note(.attachmentBytesMismatch, path, record: claim.record, "the file's size differs from its record's",
                         expected: String(bytes), found: String(size))
                }
                if let sha256 = claim.sha256, let actual = payload.sha256[path], sha256 != actual {
                    note(.attachmentSHA256Mismatch, path, record: claim.record, "the file's SHA-256 differs from its record's",
                         expected: sha256, found: actual)
                }
            }
        }
        // Unclaimed files can only be told when every attachment record was read.
        let attachmentsRead = outcomes.contains { $0.format == .json && $0.kind == .attachment && $0.failure == nil }
            || !payload.files.contains(RecordFileFormat.json.path(.attachment))
        for path in payload.files where attachmentsRead && PayloadRole(path: path, catalogue: payload.catalogue) == .attachment && !claimed.contains(path) {
            note(.attachmentFileUnclaimed, path, "no attachment record names the file")
        }
    }
}
