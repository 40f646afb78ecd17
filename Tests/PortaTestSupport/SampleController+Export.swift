import Logging
import PortaConnectors
import PortaExport
import PortaModel

extension SampleController {
    /// Exports a subject of the sample with the fixed creation time (or `createdAt`), into `folder`.
    public func export(subject: [String] = [SampleSubject.anna], purpose: Purpose = .portability,
                       requestID: String = "req-1", createdAt: String = SampleSubject.createdAt,
                       into folder: String) async throws -> ExportResult {
        let request = try ExportRequest(subject: subject.map { try SubjectIdentifier(parsing: $0, referenceDate: SampleSubject.day) }, purpose: purpose,
                                        requestID: requestID, createdAt: try Timestamp(parsing: createdAt))
        return try await Exporter(config: try PortaConfig.load(from: configPath), logger: Logger(label: "porta-test"),
                                  environment: SampleServices.environment)
            .export(request, into: folder)
    }
}

extension SampleController {
    /// The connector of one of the sample's sources, with the sample services' environment.
    public func connector(_ sourceID: String, logger: Logger = Logger(label: "porta-test"),
                          environment: [String: String] = SampleServices.environment) throws -> any Connector {
        let config = try PortaConfig.load(from: configPath)
        guard let source = config.sources.first(where: { $0.id == sourceID }) else {
            throw ConnectorError(.unavailable, source: sourceID, message: "no such source in the sample")
        }
        return try Connectors.make(source, referenceDate: try CalendarDate(parsing: "2026-01-01"), logger: logger,
                                   environment: environment)
    }

    /// The records one source gives for a subject named by `identifiers`, resolved in that
    /// source alone.
    public func records(from sourceID: String, for identifiers: [String],
                        environment: [String: String] = SampleServices.environment) async throws -> [PulledRecord] {
        let connector = try connector(sourceID, environment: environment)
        let resolution = try await SubjectResolver(connectors: [connector], logger: Logger(label: "porta-test"))
            .resolve(identifiers.map { try SubjectIdentifier(parsing: $0, referenceDate: SampleSubject.day) })
        var records: [PulledRecord] = []
        try await connector.streamRecords(of: resolution.matches[0], problem: { _ in }) { records.append($0) }
        return records
    }
}
