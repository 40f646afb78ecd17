import Foundation
import Logging
import PortaModel

/// Makes the connector of each kind of source.
public enum Connectors {
    /// The connector for a source, by its `connector` kind.
    /// - Parameter environment: where connection strings and tokens named by `*-env` settings are
    ///   looked up (the process's environment by default).
    /// - Throws: ``ConnectorError`` `source-unavailable` when the source cannot be opened.
    public static func make(_ source: SourceConfig, referenceDate: CalendarDate, logger: Logger,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any Connector {
        func units(_ reader: any UnitReader) -> any Connector {
            UnitConnector(source: source, reader: reader, referenceDate: referenceDate, logger: logger)
        }
        switch (source.kind, source.settings) {
        case (.sqlite, _):
            return try SQLiteConnector(source: source, referenceDate: referenceDate, logger: logger)
        case (.postgresql, _):
            return try PostgreSQLConnector(source: source, referenceDate: referenceDate, logger: logger, environment: environment)
        case (.mysql, _):
            return try MySQLConnector(source: source, referenceDate: referenceDate, logger: logger, environment: environment)
        case (.csv, .csv(let settings)):
            return units(CSVUnitReader(source: source, settings: settings, referenceDate: referenceDate))
        case (.ndjson, _), (.json, _):
            return units(JSONUnitReader(source: source, referenceDate: referenceDate))
        case (.vcard, _):
            return units(VCardUnitReader(source: source, referenceDate: referenceDate))
        case (.mbox, _):
            return units(MboxUnitReader(source: source, referenceDate: referenceDate))
        case (.http, .http(let settings)):
            return units(HTTPUnitReader(source: source, settings: settings, referenceDate: referenceDate, logger: logger,
                                        environment: environment))
        default:
            throw ConnectorError(.unavailable, source: source.id, message: "no connector for \(source.connector)")
        }
    }
}
