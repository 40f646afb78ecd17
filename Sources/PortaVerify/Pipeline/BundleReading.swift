import Dispatch
import Foundation
import PortaBundle
import PortaFormats
import PortaModel

/// Reads one bag folder once, for every stage up to ``maxLevel``: the manifest, the bag's
/// structure, and then, as independent jobs on every core, largest file first, the hashing of
/// every file (level 1) and the strict reading of every record file (levels 2–4). Hands on a
/// ``ReadBundle``.
public struct BundleReading: Sendable {
    /// The highest level the reading prepares for.
    public let maxLevel: Int
    /// An owner-only folder for scratch files (the index of ids), removed by the caller.
    public let scratch: String

    public init(maxLevel: Int, scratch: String) {
        self.maxLevel = maxLevel
        self.scratch = scratch
    }

    public func read(bag: String) -> ReadBundle {
        var manifest: PortaManifest?
        var manifestFindings: [Finding] = []
        if maxLevel >= 2 {
            let (read, problems) = PortaManifest.read(bag: bag)
            manifest = read
            manifestFindings = problems.map { Finding(level: 2, $0) }
        }
        var bagReader = BagReader(bag: bag)
        let versionRefused = manifestFindings.contains { $0.code == FindingCode.unsupportedFormatVersion.rawValue }
        let readsRecords = maxLevel >= 2 && !versionRefused
        var index: RecordIndex?
        var indexFindings: [Finding] = []
        if readsRecords && maxLevel >= 3 {
            do { index = try RecordIndex(path: scratch + "/index.sqlite") } catch {
                indexFindings.append(Finding(level: 3, code: .indexFailed, message: "the scratch index of ids could not be made: \(error)"))
            }
        }
        var hashJobs = bagReader.hashJobs
        for file in bagReader.payloadFiles { hashJobs[file, default: []].insert(.sha256) }
        let catalogue = manifest?.catalogue ?? .porta1
        var extensionSchema: XMLRecordSchema?
        do { extensionSchema = try XMLRecordSchema.extensions(of: catalogue) } catch {
            manifestFindings.append(Finding(level: 2, code: .badKindDeclaration, path: BundleLayout.manifest,
                                            message: "the XSD made from the declared kinds does not compile"))
        }
        let reads = readsRecords ? recordFileChecks(bagReader.payloadFiles, catalogue: catalogue, extensionSchema: extensionSchema) : []
        let (digests, outcomes) = runJobs(bag: bag, hashJobs: hashJobs, reads: reads, index: index,
                                          payloadSizes: bagReader.payloadSizes)
        bagReader.conclude(digests: digests)
        return ReadBundle(bag: bag, maxLevel: maxLevel, manifest: manifest, manifestFindings: manifestFindings,
                          bagFindings: bagReader.problems.map { Finding(level: 1, $0) }, bagInfo: bagReader.bagInfo,
                          payload: PayloadFacts(files: bagReader.payloadFiles, sizes: bagReader.payloadSizes, digests: digests,
                                                catalogue: catalogue),
                          extensionSchema: extensionSchema,
                          outcomes: outcomes, index: index, indexFindings: indexFindings)
    }

    /// One check per record file of a known kind; the JSON file feeds the index.
    private func recordFileChecks(_ files: [String], catalogue: RecordCatalogue, extensionSchema: XMLRecordSchema?) -> [RecordFileCheck] {
        files.compactMap { path in
            guard case .records(let kind, let format) = PayloadRole(path: path, catalogue: catalogue) else { return nil }
            return RecordFileCheck(path: path, kind: kind, format: format, extensionSchema: extensionSchema)
        }
    }

    /// Runs every hash and every read on all cores, the largest files first.
    private func runJobs(bag: String, hashJobs: [String: Set<HashAlgorithm>], reads: [RecordFileCheck], index: RecordIndex?,
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

/// The payload as found: its files, their sizes and SHA-256 digests, and the kinds the
/// manifest declares (`porta/1`'s alone when it cannot be read), by which each file's role is judged.
struct PayloadFacts: Sendable {
    let files: [String]
    let sizes: [String: Int64]
    let sha256: [String: String]
    let catalogue: RecordCatalogue

    init(files: [String], sizes: [String: Int64], digests: [String: [HashAlgorithm: String]?], catalogue: RecordCatalogue) {
        self.files = files
        self.sizes = sizes
        self.catalogue = catalogue
        sha256 = files.reduce(into: [:]) { result, file in
            if let digest = digests[file] ?? nil { result[file] = digest[.sha256] }
        }
    }
}
