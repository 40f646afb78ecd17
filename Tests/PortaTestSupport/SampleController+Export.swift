import Logging
import PortaConnectors
import PortaExport
import PortaModel

extension SampleController {
    /// Exports a subject of the sample with the fixed creation time, into `folder`.
    public func export(subject: [String] = [SampleSubject.anna], purpose: Purpose = .portability,
                       requestID: String = "req-1", into folder: String) async throws -> ExportResult {
        let request = try ExportRequest(subject: subject.map { try SubjectIdentifier(parsing: $0) }, purpose: purpose,
                                        requestID: requestID, createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        return try await Exporter(config: try PortaConfig.load(from: configPath), logger: Logger(label: "porta-test"),
                                  environment: SampleServices.environment)
            .export(request, into: folder)
    }
}
