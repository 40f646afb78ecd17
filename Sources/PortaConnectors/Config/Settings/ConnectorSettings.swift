import Foundation

/// The settings of a connector kind, under a key named after it in the source's config.
///
/// ```yaml
/// csv: { delimiter: ";", encoding: windows-1252, strict-quotes: false }
/// json: { records: /data/items }
/// http: { url: "http://127.0.0.1:8765/api/tickets", token-env: CS_API_TOKEN, … }
/// postgresql: { url-env: PORTA_CRM_URL, tls: prefer }
/// mysql: { url-env: PORTA_STOREFRONT_URL, password-env: PORTA_STOREFRONT_PASSWORD }
/// ```
public enum ConnectorSettings: Sendable {
    case none
    case csv(CSVSettings)
    case json(JSONSettings)
    case http(HTTPSettings)
    case postgresql(DatabaseServerSettings)
    case mysql(DatabaseServerSettings)

    static let keys = ["csv", "json", "http", "postgresql", "mysql"]

    init(kind: SourceConfig.Kind, map: ConfigMapping, node: ConfigNode) throws {
        let own: String? = switch kind {
        case .csv: "csv"
        case .json: "json"
        case .http: "http"
        case .postgresql: "postgresql"
        case .mysql: "mysql"
        default: nil
        }
        for key in Self.keys where key != own {
            if let extra = map.optional(key) { throw extra.error("is not a setting of a \(kind.rawValue) source") }
        }
        switch kind {
        case .csv: self = .csv(try CSVSettings(map.optional("csv")))
        case .json: self = .json(try JSONSettings(map.optional("json")))
        case .http: self = .http(try HTTPSettings(try map.required("http")))
        case .postgresql: self = .postgresql(try DatabaseServerSettings(try map.required("postgresql"), schemes: ["postgres", "postgresql"]))
        case .mysql: self = .mysql(try DatabaseServerSettings(try map.required("mysql"), schemes: ["mysql", "mariadb"]))
        default: self = .none
        }
    }
}
