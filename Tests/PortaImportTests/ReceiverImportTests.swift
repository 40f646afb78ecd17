import Foundation
import GRDB
@testable import PortaImport
import PortaModel
import PortaTestSupport
import PortaVerify
import Testing

/// `ReceiverImporter`: a verified bundle into the receiver's own tables, in one transaction,
/// through `receiver.yml`; on SQLite and on the PostgreSQL server.
@Suite struct ReceiverImportTests {
    let out = TemporaryFolder("porta-sender")

    func exportAnna(_ sample: SampleController? = nil, createdAt: String = SampleSubject.createdAt, requestID: String = "req-1") async throws -> String {
        try await (sample ?? SampleController()).export(purpose: .access, requestID: requestID, createdAt: createdAt, into: out.path).bundlePath
    }

    func importing(_ bundle: String, _ receiver: ReceiverSample, dryRun: Bool = false) async throws -> ReceiverImportResult {
        let database = try SQLiteReceiver(path: receiver.databasePath)
        defer { Task { await database.close() } }
        return try await ReceiverImporter(mapping: try ReceiverMapping.load(from: receiver.mappingPath), dryRun: dryRun)
            .importBundle(bundle, into: database, at: Timestamp(.now))
    }

    func importError(_ bundle: String, _ receiver: ReceiverSample) async -> ImportError? {
        do { _ = try await importing(bundle, receiver); return nil } catch { return error as? ImportError }
    }

