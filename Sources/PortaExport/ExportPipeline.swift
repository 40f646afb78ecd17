import Foundation
import Logging
import PortaBundle
import PortaConnectors
import PortaFormats
import PortaModel
import PortaRegister

/// The export, in one place: resolve the subject → pull from every connector → policy →
/// writers → bundle.
///
/// 1. ``SubjectResolver`` finds the subject in every source by strong identifiers.
/// 2. Each ``Connector`` streams the subject's records, source by source.
/// 3. The ``ExportPolicy`` of the request's purpose keeps a record or counts it as excluded.
/// 4. A ``RecordWriter`` per kind streams kept records into the payload files.
/// 5. ``BagWriter`` seals it all as a BagIt bag with `porta-manifest.json`, and moves it into
///    place only when complete.
///
/// Memory stays flat: records pass through one at a time.
///
/// ```swift
/// let exporter = try Exporter(config: PortaConfig.load(from: "porta.yml"), logger: logger)
/// let result = try await exporter.export(request, into: "out")
/// ```
public struct Exporter {
    /// Makes the connector of a source; the date is the day 10-digit personnummer are read
    /// against (the request's creation day).
    public typealias ConnectorFactory = (SourceConfig, CalendarDate, Logger) throws -> any Connector

    public let config: PortaConfig
    private let logger: Logger
    private let makeConnector: ConnectorFactory
    private let progress: ((ExportProgress) -> Void)?
    private let register: RequestRegister?

    /// An exporter for a controller's config.
    /// - Parameters:
    ///   - environment: where sources find connection strings and tokens named by `*-env`
    ///     settings; the process's environment by default.
    ///   - makeConnector: how sources become connectors; by default by their `connector` kind.
    ///   - progress: told of each source's records as they are read (every ``ExportProgress/interval``
    ///     records and when a source is done), on the exporting task.
    ///   - register: where each export, whatever its outcome, is recorded (see ``RequestRegister``).
    public init(config: PortaConfig, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
                makeConnector: ConnectorFactory? = nil, progress: ((ExportProgress) -> Void)? = nil,
                register: RequestRegister? = nil) {
        self.config = config
        self.logger = logger
        self.progress = progress
        self.register = register
        self.makeConnector = makeConnector ?? Self.connectorFactory(environment: environment)
    }

    /// The folder a request's bundle is written to inside `outputFolder`.
    public static func bundleFolder(for request: ExportRequest, in outputFolder: String) -> String {
        outputFolder + "/porta-" + request.requestID
    }

    /// The default factory: each source's connector by its `connector` kind, finding
    /// connection strings and tokens in `environment`.
    static func connectorFactory(environment: [String: String]) -> ConnectorFactory {
        { source, day, logger in try Connectors.make(source, referenceDate: day, logger: logger, environment: environment) }
    }

    /// Answers a request with a bundle in `outputFolder/porta-<request id>`.
    /// - Throws: ``ExportError`` `no-records` when no source knows the subject;
    ///   ``ConnectorError``, ``BundleError`` otherwise. No bundle appears on error.
    public func export(_ request: ExportRequest, into outputFolder: String) async throws -> ExportResult {
        guard let register else { return try await write(request, into: outputFolder) }
        let result: ExportResult
        do {
            result = try await write(request, into: outputFolder)
        } catch {
            do {
                try register.append(RegisterEntry(failedExport: request, error: error, at: Timestamp(Date())), subject: request.subject)
            } catch {
                logger.error("the register could not record a failed export", metadata: ["request": "\(request.requestID)"])
            }
            throw error
        }
        do {
            try register.append(RegisterEntry(export: result, request: request, at: Timestamp(Date())), subject: result.subjectIdentifiers)
        } catch {
            throw ExportError(.register, "the bundle \(result.bundleID) was written, but the register could not record it: \(error)")
        }
        return result
    }

