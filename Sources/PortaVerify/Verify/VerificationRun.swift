import Dispatch
import Foundation
import PortaBundle
import PortaFormats
import PortaModel

/// One verification of one bag folder, level by level. Hashing (level 1) and reading the
/// record files (levels 2–4) are independent jobs run together on every core, largest file
/// first; the levels are then judged from what the jobs found.
struct VerificationRun {
    let bag: String
    let options: VerifyOptions
    var maxLevel: Int { options.maxLevel }
    /// An owner-only folder for scratch files, removed by the caller.
    let scratch: String

    /// The levels' verdicts, and the manifest level 2 read (nil below level 2 or when it
    /// could not be read), so that whoever acts on a verified bundle uses the manifest that was
    /// checked rather than reading it again.
    struct Result {
        var levels: [VerificationReport.Level]
        var manifest: PortaManifest?
    }

    func run() -> Result {
        var manifest: PortaManifest?
        var manifestFindings: [Finding] = []
        if maxLevel >= 2 {
            let (read, problems) = PortaManifest.read(bag: bag)
            manifest = read
            manifestFindings = problems.map { Finding(level: 2, $0) }
        }
        return Result(levels: levels(manifest: manifest, manifestFindings: manifestFindings), manifest: manifest)
    }

    private func levels(manifest: PortaManifest?, manifestFindings: [Finding]) -> [VerificationReport.Level] {
        var bagCheck = BagReader(bag: bag)
        let versionRefused = manifestFindings.contains { $0.code == "unsupported-format-version" }
        let readsRecords = maxLevel >= 2 && !versionRefused
        var index: RecordIndex?
        var indexFindings: [Finding] = []
        if readsRecords && maxLevel >= 3 {
            do { index = try RecordIndex(path: scratch + "/index.sqlite") } catch {
                indexFindings.append(Finding(level: 3, code: "index-failed", message: "the scratch index of ids could not be made: \(error)"))
            }
        }

        var hashJobs = bagCheck.hashJobs
        for file in bagCheck.payloadFiles { hashJobs[file, default: []].insert(.sha256) }
        let reads = readsRecords ? recordFileChecks(bagCheck.payloadFiles) : []
        let (digests, outcomes) = runJobs(hashJobs: hashJobs, reads: reads, index: index, payloadSizes: bagCheck.payloadSizes)

        bagCheck.conclude(digests: digests)
        var levels = [VerificationReport.Level(level: 1, name: BundleVerifier.levelNames[1]!, findings: bagCheck.problems.map { Finding(level: 1, $0) })]
        guard maxLevel >= 2 else { return levels }
        let payload = PayloadFacts(files: bagCheck.payloadFiles, sizes: bagCheck.payloadSizes, digests: digests)
        levels.append(.init(level: 2, name: BundleVerifier.levelNames[2]!,
                            findings: manifestFindings + outcomes.compactMap(\.failure) + FormatChecks.findings(payload: payload, bag: bag)))
        guard maxLevel >= 3 else { return levels }
        if versionRefused {
            return levels + VerificationReport.Level.skipped(from: 3, through: maxLevel, because: "the bundle's format version is not one this verifier reads (level 2)")
        }
        var semantic = SemanticChecks(manifest: manifest, payload: payload, outcomes: outcomes, bagInfo: bagCheck.bagInfo)
        semantic.run()
        indexFindings += outcomes.compactMap(\.indexFailure)
        if let index {
            do { indexFindings += try index.findings(level: 3) } catch {
                indexFindings.append(Finding(level: 3, code: "index-failed", message: "the scratch index of ids could not be read: \(error)"))
            }
        }
        levels.append(.init(level: 3, name: BundleVerifier.levelNames[3]!, findings: semantic.findings + indexFindings))
        guard maxLevel >= 4 else { return levels }
        levels.append(.init(level: 4, name: BundleVerifier.levelNames[4]!,
                            findings: CrossFormatChecks.findings(outcomes: outcomes, bag: bag)))
        guard maxLevel >= 5 else { return levels }
        levels.append(AuthenticityCheck(bag: bag, trusted: options.trustedSigners, required: options.requireSignature).run())
        return levels
    }

    /// One check per record file of a known kind; the JSON file feeds the index.
    private func recordFileChecks(_ files: [String]) -> [RecordFileCheck] {
        files.compactMap { path in
            guard case .records(let kind, let format) = PayloadRole(path: path) else { return nil }
            return RecordFileCheck(path: path, kind: kind, format: format)
        }
    }

    /// Runs every hash and every read on all cores, the largest files first.
    private func runJobs(hashJobs: [String: Set<HashAlgorithm>], reads: [RecordFileCheck], index: RecordIndex?,
                         payloadSizes: [String: Int64]) -> ([String: [HashAlgorithm: String]?], [RecordFileCheck.Outcome]) {
        enum Job { case hash(String, Set<HashAlgorithm>), read(Int) }
        let folder = bag
        // Payload sizes come from the walk of data/; only tag files need a look of their own.
        func size(_ path: String) -> Int64 {
            if let known = payloadSizes[path] { return known }
            var info = stat()
            return lstat(folder + "/" + path, &info) == 0 ? Int64(info.st_size) : 0
        }
        let hashes = hashJobs.keys.sorted()
        var jobs: [(job: Job, size: Int64)] = hashes.map { (.hash($0, hashJobs[$0]!), size($0)) }
        // Reading costs several times hashing the same bytes: weigh it so reads start first.
        jobs += reads.indices.map { (.read($0), size(reads[$0].path) * 8) }
        jobs.sort { $0.size > $1.size }
        let digestSlots = ResultSlots<[HashAlgorithm: String]?>(count: hashes.count)
        let hashSlot = Dictionary(uniqueKeysWithValues: hashes.enumerated().map { ($1, $0) })
        let outcomeSlots = ResultSlots<RecordFileCheck.Outcome>(count: reads.count)
        let levelFour = maxLevel >= 4
        let ordered = jobs.map(\.job)
        DispatchQueue.concurrentPerform(iterations: ordered.count) { position in
            switch ordered[position] {
            case .hash(let path, let algorithms):
                digestSlots.set(hashSlot[path]!, FileHashing.digest(of: folder + "/" + path, algorithms: algorithms))
            case .read(let number):
                let check = reads[number]
                outcomeSlots.set(number, check.run(bag: folder, index: check.format == .json ? index : nil, digest: levelFour))
            }
        }
        return (Dictionary(uniqueKeysWithValues: zip(hashes, digestSlots.values)), outcomeSlots.values)
    }
}

/// The payload as found: its files, their sizes and SHA-256 digests.
struct PayloadFacts {
    let files: [String]
    let sizes: [String: Int64]
    let sha256: [String: String]

    init(files: [String], sizes: [String: Int64], digests: [String: [HashAlgorithm: String]?]) {
        self.files = files
        self.sizes = sizes
        sha256 = files.reduce(into: [:]) { result, file in
            if let digest = digests[file] ?? nil { result[file] = digest[.sha256] }
        }
    }
}