    func records(_ bundle: String, _ kind: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle + "/data/json/\(kind).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    func bytes(_ receiver: ReceiverSample) -> Data? { FileManager.default.contents(atPath: receiver.databasePath) }

    @Test func everyMappedFieldArrivesInTheReceiversOwnColumns() async throws {
        let bundle = try await exportAnna(), receiver = try ReceiverSample()
        let result = try await importing(bundle, receiver)
        #expect(result.outcome == .imported)
        #expect(result.skipped["message"] == 5 && result.skipped["person"] == nil)
        let link = Dictionary(uniqueKeysWithValues: try receiver.rows("SELECT record_id, row_key FROM porta_link").map {
            (($0["record_id"] as String), ($0["row_key"] as String)) })
        let orders = try records(bundle, "order")
        #expect(try receiver.rows("SELECT count(*) AS n FROM kundorder").first?["n"] == orders.count)
        for order in orders {
            let row = try #require(try receiver.rows("SELECT * FROM kundorder WHERE order_id = \(link[order["id"] as! String]!)").first)
            #expect(row["ordernummer"] == order["orderNumber"] as? String)
            #expect(row["kund_id"] == Int(link[order["person"] as! String]!))
            // A web order has no delivery address of its own.
            #expect(row["leveransadress"] as Int? == (order["deliveryAddress"] as? String).flatMap { link[$0] }.flatMap { Int($0) })
            let total = try #require(order["total"] as? [String: String])
            #expect(row["summa_ore"] == Int(total["amount"]!.replacingOccurrences(of: ".", with: "")))
            #expect(row["valuta"] == total["currency"])
            let placed = try Timestamp(parsing: order["placedAt"] as! String)
            let local = try #require(row["lagd"] as String?)
            let offset = TimeZone(identifier: "Europe/Stockholm")!.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(placed.seconds)))
            #expect(local == Timestamp(seconds: placed.seconds + Int64(offset)).description.dropLast().replacingOccurrences(of: "T", with: " "))
            #expect(["placed": "MOT", "delivered": "LEV", "shipped": "SKI", "cancelled": "MAK"][order["status"] as! String] == row["status"])
        }
        for line in try records(bundle, "order-line") {
            let row = try #require(try receiver.rows("SELECT * FROM orderrad WHERE id = \(link[line["id"] as! String]!)").first)
            #expect(row["order_id"] == Int(link[line["order"] as! String]!))
            #expect(row["beskrivning"] == line["description"] as? String && row["antal"] == line["quantity"] as? Int)
            #expect(row["radnummer"] == line["lineNumber"] as? Int && row["artikel"] == line["productCode"] as? String)
        }
        for person in try records(bundle, "person") {
            let row = try #require(try receiver.rows("SELECT * FROM kund WHERE kund_id = \(link[person["id"] as! String]!)").first)
            #expect(row["fornamn"] == person["givenName"] as? String && row["efternamn"] == person["familyName"] as? String)
            #expect(row["fodd"] == person["birthDate"] as? String && row["sprak"] == person["language"] as? String)
        }
    }

    @Test func anAddressTheReceiverHoldsIsMatchedNotWrittenTwice() async throws {
        let bundle = try await exportAnna(), receiver = try ReceiverSample()
        try receiver.execute("INSERT INTO kund (kund_id, fornamn) VALUES (90, 'Redan kund'); INSERT INTO kund_epost (kund_id, epost) VALUES (90, 'anna.svensson@example.se')")
        let result = try await importing(bundle, receiver)
        #expect(result.tables.first { $0.table == "kund_epost" }?.inserted == 0)
        #expect(try receiver.rows("SELECT kund_id FROM kund_epost").map { $0["kund_id"] as Int } == [90])
    }

    @Test func theSameBundleTwiceChangesNothing() async throws {
        let bundle = try await exportAnna(), receiver = try ReceiverSample()
        _ = try await importing(bundle, receiver)
        let before = bytes(receiver)
        let again = try await importing(bundle, receiver)
        #expect(again.outcome == .alreadyImported)
        #expect(bytes(receiver) == before)
    }

    @Test func aLaterBundleUpdatesTheRowsPortaMadeAndAnEarlierOneIsIgnored() async throws {
        let sample = try SampleController(), receiver = try ReceiverSample()
        _ = try await importing(try await exportAnna(sample, createdAt: "2026-01-01T00:00:00Z", requestID: "r1"), receiver)
        try sample.execute("UPDATE customers SET given_name = 'Annika' WHERE id = 1")
        let later = try await importing(try await exportAnna(sample, createdAt: "2026-02-01T00:00:00Z", requestID: "r2"), receiver)
        #expect(later.tables.first { $0.table == "kund" }.map { [$0.updated, $0.unchanged] } == [1, 4])
        #expect(later.tables.first { $0.table == "kundorder" }?.updated == 0, "orders are kept: on-update: keep")
        #expect(try receiver.rows("SELECT fornamn FROM kund WHERE fodd = '1985-03-12' ORDER BY kund_id").first?["fornamn"] == "Annika")
        try sample.execute("UPDATE customers SET given_name = 'Anneli' WHERE id = 1")
        let earlier = try await importing(try await exportAnna(sample, createdAt: "2025-12-01T00:00:00Z", requestID: "r0"), receiver)
        #expect(earlier.outcome == .imported && earlier.tables.allSatisfy { $0.updated == 0 && $0.inserted == 0 })
        #expect(try receiver.rows("SELECT fornamn FROM kund WHERE fodd = '1985-03-12' ORDER BY kund_id").first?["fornamn"] == "Annika")
    }

    @Test func aUniqueConflictRollsTheWholeBundleBackNamingRecordAndTable() async throws {
        let bundle = try await exportAnna()
        let receiver = try ReceiverSample(editMapping: { $0.replacingOccurrences(of: "    match: [epost]\n", with: "") })
        try receiver.execute("INSERT INTO kund (kund_id) VALUES (90); INSERT INTO kund_epost (kund_id, epost) VALUES (90, 'anna.svensson@example.se')")
        let before = bytes(receiver)
        let error = try #require(await importError(bundle, receiver))
        #expect(error.code == .conflict)
        #expect(error.message.contains("into kund_epost") && error.message.contains("UNIQUE") && error.message.contains("eml_"), "\(error.message)")
        #expect(!error.message.contains("anna.svensson"))
        #expect(bytes(receiver) == before)
    }

    @Test func aMissingRequiredColumnRollsBack() async throws {
        let bundle = try await exportAnna()
        let receiver = try ReceiverSample(editMapping: { $0.replacingOccurrences(of: "      beskrivning: description\n", with: "") })
        let before = bytes(receiver)
        let error = try #require(await importError(bundle, receiver))
        #expect(error.code == .conflict && error.message.contains("NOT NULL") && error.message.contains("orderrad"), "\(error.message)")
        #expect(bytes(receiver) == before)
    }

    @Test func aMappingNamingAColumnTheSchemaLacksWritesNothing() async throws {
        let bundle = try await exportAnna()
        let receiver = try ReceiverSample(editMapping: { $0.replacingOccurrences(of: "      ort: locality", with: "      stad: locality") })
        let before = bytes(receiver)
        let error = try #require(await importError(bundle, receiver))
        #expect(error.code == .mapping && error.message.contains("kund_adress.stad does not exist"), "\(error.message)")
        #expect(bytes(receiver) == before)
    }

    @Test func anAmountTheMinorUnitCannotHoldIsRefusedNotRounded() async throws {
        let sample = try SampleController(editSQL: { $0.replacingOccurrences(of: "'1048.00', 'SEK'", with: "'1048.005', 'SEK'") })
        let bundle = try await exportAnna(sample), receiver = try ReceiverSample()
        let before = bytes(receiver)
        let error = try #require(await importError(bundle, receiver))
        #expect(error.code == .conflict && error.message.contains("kundorder.summa_ore") && error.message.contains("more decimals"), "\(error.message)")
        #expect(bytes(receiver) == before)
    }

    @Test func aDryRunCountsAndWritesNothing() async throws {
        let bundle = try await exportAnna(), receiver = try ReceiverSample()
        let before = bytes(receiver)
        let result = try await importing(bundle, receiver, dryRun: true)
        #expect(result.outcome == .dryRun)
        #expect(result.tables.first { $0.table == "kundorder" }?.inserted == 4)
        #expect(bytes(receiver) == before)
    }

    @Test func anInvalidBundleTouchesNothing() async throws {
        let bundle = try await exportAnna(), receiver = try ReceiverSample()
        try BagFiles.flipByte(of: bundle + "/data/json/order.json", at: 40)
        let before = bytes(receiver)
        #expect(try await importing(bundle, receiver).outcome == .refused)
        #expect(bytes(receiver) == before)
    }

    @Test func aReferenceToAKindTheMappingDoesNotTakeIsAMappingError() throws {
        let text = try String(contentsOfFile: Repository.path("samples/receiver/receiver.yml"), encoding: .utf8)
        let withoutAddresses = text.replacingOccurrences(of: "  postal-address:\n    table: kund_adress\n", with: "  postal-address-x:\n    table: kund_adress\n")
        #expect(throws: (any Error).self) { try ReceiverMapping.parse(yaml: withoutAddresses, file: "receiver.yml") }
    }
}