    private func write(_ request: ExportRequest, into outputFolder: String) async throws -> ExportResult {
        let unknown = request.excludedSourceKeys.filter { key in !config.sources.contains { $0.id == key.source } }
        guard unknown.isEmpty else {
            throw ExportError(.invalidRequest, "an excluded source key names a source the config does not have: "
                              + unknown.sorted().map(\.source).joined(separator: ", "))
        }
        let connectors = try config.sources.map { try makeConnector($0, request.createdAt.date, logger) }
        let resolution = try await SubjectResolver(connectors: connectors, logger: logger)
            .resolve(request.subject, excluding: request.excludedSourceKeys)
        guard !resolution.isEmpty || request.writesEmptyBundle else {
            throw ExportError(.noRecords, "no records for this subject in any source")
        }
        let policy = config.policy.policy(for: request.purpose)
        let bag = try BagWriter(destination: Self.bundleFolder(for: request, in: outputFolder))
        let payload = PayloadPipeline(try PayloadWriters(bag: bag, catalogue: config.catalogue))
        // On any failure the writers' thread ends before the staged bag is removed.
        defer { payload.stop() }
        var tally = ExclusionTally()
        var sources: [PortaManifest.Source] = []
        var skipped: [ConnectorError] = []
        var identity = IdentityConflicts()
        for (connector, match) in zip(connectors, resolution.matches) {
            var kept = 0, excluded = 0
            if !resolution.isEmpty {
                try await connector.streamRecords(of: match, problem: { skipped.append($0) }) { pulled in
                    if (kept + excluded + 1) % ExportProgress.interval == 0 {
                        progress?(ExportProgress(source: connector.source.id, records: kept + excluded + 1, isDone: false))
                    }
                    identity.add(pulled.record)
                    switch policy.decide(pulled.record.metadata) {
                    case .keep:
                        try payload.write(pulled)
                        kept += 1
                    case .exclude(let reason):
                        tally.count(source: pulled.record.metadata.source, kind: pulled.record.kind, reason: reason)
                        excluded += 1
                    }
                }
            }
            progress?(ExportProgress(source: connector.source.id, records: kept + excluded, isDone: true))
            sources.append(.init(id: connector.source.id, connector: connector.source.connector, records: kept, excluded: excluded,
                                 unreadable: skipped.filter { $0.source == connector.source.id }.count))
            logger.info("source read", metadata: ["source": "\(connector.source.id)", "kept": "\(kept)", "excluded": "\(excluded)"])
        }
        let decisions = try Self.identityDecisions(identity.conflicts, request: request)
        let bundleID = BundleIdentity.bundleID(controllerID: config.controller.id, requestID: request.requestID,
                                               createdAt: request.createdAt)
        let language = request.language ?? config.controller.language
        let files = try payload.finish(page: PersonPage.Context(
            controllerName: config.controller.name, organisationNumber: config.controller.organisationNumber,
            country: config.controller.country, contact: config.controller.contact, purpose: request.purpose,
            createdAt: request.createdAt, bundleID: bundleID, language: PageLanguage(tag: language), exclusions: tally.entries,
            unreadable: skipped.count, timeZone: config.controller.timeZone))
        let manifest = PortaManifest(
            bundleID: bundleID, createdAt: request.createdAt,
            controller: .init(id: config.controller.id, name: config.controller.name,
                              organisationNumber: config.controller.organisationNumber,
                              country: config.controller.country, contact: config.controller.contact),
            request: .init(id: request.requestID, purpose: request.purpose, language: language),
            subjectIdentifiers: Self.identifierUses(resolution),
            policy: .init(policy), catalogue: config.catalogue, sources: sources, files: files, exclusions: tally.entries.map(PortaManifest.Exclusion.init),
            unreadable: Self.unreadable(skipped), identity: decisions,
            generatorVersion: PortaVersion.current)
        try bag.addTagFile(BundleLayout.manifest, contents: manifest.json.serialized())
        let committed = try bag.commit(bagInfo: manifest.bagInfo)
        let delivered = request.writesZip ? try BundleZip.packReplacingFolder(committed.path) : committed.path
        logger.info("bundle written", metadata: ["bundle": "\(bundleID)", "digest": "\(committed.digest)",
                                                 "records": "\(payload.counts.values.reduce(0, +))", "excluded": "\(tally.total)"])
        return ExportResult(bundlePath: delivered, bundleID: bundleID, digest: committed.digest,
                            recordsByKind: config.catalogue.kinds.compactMap { kind in payload.counts[kind].map { (kind, $0) } },
                            exclusions: tally.entries, skippedRows: skipped, sources: sources,
                            subjectIdentifiers: resolution.identifiers.keys.sorted(), identity: decisions)
    }

    /// The rows that could not be read, counted by source, kind and reason, sorted.
    static func unreadable(_ skipped: [ConnectorError]) -> [PortaManifest.Unreadable] {
        let counts = Dictionary(grouping: skipped) { [$0.source, $0.kind ?? ""] }.mapValues(\.count)
        return counts.map { key, records in
            let kind = key[1].isEmpty ? nil : key[1]
            return PortaManifest.Unreadable(source: key[0], kind: kind,
                                            reason: kind == nil ? PortaManifest.Unreadable.unitReason : PortaManifest.Unreadable.rowReason,
                                            records: records)
        }.sorted()
    }

    /// What a person decided about joining the subject's records, for the manifest; a conflict
    /// no one accepted stops the export.
    /// - Throws: ``ExportError`` `identity-conflict` naming the records by id and source key.
    private static func identityDecisions(_ conflicts: [IdentityConflict], request: ExportRequest) throws -> PortaManifest.IdentityDecisions {
        if !conflicts.isEmpty && !request.acceptsIdentityConflicts {
            throw ExportError(.identityConflict, "records joined into this subject by a strong identifier disagree on who the person is: "
                              + conflicts.map(\.description).joined(separator: "; ")
                              + ". No bundle was written. If a row is another person's, leave it out with --exclude-source-key "
                              + "SOURCE:KEY; if they are one person, accept the join with --accept-identity-conflict")
        }
        return PortaManifest.IdentityDecisions(
            excludedSourceKeys: request.excludedSourceKeys.sorted().map(\.description),
            acceptedConflicts: conflicts.map { .init(records: $0.records.map(\.rawValue), fields: $0.fields) })
    }

    /// Each identifier once, as the manifest lists them: spellings that compare equal (e-mail
    /// addresses differing only in the case of the local part) are one identifier, written as
    /// the request wrote it, or else as first in sort order, with every place any was found.
    private static func identifierUses(_ resolution: SubjectResolution) -> [PortaManifest.SubjectIdentifierUse] {
        let groups = Dictionary(grouping: resolution.identifiers.keys) { [$0.scheme.rawValue, $0.matchKey] }
        return groups.values.map { spellings in
            let sorted = spellings.sorted()
            let shown = sorted.first { resolution.identifiers[$0]!.contains(SubjectResolution.requestOrigin) } ?? sorted[0]
            var origins = spellings.reduce(into: Set<String>()) { $0.formUnion(resolution.identifiers[$1]!) }
            let fromRequest = origins.remove(SubjectResolution.requestOrigin) != nil
            return (shown, (fromRequest ? [SubjectResolution.requestOrigin] : []) + origins.sorted())
        }.sorted { $0.0 < $1.0 }.map { PortaManifest.SubjectIdentifierUse(identifier: $0.0, foundIn: $0.1) }
    }
}
