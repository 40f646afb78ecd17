import Foundation
import GRDB
import Logging
import PortaConnectors
import PortaExport
import PortaModel

/// The second sample controller, `samples/gym/`: a gym with its own record kinds. Copied into
/// a temporary folder with its member register built from `members.sql`; its access system is
/// the `porta_gym` database `scripts/setup.sh` loads (read only by the tests).
public struct GymSample {
    /// Sara Lind, a member with a membership, bookings, payments, check-ins and device readings.
    public static let sara = "email:sara.lind@example.se"

    public let folder: TemporaryFolder
    public var configPath: String { folder.file("porta.yml") }

    /// Copies the sample; `editConfig` may change its `porta.yml` first.
    public init(editConfig: (String) -> String = { $0 }) throws {
        folder = TemporaryFolder("porta-gym")
        let sample = Repository.path("samples/gym")
        let config = try String(contentsOfFile: sample + "/porta.yml", encoding: .utf8)
        try editConfig(config).write(toFile: configPath, atomically: false, encoding: .utf8)
        let database = try DatabaseQueue(path: folder.file("members.sqlite"))
        let script = try String(contentsOfFile: sample + "/members.sql", encoding: .utf8)
        try database.writeWithoutTransaction { db in try db.execute(sql: script) }
        try database.close()
    }

    /// Exports a member with the fixed creation time into `folder`.
    public func export(subject: String = GymSample.sara, purpose: Purpose = .access, requestID: String = "gym-1",
                       into folder: String) async throws -> ExportResult {
        let request = try ExportRequest(subject: [try SubjectIdentifier(parsing: subject, referenceDate: SampleSubject.day)],
                                        purpose: purpose, requestID: requestID,
                                        createdAt: try Timestamp(parsing: SampleSubject.createdAt))
        return try await Exporter(config: try PortaConfig.load(from: configPath), logger: Logger(label: "porta-test"),
                                  environment: SampleServices.environment)
            .export(request, into: folder)
    }
}