/// The same import into the receiver's tables on the real PostgreSQL server.
@Suite struct PostgreSQLReceiverImportTests {
    let out = TemporaryFolder("porta-sender")

    func importing(_ bundle: String, schema: String, mapping: String = Repository.path("samples/receiver/receiver.yml")) async throws -> ReceiverImportResult {
        let database = try await PostgreSQLReceiver.connect(url: ReceiverSample.postgresURL, password: ReceiverSample.postgresPassword, schema: schema)
        do {
            let result = try await ReceiverImporter(mapping: try ReceiverMapping.load(from: mapping)).importBundle(bundle, into: database, at: Timestamp(.now))
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    func snapshot(_ schema: String) throws -> String {
        try ReceiverSample.psql("""
            SET search_path TO \(schema);
            SELECT 'kund', count(*) FROM kund UNION ALL SELECT 'epost', count(*) FROM kund_epost
            UNION ALL SELECT 'order', count(*) FROM kundorder UNION ALL SELECT 'rad', count(*) FROM orderrad
            UNION ALL SELECT 'adress', count(*) FROM kund_adress;
            """)
    }

    @Test func aLaterBundleUpdatesOnlyTheRowsThatChanged() async throws {
        let sample = try SampleController(), schema = try ReceiverSample.makePostgresSchema()
        _ = try await importing(try await sample.export(purpose: .access, requestID: "r1", into: out.path).bundlePath, schema: schema)
        try sample.execute("UPDATE customers SET given_name = 'Annika' WHERE id = 1")
        let later = try await importing(try await sample.export(purpose: .access, requestID: "r2", createdAt: "2026-02-01T00:00:00Z",
                                                                into: out.path).bundlePath, schema: schema)
        #expect(later.tables.first { $0.table == "kund" }.map { [$0.updated, $0.unchanged] } == [1, 4])
        #expect(try ReceiverSample.psql("SET search_path TO \(schema); SELECT fornamn FROM kund WHERE fodd = '1985-03-12' ORDER BY kund_id LIMIT 1") == "Annika\n")
    }

    @Test func aRoundTripLandsInTheReceiversPostgreSQLTables() async throws {
        let bundle = try await SampleController().export(purpose: .access, into: out.path).bundlePath
        let schema = try ReceiverSample.makePostgresSchema()
        let result = try await importing(bundle, schema: schema)
        #expect(result.outcome == .imported)
        let orders = try ReceiverSample.psql("SET search_path TO \(schema); SELECT ordernummer, to_char(lagd, 'YYYY-MM-DD HH24:MI:SS'), status, summa_ore, valuta FROM kundorder ORDER BY ordernummer")
        #expect(orders == "EB-2023-0001|2023-06-10 12:05:00|LEV|104800|SEK\nEB-2024-0107|2024-11-29 07:30:00|LEV|10|SEK\n"
                + "W-2023-0018|2023-06-10 10:05:00|LEV|104800|SEK\nW-2024-0412|2024-11-28 19:30:00|MOT|10|SEK\n", "\(orders)")
        let people = try ReceiverSample.psql("SET search_path TO \(schema); SELECT fornamn, efternamn, fodd FROM kund WHERE fodd IS NOT NULL ORDER BY kund_id LIMIT 1")
        #expect(people == "Anna|Svensson|1985-03-12\n")
        let again = try await importing(bundle, schema: schema)
        #expect(again.outcome == .alreadyImported)
    }

    @Test(arguments: [("      beskrivning: description\n", ""), ("      ort: locality", "      stad: locality")])
    func aMissingRequiredColumnOrAnUnknownColumnLeavesEveryRowAsItWas(_ edit: (String, String)) async throws {
        let bundle = try await SampleController().export(purpose: .access, into: out.path).bundlePath
        let schema = try ReceiverSample.makePostgresSchema()
        try ReceiverSample.psql("SET search_path TO \(schema); INSERT INTO kund (fornamn) VALUES ('befintlig')")
        let mapping = out.file("receiver.yml")
        try String(contentsOfFile: Repository.path("samples/receiver/receiver.yml"), encoding: .utf8)
            .replacingOccurrences(of: edit.0, with: edit.1).write(toFile: mapping, atomically: false, encoding: .utf8)
        let before = try snapshot(schema)
        await #expect(throws: ImportError.self) { try await importing(bundle, schema: schema, mapping: mapping) }
        #expect(try snapshot(schema) == before)
    }

    @Test func aConflictLeavesEveryRowAsItWas() async throws {
        let bundle = try await SampleController().export(purpose: .access, into: out.path).bundlePath
        let schema = try ReceiverSample.makePostgresSchema()
        try ReceiverSample.psql("SET search_path TO \(schema); INSERT INTO kund (fornamn) VALUES ('x'); INSERT INTO kund_epost (kund_id, epost) SELECT kund_id, 'anna.svensson@example.se' FROM kund")
        let mapping = out.file("receiver.yml")
        try String(contentsOfFile: Repository.path("samples/receiver/receiver.yml"), encoding: .utf8)
            .replacingOccurrences(of: "    match: [epost]\n", with: "").write(toFile: mapping, atomically: false, encoding: .utf8)
        let before = try snapshot(schema)
        await #expect(throws: ImportError.self) { try await importing(bundle, schema: schema, mapping: mapping) }
        #expect(try snapshot(schema) == before)
        let tables = try ReceiverSample.psql("SET search_path TO \(schema); SELECT count(*) FROM information_schema.tables WHERE table_schema = '\(schema)' AND table_name LIKE 'porta_%'")
        #expect(tables == "0\n", "the link table made in the transaction went with it")
    }
}

/// A sender's own record kinds go into the receiver's tables like any other: the mapping's
/// fields are checked against the declaration the bundle carries.
@Suite struct ExtensionKindReceiverImportTests {
    let mapping = """
        porta-receiver: 1
        kinds:
          person:
            table: kund
            key: kund_id
            columns: { fornamn: givenName }
          membership:
            table: medlemskap
            key: id
            columns:
              kund_id: person
              niva: { field: plan, map: { gold: GULD, silver: SILVER, student: STUDENT } }
              avgift_ore: { field: monthlyFee, minor-units: true, currency: SEK }
              startar: startsOn
              autogiro: directDebit
        """

