import Foundation

/// Which rules a bag is read by: RFC 8493 alone, or RFC 8493 and the `porta/1` profile.
public enum BagRules: Sendable, Equatable {
    case porta
    case rfc8493
}

/// Reads a BagIt bag (RFC 8493): declaration, manifests, completeness (nothing missing,
/// nothing extra), every checksum of every algorithm, `Payload-Oxum`, tag manifests and
/// `fetch.txt`, by the RFC's rules; with ``BagRules/porta`` also what the `porta/1` profile adds
/// (`profile-…` findings): BagIt 1.0, UTF-8 tag files, `bag-info.txt` with `Payload-Oxum`,
/// SHA-256 payload and tag manifests, a tag manifest that pins every tag file, no `fetch.txt`.
/// The verifier's level 1, and `porta verify --bagit`.
///
/// Reading is two steps, so that hashing can run on every core beside other work: `init`
/// reads the structure and lists ``hashJobs``; ``conclude(digests:)`` compares the checksums.
/// Every problem becomes a ``BundleProblem``; the reader never stops at the first.
public struct BagReader {
    private let bag: String
    /// Which rules the bag is read by.
    public let rules: BagRules
    /// The tag files' encoding, as `bagit.txt` declares it.
    private var encoding = TagFile.Encoding.utf8
    private var list = ProblemList()
    /// What is wrong, at most ``ProblemList/perCode`` of each code, then how many more.
    public var problems: [BundleProblem] { list.problems }
    /// The regular files under `data/`, relative to the bag, sorted.
    public private(set) var payloadFiles: [String] = []
    /// Their sizes, as the walk of `data/` found them.
    public private(set) var payloadSizes: [String: Int64] = [:]
    /// `bag-info.txt` as label → first value, or nil when it cannot be read.
    public private(set) var bagInfo: [String: String]?
    /// Every file to hash, with the algorithms its manifests use.
    public private(set) var hashJobs: [String: Set<HashAlgorithm>] = [:]
    private var expectations: [(file: String, manifest: ManifestFile, entry: ManifestFile.Entry)] = []
    /// With ``BagRules/rfc8493``, payload files whose names only Unicode normalisation tells from
    /// another's (which RFC 8493 leaves to the file system): each with the algorithms its
    /// manifest lines need. Their digests go to ``conclude(twinDigests:)``, by index.
    public private(set) var twinJobs: [(file: String, algorithms: Set<HashAlgorithm>)] = []
    private var twinExpectations: [(twin: Int, manifest: ManifestFile, entry: ManifestFile.Entry)] = []
    private var payloadOctets: Int64 = 0

    /// Checks the bag's structure, declaration, manifests and `Payload-Oxum`, and lists the
    /// files to hash; ``conclude(digests:)`` then compares their checksums.
    public init(bag: String, rules: BagRules = .porta) {
        self.bag = bag
        self.rules = rules
        prepare()
    }

    private var isPorta: Bool { rules == .porta }

    private mutating func note(_ code: FindingCode, _ path: String?, line: Int? = nil, _ message: String,
                               expected: String? = nil, found: String? = nil) {
        list.append(BundleProblem(code: code, path: path, line: line, message: message, expected: expected, found: found))
    }

