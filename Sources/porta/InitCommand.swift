import ArgumentParser
import Foundation
import PortaConnectors

/// `porta init`: print a first porta.yml for a database, drafted from its schema and first rows.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Print a first porta.yml for a SQLite, PostgreSQL or MySQL database, to read and complete.",
        discussion: """
            Porta reads the tables, keys and first rows, picks the table of people by its identifiers, \
            and maps each table that leads to it as a record kind of your own, with the conversions its \
            values seem to need. Every guess is marked; what only you can decide (legal basis, provenance, \
            category, the zone of local times) is TODO, and Porta refuses the file until it is filled in.
            """
    )

    enum ConnectorKind: String, ExpressibleByArgument, CaseIterable { case sqlite, postgresql, mysql }

    @Option(name: .long, help: "sqlite, postgresql or mysql (MySQL or MariaDB).")
    var connector: ConnectorKind

    @Option(name: .long, help: "The SQLite database file (sqlite), as the config will name it.")
    var path: String?

    @OptionGroup var database: DatabaseEnvironmentArguments

    @Option(name: .long, help: "The source's id in the draft; the database's name by default.")
    var sourceId: String?

    func validate() throws {
        switch connector {
        case .sqlite where path == nil: throw ValidationError("--connector sqlite needs --path")
        case .postgresql where database.urlEnv == nil, .mysql where database.urlEnv == nil:
            throw ValidationError("--connector \(connector.rawValue) needs --url-env")
        default: break
        }
    }

    func run() async throws {
        let schema: DatabaseSchema
        let connection: ConfigDraft.Connection
        let name: String
        do {
            switch connector {
            case .sqlite:
                let path = path!
                schema = try DatabaseSchema.sqlite(path: path)
                connection = .sqlite(path: path)
                name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            case .postgresql:
                let (url, password) = try database.resolve()
                schema = try await DatabaseSchema.postgresql(url: url, password: password)
                connection = .postgresql(urlEnvironment: database.urlEnv!, passwordEnvironment: database.passwordEnv)
                name = URLComponents(string: url)?.path.split(separator: "/").last.map(String.init) ?? "database"
            case .mysql:
                let (url, password) = try database.resolve()
                schema = try DatabaseSchema.mysql(url: url, password: password)
                connection = .mysql(urlEnvironment: database.urlEnv!, passwordEnvironment: database.passwordEnv)
                name = URLComponents(string: url)?.path.split(separator: "/").last.map(String.init) ?? "database"
            }
        } catch let error as ConnectorError {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        print(ConfigDraft(schema: schema, connection: connection, sourceID: sourceId ?? ConfigDraft.sourceID(from: name)).yaml,
              terminator: "")
    }
}
