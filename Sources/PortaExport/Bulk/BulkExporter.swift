import Crypto
import Foundation
import Logging
import PortaBundle
import PortaBytes
import PortaConnectors
import PortaModel
import PortaRegister

/// Exports every subject of one shard, one bundle each: what a business that is sold or
/// closes owes all its customers (Art. 20), run as N independent processes with no
/// coordinator (a Kubernetes Indexed Job gives each pod its shard).
///
/// The subjects come from the config's `subject-index` source, each named by its primary
/// identifier (``IndexedSubject/primary``); a subject is this shard's when ``Shard/contains(_:)``
/// says so. Each bundle is `porta-<request prefix>-<32 hex>` in the output folder, the hex
/// being the subject reference's. A rerun skips subjects whose bundle is already in place (a
/// bundle appears only complete) and clears what a killed run left half-written. At the end
/// the shard's summary `porta-<prefix>-shard-<K>-of-<N>.jsonl` lists every subject's outcome.
///
/// Memory: the shard's subject list (a key and an identifier each) is held while exporting;
/// each export streams as a single one does.
public struct BulkExporter {
    public let config: PortaConfig
    private let logger: Logger
    private let environment: [String: String]
    private let makeConnector: Exporter.ConnectorFactory?
    private let register: RequestRegister?

    /// - Parameter register: where each subject's export is recorded, as a single export's is.
    public init(config: PortaConfig, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
                makeConnector: Exporter.ConnectorFactory? = nil, register: RequestRegister? = nil) {
        self.config = config
        self.logger = logger
        self.environment = environment
        self.makeConnector = makeConnector
        self.register = register
    }

    /// What the run is for.
    public struct Request: Sendable {
        public var shard: Shard
        public var purpose: Purpose
        /// Starts every bundle's request id; the subject reference's hex follows.
        public var requestPrefix: String
        public var createdAt: Timestamp
        public var language: String?

        public init(shard: Shard, purpose: Purpose, requestPrefix: String, createdAt: Timestamp, language: String? = nil) {
            self.shard = shard
            self.purpose = purpose
            self.requestPrefix = requestPrefix
            self.createdAt = createdAt
            self.language = language
        }
    }

    /// What a shard's run did.
    public struct Summary: Sendable {
        /// The summary file's path.
        public let path: String
        public let outcomes: [BulkOutcome]

        /// Whether a bundle was written with rows that could not be read (it counts them).
        public var hasUnreadableRows: Bool { outcomes.contains { ($0.unreadable ?? 0) > 0 } }

        /// Whether every subject ended with a bundle or with none to give.
        public var succeeded: Bool { !outcomes.contains { $0.result == .failed || $0.result == .identityConflict } }
    }

    /// Exports the shard's subjects into `folder`.
    /// - Throws: ``ExportError`` `invalid-request` without a subject index or with a prefix
    ///   that cannot start a request id; ``ConnectorError`` when the index cannot be read or a
    ///   source is unavailable (then the run stops: every later subject would fail the same way).
    public func export(_ request: Request, into folder: String, progress: ((BulkOutcome) -> Void)? = nil) async throws -> Summary {
        guard let indexID = config.subjectIndex, let indexSource = config.sources.first(where: { $0.id == indexID }) else {
            throw ExportError(.invalidRequest, "the config names no subject-index source, so there is no list of every subject")
        }
        guard request.requestPrefix.utf8.count <= 30, PortaManifest.Request.isValidID(request.requestPrefix) else {
            throw ExportError(.invalidRequest, "the request prefix must be at most 30 letters, digits, '.', '_' or '-'")
        }
        let subjects = try await shardSubjects(of: indexSource, shard: request.shard, day: request.createdAt.date)
        logger.info("bulk export", metadata: ["shard": "\(request.shard)", "subjects": "\(subjects.count)"])
        let exporter = Exporter(config: config, logger: logger, environment: environment, makeConnector: makeConnector,
                                register: register)
        var outcomes: [BulkOutcome] = []
        for (reference, identifier) in subjects {
            let outcome = try await exportOne(reference: reference, identifier: identifier, request: request,
                                              exporter: exporter, folder: folder)
            outcomes.append(outcome)
            progress?(outcome)
        }
        // A shard with no subjects still writes its (empty) summary: the folder may not exist yet.
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BundleError(.io, "cannot create the output folder", path: folder)
        }
        let path = folder + "/porta-\(request.requestPrefix)-shard-\(request.shard.index)-of-\(request.shard.count).jsonl"
        try WholeFile.write(outcomes.flatMap(\.jsonLine), to: path)
        return Summary(path: path, outcomes: outcomes)
    }

    /// The shard's subjects in key order: each one's reference and primary identifier.
    private func shardSubjects(of source: SourceConfig, shard: Shard, day: CalendarDate) async throws
        -> [(reference: String, identifier: SubjectIdentifier)] {
        let connector = try (makeConnector ?? Exporter.connectorFactory(environment: environment))(source, day, logger)
        var subjects: [(String, SubjectIdentifier)] = []
        try await connector.enumerateSubjects { subject in
            guard let primary = subject.primary else {
                logger.warning("subject has no usable identifier; not exported", metadata: ["source": "\(source.id)", "row": "\(subject.key)"])
                return
            }
            if shard.contains(primary) {
                subjects.append((RecordID(source: source.id, kind: .person, sourceKey: subject.key).rawValue, primary))
            }
        }
        return subjects
    }

    private func exportOne(reference: String, identifier: SubjectIdentifier, request: Request, exporter: Exporter,
                           folder: String) async throws -> BulkOutcome {
        let requestID = request.requestPrefix + "-" + reference.split(separator: "_")[1]
        let single = try ExportRequest(subject: [identifier], purpose: request.purpose, requestID: requestID,
                                       createdAt: request.createdAt, language: request.language)
        let bundle = Exporter.bundleFolder(for: single, in: folder)
        func outcome(_ result: BulkOutcome.Result, digest: String? = nil, records: Int? = nil, excluded: Int? = nil,
                     unreadable: Int? = nil, error: String? = nil) -> BulkOutcome {
            BulkOutcome(subject: reference, bundlePath: bundle, result: result, digest: digest, records: records,
                        excluded: excluded, unreadable: unreadable, error: error)
        }
        if FileManager.default.fileExists(atPath: bundle) {
            return outcome(.existing, digest: BagDigest.of(bagAt: bundle))
        }
        BagWriter.removeStaleStaging(for: bundle)
        do {
            let result = try await exporter.export(single, into: folder)
            return outcome(.written, digest: result.digest, records: result.totalRecords,
                           excluded: result.exclusions.reduce(0) { $0 + $1.records },
                           unreadable: result.hasUnreadableRows ? result.skippedRows.count : nil)
        } catch let error as ExportError where error.code == .noRecords {
            return outcome(.noRecords)
        } catch let error as ExportError where error.code == .identityConflict {
            logger.error("subject not exported: identity conflict", metadata: ["subject": "\(reference)"])
            return outcome(.identityConflict, error: error.message)
        } catch let error as ConnectorError where error.code == .unavailable {
            throw error
        } catch {
            logger.error("subject not exported", metadata: ["subject": "\(reference)"])
            return outcome(.failed, error: "\(error)")
        }
    }
}