    private mutating func prepare() {
        checkDeclaration()
        let hasFetch = FileManager.default.fileExists(atPath: bag + "/" + BundleLayout.fetch)
        if hasFetch, isPorta {
            note(.profileFetch, BundleLayout.fetch, "the porta/1 profile does not allow fetch.txt: a bundle carries every file itself")
        }
        var info = stat()
        guard lstat(bag + "/data", &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            note(.missingPayloadFolder, BundleLayout.payloadFolder, "the payload folder data/ is missing or not a folder")
            return
        }
        let (payloadManifests, tagManifests) = readManifests()
        let scan = PayloadScan(bag: bag)
        list.append(contentsOf: scan.findings)
        payloadFiles = scan.files
        payloadSizes = scan.sizes
        payloadOctets = scan.octets
        // By RFC 8493 alone, a twin is its own file, found by its exact bytes.
        let twins = isPorta ? [:] : Dictionary(scan.twins.enumerated().map { (Array($1.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        twinJobs = isPorta ? [] : scan.twins.map { ($0, []) }
        for manifest in payloadManifests {
            let listed = Set(manifest.entries.map(\.path))
            let listedBytes = Set(manifest.entries.map { Array($0.path.utf8) })
            for entry in manifest.entries {
                if let twin = twins[Array(entry.path.utf8)] {
                    twinJobs[twin].algorithms.insert(manifest.algorithm)
                    twinExpectations.append((twin, manifest, entry))
                } else if let file = scan.spellings[entry.path] {
                    hashJobs[file, default: []].insert(manifest.algorithm)
                    expectations.append((file, manifest, entry))
                } else {
                    note(.missingFile, entry.path, "payload file listed in \(manifest.name) line \(entry.line) is missing")
                }
            }
            for file in scan.files where twins[Array(file.utf8)] != nil ? !listedBytes.contains(Array(file.utf8)) : !listed.contains(file) {
                note(.extraFile, file, "payload file is not listed in \(manifest.name)")
            }
        }
        checkPayloadOxum()
        if hasFetch { checkFetch(payloadManifests) }
        for manifest in tagManifests {
            for entry in manifest.entries {
                // Only that it is a regular file that can be read: its bytes are hashed, in any encoding.
                switch TagFile.readBytes(entry.path, in: bag, maximumSize: TagFile.maximumSize) {
                case .failure(let problem):
                    note(problem == .missing ? .missingTagFile : .unreadable, entry.path,
                         "tag file listed in \(manifest.name) line \(entry.line): \(problem.message)")
                case .success:
                    hashJobs[entry.path, default: []].insert(manifest.algorithm)
                    expectations.append((entry.path, manifest, entry))
                }
            }
        }
    }

    /// `bagit.txt`: exactly the version line and the encoding line, in that order.
    private mutating func checkDeclaration() {
        switch TagFile.read(BundleLayout.declaration, in: bag, maximumSize: TagFile.declarationMaximumSize) {
        case .failure(let problem):
            note(problem == .missing ? .missingTagFile : .badBagitTxt, BundleLayout.declaration, "the bag declaration \(problem.message)")
        case .success(let file):
            if file.hasByteOrderMark { note(.byteOrderMark, BundleLayout.declaration, "starts with a byte order mark, which RFC 8493 forbids") }
            let versionLine = file.lines.first ?? ""
            let version = versionLine.hasPrefix("BagIt-Version: ") ? String(versionLine.dropFirst(15)) : nil
            if version == nil {
                note(.badBagitTxt, BundleLayout.declaration, line: 1, "first line must be 'BagIt-Version: M.N'")
            } else if version != "1.0" && version != "0.97" {
                note(.unsupportedVersion, BundleLayout.declaration, line: 1, "BagIt version is not 1.0 (or 0.97)", expected: "1.0", found: version)
            } else if version == "0.97", isPorta {
                note(.profileBagItVersion, BundleLayout.declaration, line: 1,
                     "BagIt 0.97 is a valid bag, but the porta/1 profile accepts BagIt 1.0 only", expected: "1.0", found: version)
            }
            let encodingLine = file.lines.count >= 2 ? file.lines[1] : ""
            let prefix = "Tag-File-Character-Encoding: "
            if !encodingLine.hasPrefix(prefix) || encodingLine.count == prefix.count {
                note(.badBagitTxt, BundleLayout.declaration, line: 2, "second line must be 'Tag-File-Character-Encoding: ENCODING'")
            } else {
                let name = String(encodingLine.dropFirst(prefix.count))
                if let declared = TagFile.Encoding(name: name) {
                    encoding = declared
                    if declared != .utf8 || name.uppercased() != "UTF-8", isPorta {
                        note(.profileTagEncoding, BundleLayout.declaration, line: 2,
                             "tag files are declared \(BundleProblem.shown(name)); the porta/1 profile needs UTF-8", expected: "UTF-8")
                    }
                } else {
                    note(.unsupportedEncoding, BundleLayout.declaration, line: 2,
                         "declares a tag-file encoding this verifier cannot read (UTF-8 and ISO-8859-1 it can)")
                }
            }
            if file.lines.count > 2 {
                note(.badBagitTxt, BundleLayout.declaration, line: 3, "the declaration has lines beyond the two RFC 8493 §2.1.1 allows")
            }
        }
    }

    /// Every `manifest-ALG.txt` and `tagmanifest-ALG.txt`, parsed; porta/1 requires SHA-256 of both.
    private mutating func readManifests() -> ([ManifestFile], [ManifestFile]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: bag))?.sorted() ?? []
        var payload: [ManifestFile] = [], tags: [ManifestFile] = []
        for name in names where name.hasSuffix(".txt") {
            let isTag = name.hasPrefix("tagmanifest-")
            guard isTag || name.hasPrefix("manifest-") else { continue }
            let algorithmName = String(name.dropFirst(isTag ? 12 : 9).dropLast(4))
            guard let algorithm = HashAlgorithm(rawValue: algorithmName) else {
                note(.unsupportedAlgorithm, name, "manifest uses an algorithm this verifier does not know (\(algorithmName))")
                continue
            }
            switch TagFile.read(name, in: bag, maximumSize: TagFile.maximumSize, encoding: encoding) {
            case .failure(let problem):
                note(.unreadable, name, "manifest \(problem.message)")
            case .success(let file):
                if file.hasByteOrderMark { note(.byteOrderMark, name, "starts with a byte order mark, which RFC 8493 forbids") }
                let (manifest, lineProblems) = ManifestFile.parse(file, algorithm: algorithm, payload: !isTag)
                list.append(lineProblems)
                if isTag { tags.append(manifest) } else { payload.append(manifest) }
            }
        }
        if payload.isEmpty {
            note(.missingManifest, BundleLayout.payloadManifest, "the bag has no payload manifest (RFC 8493 §2.1.3 needs one)")
        } else if isPorta, !payload.contains(where: { $0.algorithm == .sha256 }) {
            note(.profileSHA256Manifests, BundleLayout.payloadManifest, "the SHA-256 payload manifest is missing (the porta/1 profile needs SHA-256)")
        }
        let payloadManifestNames = names.filter { $0.hasPrefix("manifest-") && $0.hasSuffix(".txt") }
        for tagManifest in tags {
            let listed = Set(tagManifest.entries.map(\.path))
            for name in payloadManifestNames where !listed.contains(name) {
                note(.tagManifestIncomplete, tagManifest.name, "does not list \(name): every tag manifest must list every payload manifest (RFC 8493 §2.2.1)")
            }
            for entry in tagManifest.entries where entry.path.hasPrefix("tagmanifest-") {
                note(.tagManifestListsTagManifest, tagManifest.name, line: entry.line, "lists \(entry.path): a tag manifest must not list tag manifests (RFC 8493 §2.2.1)")
            }
        }
        if isPorta {
            if let tagManifest = tags.first(where: { $0.algorithm == .sha256 }) {
                let listed = Set(tagManifest.entries.map(\.path))
                for name in TagManifestCoverage.required(files: names) where !listed.contains(name) && !name.hasPrefix("manifest-") {
                    note(.profileTagCoverage, BundleLayout.tagManifest, "does not list \(name), which the porta/1 profile needs it to pin")
                }
            } else {
                note(.profileSHA256Manifests, BundleLayout.tagManifest, "the SHA-256 tag manifest is missing (the porta/1 profile needs it: it pins the bundle)")
            }
        }
        return (payload, tags)
    }

    /// `bag-info.txt` and its `Payload-Oxum`: the payload's octet count and file count.
    private mutating func checkPayloadOxum() {
        let file: TagFile
        switch TagFile.read(BundleLayout.bagInfo, in: bag, maximumSize: TagFile.bagInfoMaximumSize, encoding: encoding) {
        case .failure(.missing):
            if isPorta { note(.profileBagInfo, BundleLayout.bagInfo, "bag-info.txt is missing (the porta/1 profile needs it, with Payload-Oxum)") }
            return
        case .failure(let problem):
            return note(.unreadable, BundleLayout.bagInfo, "bag-info \(problem.message)")
        case .success(let read):
            file = read
        }
        if file.hasByteOrderMark { note(.byteOrderMark, BundleLayout.bagInfo, "starts with a byte order mark, which RFC 8493 forbids") }
        var values: [String: String] = [:]
        var seen: [String: Int] = [:]
        defer {
            bagInfo = values
            for label in BundleLayout.bagInfoLabelsGivenOnce where isPorta && (seen[label] ?? 0) > 1 && label != "Payload-Oxum" {
                note(.profileRepeatedLabel, BundleLayout.bagInfo, "\(label) is given \(seen[label]!) times; the porta/1 profile allows it once")
            }
        }
        var oxum: [(value: String, line: Int)] = []
        for (index, line) in file.lines.enumerated() {
            if line.first == " " || line.first == "\t" {
                if index == 0 { note(.badBagInfo, BundleLayout.bagInfo, line: 1, "starts with a continuation line") }
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                note(.badBagInfo, BundleLayout.bagInfo, line: index + 1, "line is not 'Label: value'")
                continue
            }
            let label = line[..<colon]
            if label.last == " " || label.last == "\t" {
                note(.badBagInfo, BundleLayout.bagInfo, line: index + 1, "label has white space before its colon")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if values[String(label)] == nil { values[String(label)] = value }
            seen[String(label), default: 0] += 1
            if label == "Payload-Oxum" { oxum.append((value, index + 1)) }
        }
        guard let (value, line) = oxum.first else {
            if isPorta { note(.profileBagInfo, BundleLayout.bagInfo, "has no Payload-Oxum (the porta/1 profile needs it)") }
            return
        }
        if oxum.count > 1 { note(.badBagInfo, BundleLayout.bagInfo, line: oxum[1].line, "Payload-Oxum is given more than once") }
        let octets = payloadOctets
        let actual = "\(octets).\(payloadFiles.count)"
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return note(.badPayloadOxum, BundleLayout.bagInfo, line: line, "Payload-Oxum is not OCTETS.COUNT", expected: actual, found: value)
        }
        if Int64(parts[0]) != octets || Int(parts[1]) != payloadFiles.count {
            note(.payloadOxumMismatch, BundleLayout.bagInfo, line: line,
                 "Payload-Oxum does not match the payload's size and file count", expected: actual, found: value)
        }
    }

    /// `fetch.txt` by RFC 8493 §2.2.3: each line `URL LENGTH FILEPATH`, the URL absolute, the
    /// length in octets or `-`, the path a payload file every payload manifest lists. A listed
    /// file that was not fetched is missing, as any other (a bag is valid only when complete).
    private mutating func checkFetch(_ payloadManifests: [ManifestFile]) {
        let file: TagFile
        switch TagFile.read(BundleLayout.fetch, in: bag, maximumSize: TagFile.maximumSize, encoding: encoding) {
        case .failure(let problem): return note(.unreadable, BundleLayout.fetch, "fetch.txt \(problem.message)")
        case .success(let read): file = read
        }
        for (index, line) in file.lines.enumerated() where !line.isEmpty {
            let number = index + 1
            let parts = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard parts.count == 3 else {
                note(.badFetchLine, BundleLayout.fetch, line: number, "line is not URL LENGTH FILEPATH"); continue
            }
            let url = parts[0], length = parts[1], rawPath = parts[2].trimmingCharacters(in: .whitespaces)
            let scheme = url.prefix { $0 != ":" }
            guard scheme.count < url.count, let first = scheme.first, first.isASCII, first.isLetter,
                  scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
                note(.badFetchLine, BundleLayout.fetch, line: number, "the URL is not absolute (it has no scheme)"); continue
            }
            guard length == "-" || (!length.isEmpty && length.allSatisfy { $0.isASCII && $0.isNumber }) else {
                note(.badFetchLine, BundleLayout.fetch, line: number, "the length is not a number of octets or -"); continue
            }
            guard let path = BagPath.decode(rawPath), BagPath.problem(with: path) == nil, path.hasPrefix("data/") else {
                note(.fetchOutsidePayload, BundleLayout.fetch, line: number,
                     "names a file outside data/ (a tag file, or a path that leaves the bag); fetch.txt may name payload files only"); continue
            }
            for manifest in payloadManifests where !manifest.entries.contains(where: { $0.path == path }) {
                note(.fetchUnlisted, BundleLayout.fetch, line: number, "names a file \(manifest.name) does not list")
            }
        }
    }

    /// Compares the twins' listed checksums with their digests (by index of ``twinJobs``; nil
    /// for a file that could not be read).
    public mutating func conclude(twinDigests: [[HashAlgorithm: String]?]) {
        for (twin, manifest, entry) in twinExpectations {
            guard twin < twinDigests.count, let computed = twinDigests[twin], let actual = computed[manifest.algorithm] else {
                note(.unreadable, twinJobs[twin].file, "file cannot be read to check its checksum")
                continue
            }
            if actual != entry.checksum {
                note(.checksumMismatch, twinJobs[twin].file,
                     "\(manifest.algorithm.name) does not match \(manifest.name) line \(entry.line): the file was changed",
                     expected: entry.checksum, found: actual)
            }
        }
    }

    /// Compares each listed checksum with the digests computed of the files (nil for a file
    /// that could not be read).
    public mutating func conclude(digests: [String: [HashAlgorithm: String]?]) {
        for (file, manifest, entry) in expectations {
            guard let computed = digests[file] ?? nil, let actual = computed[manifest.algorithm] else {
                note(.unreadable, file, "file cannot be read to check its checksum")
                continue
            }
            if actual != entry.checksum {
                note(.checksumMismatch, file,
                     "\(manifest.algorithm.name) does not match \(manifest.name) line \(entry.line): the file was changed",
                     expected: entry.checksum, found: actual)
            }
        }
    }
}
