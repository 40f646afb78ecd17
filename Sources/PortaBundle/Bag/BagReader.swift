import Foundation

/// Reads a BagIt bag (RFC 8493) the way ``BagWriter`` writes one: declaration, manifests,
/// completeness (nothing missing, nothing extra), every checksum of every algorithm,
/// `Payload-Oxum`, tag manifests, plus what the profile of `porta/1` adds: `bag-info.txt` with
/// `Payload-Oxum`, and SHA-256 payload and tag manifests. The verifier's level 1.
///
/// Reading is two steps, so that hashing can run on every core beside other work: `init`
/// reads the structure and lists ``hashJobs``; ``conclude(digests:)`` compares the checksums.
/// Every problem becomes a ``BundleProblem``; the reader never stops at the first.
public struct BagReader {
    private let bag: String
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

    /// Checks the bag's structure, declaration, manifests and `Payload-Oxum`, and lists the
    /// files to hash; ``conclude(digests:)`` then compares their checksums.
    public init(bag: String) {
        self.bag = bag
        prepare()
    }

    private mutating func note(_ code: FindingCode, _ path: String?, line: Int? = nil, _ message: String,
                               expected: String? = nil, found: String? = nil) {
        list.append(BundleProblem(code: code, path: path, line: line, message: message, expected: expected, found: found))
    }

    private mutating func prepare() {
        checkDeclaration()
        if FileManager.default.fileExists(atPath: bag + "/" + BundleLayout.fetch) {
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
        for manifest in payloadManifests {
            let listed = Set(manifest.entries.map(\.path))
            for entry in manifest.entries {
                if let file = scan.spellings[entry.path] {
                    hashJobs[file, default: []].insert(manifest.algorithm)
                    expectations.append((file, manifest, entry))
                } else {
                    note(.missingFile, entry.path, "payload file listed in \(manifest.name) line \(entry.line) is missing")
                }
            }
            for file in scan.files where !listed.contains(file) {
                note(.extraFile, file, "payload file is not listed in \(manifest.name)")
            }
        }
        checkPayloadOxum()
        for manifest in tagManifests {
            for entry in manifest.entries {
                switch TagFile.read(entry.path, in: bag) {
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
            } else if version == "0.97" {
                note(.profileBagItVersion, BundleLayout.declaration, line: 1,
                     "BagIt 0.97 is a valid bag, but the porta/1 profile accepts BagIt 1.0 only", expected: "1.0", found: version)
            }
            if file.lines.count < 2 || file.lines[1] != "Tag-File-Character-Encoding: UTF-8" {
                note(.badBagitTxt, BundleLayout.declaration, line: 2, "second line must be 'Tag-File-Character-Encoding: UTF-8'")
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
            switch TagFile.read(name, in: bag) {
            case .failure(let problem):
                note(.unreadable, name, "manifest \(problem.message)")
            case .success(let file):
                if file.hasByteOrderMark { note(.byteOrderMark, name, "starts with a byte order mark, which RFC 8493 forbids") }
                let (manifest, lineProblems) = ManifestFile.parse(file, algorithm: algorithm, payload: !isTag)
                list.append(lineProblems)
                if isTag { tags.append(manifest) } else { payload.append(manifest) }
            }
        }
        if !payload.contains(where: { $0.algorithm == .sha256 }) {
            note(.missingManifest, BundleLayout.payloadManifest, "the SHA-256 payload manifest is missing (RFC 8493 needs a payload manifest; porta/1 needs SHA-256)")
        }
        if let tagManifest = tags.first(where: { $0.algorithm == .sha256 }) {
            let listed = Set(tagManifest.entries.map(\.path))
            for name in TagManifestCoverage.required(files: names) where !listed.contains(name) {
                note(.tagManifestIncomplete, BundleLayout.tagManifest,
                     "does not list \(name), which it must pin (RFC 8493 §2.2.1 for payload manifests; the porta/1 profile for the rest)")
            }
        } else {
            note(.missingManifest, BundleLayout.tagManifest, "the SHA-256 tag manifest is missing (porta/1 needs it: it pins the bundle)")
        }
        return (payload, tags)
    }

    /// `bag-info.txt` and its `Payload-Oxum`: the payload's octet count and file count.
    private mutating func checkPayloadOxum() {
        let file: TagFile
        switch TagFile.read(BundleLayout.bagInfo, in: bag, maximumSize: TagFile.bagInfoMaximumSize) {
        case .failure(let problem):
            return note(problem == .missing ? .missingTagFile : .unreadable, BundleLayout.bagInfo, "bag-info \(problem.message) (porta/1 needs it)")
        case .success(let read):
            file = read
        }
        if file.hasByteOrderMark { note(.byteOrderMark, BundleLayout.bagInfo, "starts with a byte order mark, which RFC 8493 forbids") }
        var values: [String: String] = [:]
        var seen: [String: Int] = [:]
        defer {
            bagInfo = values
            for label in BundleLayout.bagInfoLabelsGivenOnce where (seen[label] ?? 0) > 1 && label != "Payload-Oxum" {
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
            return note(.missingPayloadOxum, BundleLayout.bagInfo, "has no Payload-Oxum (porta/1 needs it)")
        }
        if oxum.count > 1 { note(.badBagInfo, BundleLayout.bagInfo, line: oxum[1].line, "Payload-Oxum is given more than once") }
        let octets = payloadSizes.values.reduce(0, +)
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
