import Foundation
import GRDB
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// `porta init`'s draft, from a schema no sample has: odd names, look-alike tables.
@Suite struct ConfigDraftTests {
    func draft(_ sql: String) throws -> String {
        let folder = TemporaryFolder("porta-draft")
        let path = folder.file("odd.sqlite")
        let database = try DatabaseQueue(path: path)
        try database.writeWithoutTransaction { try $0.execute(sql: sql) }
        try database.close()
        return ConfigDraft(schema: try DatabaseSchema.sqlite(path: path), connection: .sqlite(path: path), sourceID: "odd").yaml
    }

    func filled(_ text: String) -> String {
        text.replacingOccurrences(of: "  id: TODO", with: "  id: odd").replacingOccurrences(of: "  name: TODO", with: "  name: Odd AB")
            .replacingOccurrences(of: "  country: TODO", with: "  country: SE").replacingOccurrences(of: "provenance: TODO", with: "provenance: provided")
            .replacingOccurrences(of: "legal-basis: TODO", with: "legal-basis: contract").replacingOccurrences(of: "category: TODO", with: "category: general")
            .replacingOccurrences(of: "time-zone: TODO", with: "time-zone: UTC").replacingOccurrences(of: "{ value: TODO }", with: "{ value: SEK }")
    }

    @Test func oddNamesAreLeftOutWithTheReasonAndLookAlikeTablesGetTheirOwnPrefixes() throws {
        var sql = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, \"nick name\" TEXT);"
        for index in 0..<30 {
            sql += "CREATE TABLE order_item_\(index) (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), \"unit price\" TEXT, note TEXT);"
        }
        sql += "CREATE TABLE \"Order Items\" (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));"
        let text = try draft(sql)
        #expect(text.contains("# unit price: not mapped: its name is not a plain SQL name"))
        #expect(text.contains("# Order Items: no foreign key leads to users"))
        let config = try PortaConfig.parse(yaml: filled(text), file: "porta.yml", baseDirectory: "/")
        #expect(config.catalogue.extensions.count == 30)
        #expect(Set(config.catalogue.extensions.map(\.idPrefix)).count == 30)
    }

    @Test func noTableOfPeopleIsSaidPlainly() throws {
        let text = try draft("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);")
        #expect(text.contains("TODO: no table holds an e-mail address, phone number, personnummer or customer number"))
    }
}
