import Foundation
import GRDB

/// The sample controller `samples/retailer/`, copied into a temporary folder with its shop
/// database built from `shop.sql`, so tests never touch the repository's files. Its
/// PostgreSQL and HTTP sources are ``SampleServices``.
public struct SampleController {
    /// The folder holding the copy.
    public let folder: TemporaryFolder
    /// The copy's `porta.yml`.
    public var configPath: String { folder.file("porta.yml") }
    /// The copy's `shop.sqlite`.
    public var databasePath: String { folder.file("shop.sqlite") }

    /// Copies the sample and builds its database; `editSQL` may change the script first.
    public init(editSQL: (String) -> String = { $0 }, editConfig: (String) -> String = { $0 }) throws {
        folder = TemporaryFolder("porta-sample")
        let sample = Repository.path("samples/retailer")
        for name in try FileManager.default.contentsOfDirectory(atPath: sample)
        where !name.hasSuffix(".sqlite") && name != "porta.yml" && name != "shop.sql" {
            try FileManager.default.copyItem(atPath: sample + "/" + name, toPath: folder.file(name))
        }
        let config = try String(contentsOfFile: sample + "/porta.yml", encoding: .utf8)
        try editConfig(config).write(toFile: configPath, atomically: false, encoding: .utf8)
        let script = editSQL(try String(contentsOfFile: sample + "/shop.sql", encoding: .utf8))
        let database = try DatabaseQueue(path: databasePath)
        try database.writeWithoutTransaction { db in try db.execute(sql: script) }
        try database.close()
    }

    /// Runs SQL against the sample's database.
    public func execute(_ sql: String) throws {
        let database = try DatabaseQueue(path: databasePath)
        try database.write { db in try db.execute(sql: sql) }
        try database.close()
    }
}

extension SampleController {
    /// A config edit that makes the sample keep a register of requests, `register.sqlite` in
    /// its folder, keyed by the secret in `PORTA_REGISTER_SECRET` (which ``SampleServices`` sets).
    public static func keepingRegister(_ config: String) -> String {
        config.replacingOccurrences(of: "\nsources:\n",
                                    with: "\nregister:\n  path: register.sqlite\n  secret-env: PORTA_REGISTER_SECRET\n\nsources:\n")
    }
}