    func receiver(_ mapping: String) throws -> (TemporaryFolder, String, ReceiverMapping) {
        let folder = TemporaryFolder("porta-receiver")
        let database = try DatabaseQueue(path: folder.file("r.sqlite"))
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE kund (kund_id INTEGER PRIMARY KEY, fornamn TEXT);
                CREATE TABLE medlemskap (id INTEGER PRIMARY KEY, kund_id INTEGER NOT NULL REFERENCES kund, niva TEXT NOT NULL,
                                         avgift_ore INTEGER NOT NULL, startar TEXT NOT NULL, autogiro INTEGER NOT NULL);
                """)
        }
        try database.close()
        return (folder, folder.file("r.sqlite"), try ReceiverMapping.parse(yaml: mapping, file: "receiver.yml"))
    }

    @Test func theGymsMembershipsLandInTheReceiversTable() async throws {
        let out = TemporaryFolder("porta-gym-out")
        let bundle = try await GymSample().export(into: out.path).bundlePath
        let (folder, path, mapping) = try receiver(mapping)
        let database = try SQLiteReceiver(path: path)
        let result = try await ReceiverImporter(mapping: mapping).importBundle(bundle, into: database, at: Timestamp(.now))
        await database.close()
        #expect(result.outcome == .imported)
        #expect(result.skipped["booking"] == 3)
        let queue = try DatabaseQueue(path: path)
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT niva, avgift_ore, startar, autogiro FROM medlemskap ORDER BY startar") }
        try queue.close()
        #expect(rows.map { "\($0["niva"] as String) \($0["avgift_ore"] as Int) \($0["startar"] as String) \($0["autogiro"] as Int)" }
                == ["STUDENT 29900 2021-09-01 0", "GULD 59900 2023-01-09 1"])
        _ = folder
    }

    @Test func moneyInAnotherCurrencyThanTheColumnHoldsIsRefused() async throws {
        let out = TemporaryFolder("porta-gym-out")
        let bundle = try await GymSample().export(into: out.path).bundlePath
        let (folder, path, mapping) = try receiver(mapping.replacingOccurrences(of: "currency: SEK", with: "currency: EUR"))
        let database = try SQLiteReceiver(path: path)
        await #expect(throws: ImportError.self) {
            try await ReceiverImporter(mapping: mapping).importBundle(bundle, into: database, at: Timestamp(.now))
        }
        await database.close()
        _ = folder
    }

    @Test func anAmountWithoutItsCurrencyIsAMappingError() {
        let text = try? String(contentsOfFile: Repository.path("samples/receiver/receiver.yml"), encoding: .utf8)
        #expect(throws: (any Error).self) {
            try ReceiverMapping.parse(yaml: (text ?? "").replacingOccurrences(of: "      valuta: { field: total, part: currency }\n", with: ""),
                                      file: "receiver.yml")
        }
    }

    @Test func aLocalTimeThatNamesTwoInstantsIsRefused() {
        let zone = TimeZone(identifier: "Europe/Stockholm")!
        // 2024-10-27 02:30 happened twice in Stockholm: at 00:30Z and at 01:30Z.
        #expect(ReceiverConversion.isRepeated(Timestamp(seconds: 1_729_989_000), in: zone))
        #expect(ReceiverConversion.isRepeated(Timestamp(seconds: 1_729_992_600), in: zone))
        #expect(!ReceiverConversion.isRepeated(Timestamp(seconds: 1_729_985_400), in: zone))
        #expect(!ReceiverConversion.isRepeated(Timestamp(seconds: 1_711_848_600), in: zone), "the hour skipped in spring is not repeated")
    }

    @Test func aFieldTheDeclarationLacksIsAMappingError() async throws {
        let out = TemporaryFolder("porta-gym-out")
        let bundle = try await GymSample().export(into: out.path).bundlePath
        let (folder, path, mapping) = try receiver(mapping.replacingOccurrences(of: "startar: startsOn", with: "startar: beginsOn"))
        let database = try SQLiteReceiver(path: path)
        await #expect(throws: ImportError.self) {
            try await ReceiverImporter(mapping: mapping).importBundle(bundle, into: database, at: Timestamp(.now))
        }
        await database.close()
        _ = folder
    }
}
