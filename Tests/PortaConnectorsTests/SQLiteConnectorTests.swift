import Foundation
import GRDB
import Logging
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

@Suite struct SQLiteConnectorTests {
    let logger = Logger(label: "test")

    func connector(_ sample: SampleController) throws -> SQLiteConnector {
        let config = try PortaConfig.load(from: sample.configPath)
        return try SQLiteConnector(source: config.sources[0], referenceDate: SampleSubject.day, logger: logger)
    }

    func records(_ sample: SampleController, _ identifiers: [String]) async throws -> [CanonicalRecord] {
        let connector = try connector(sample)
        let resolution = try await SubjectResolver(connectors: [connector], logger: logger)
            .resolve(identifiers.map { try SubjectIdentifier(parsing: $0, referenceDate: SampleSubject.day) })
        var records: [CanonicalRecord] = []
        try await connector.streamRecords(of: resolution.matches[0], problem: { _ in }) { records.append($0.record) }
        return records
    }

    @Test func findsTheSubjectByEMailWhateverItsCase() async throws {
        let sample = try SampleController()
        await #expect(try connector(sample).findSubject(matching: [SubjectIdentifier(parsing: "email:anna.s@example.com", referenceDate: SampleSubject.day)]).keys == ["2"])
    }

    @Test func findsTheSubjectByPhoneAsTheSourceSpellsIt() async throws {
        let sample = try SampleController()
        let match = try await connector(sample).findSubject(matching: [SubjectIdentifier(parsing: "phone:+46 70 987 65 43", referenceDate: SampleSubject.day)])
        #expect(match.keys == ["3"])
    }

    @Test func findsTheSubjectByPersonnummerInAnyForm() async throws {
        let sample = try SampleController()
        for written in ["personnummer:19850312-1231", "personnummer:8503121231"] {
            await #expect(try connector(sample).findSubject(matching: [SubjectIdentifier(parsing: written, referenceDate: SampleSubject.day)]).keys == ["1"])
        }
        await #expect(try connector(sample).findSubject(matching: [SubjectIdentifier(parsing: "personnummer:199005754560", referenceDate: SampleSubject.day)]).keys == ["4"])
    }

    @Test func reportsTheIdentifiersFoundOnTheMatchedRows() async throws {
        let sample = try SampleController()
        let match = try await connector(sample).findSubject(matching: [SubjectIdentifier(parsing: "email:anna.svensson@example.se", referenceDate: SampleSubject.day)])
        #expect(match.identifiers.map(\.qualifiedValue).sorted() == [
            "customer-number:K-1001", "email:anna.svensson@example.se", "personnummer:198503121231", "phone:+46701234567",
        ])
    }

    @Test func twoPeopleWithTheSameNameAreNeverMerged() async throws {
        let sample = try SampleController()
        let anna = RecordID(source: "shop", kind: .person, sourceKey: "1")
        let records = try await records(sample, ["email:anna.svensson@example.se"])
        #expect(records.filter { $0.kind == .person }.map(\.metadata.sourceKey) == ["1"])
        for record in records where record.kind.field(named: "person") != nil {
            #expect(record["person"] == .reference(anna), "\(record.kind.name) \(record.id) belongs to someone else")
        }
        #expect(!records.contains { $0["address"] == .text("Anna.S@example.com") })
    }

    @Test func anotherAccountJoinedByPersonnummerIsTheSamePerson() async throws {
        let sample = try SampleController()
        let connector = try connector(sample)
        let resolution = try await SubjectResolver(connectors: [connector], logger: logger)
            .resolve([SubjectIdentifier(parsing: "email:erik.johansson@example.se", referenceDate: SampleSubject.day)])
        #expect(resolution.matches[0].keys == ["3", "7"])
        let old = try SubjectIdentifier(parsing: "email:erik@old-mail.example", referenceDate: SampleSubject.day)
        #expect(resolution.identifiers[old] == ["shop"])
    }

    @Test func aCustomerNumberFoundInOneSourceIsNotLookedUpElsewhere() async throws {
        let sample = try SampleController()
        let resolution = try await SubjectResolver(connectors: [try connector(sample)], logger: logger)
            .resolve([SubjectIdentifier(parsing: "customer-number:K-1004", referenceDate: SampleSubject.day)])
        #expect(resolution.matches[0].keys == ["4"])
    }

    @Test func anUnknownSubjectMatchesNothing() async throws {
        let sample = try SampleController()
        await #expect(try connector(sample).findSubject(matching: [SubjectIdentifier(parsing: "email:nobody@example.se", referenceDate: SampleSubject.day)]).isEmpty)
    }

    @Test func orderLinesAreFoundThroughTheirOrders() async throws {
        let sample = try SampleController()
        let lines = try await records(sample, ["email:anna.svensson@example.se"]).filter { $0.kind == .orderLine }
        #expect(lines.map(\.metadata.sourceKey) == ["1", "2", "3"])
        #expect(lines[0]["order"] == .reference(RecordID(source: "shop", kind: .order, sourceKey: "1001")))
        #expect(lines[0]["unitPrice"] == .money(try Money(amount: "999.00", currency: "SEK")))
    }

    @Test func valuesAreNormalisedOnTheWayIn() async throws {
        let sample = try SampleController()
        let records = try await records(sample, ["email:anna.svensson@example.se"])
        #expect(records.first { $0.kind == .phoneNumber }?["number"] == .text("+46701234567"))
        #expect(records.contains { $0.kind == .postalAddress && $0["country"] == .text("SE") && $0["locality"] == .text("Göteborg") })
        #expect(records.first { $0.kind == .order && $0.metadata.sourceKey == "1002" }?["placedAt"]
                == .timestamp(try Timestamp(parsing: "2024-11-29T06:30:00Z")))
    }

    @Test func aBrokenRowIsNamedByTableAndKeyWithoutItsContents() async throws {
        let sample = try SampleController()
        try sample.execute("UPDATE orders SET total = '1,048.00' WHERE id = 1001")
        do {
            _ = try await records(sample, ["email:anna.svensson@example.se"])
            Issue.record("expected the broken row to stop the export")
        } catch let error as ConnectorError {
            #expect(error.code == .invalidRow)
            #expect(error.table == "orders")
            #expect(error.key == "1001")
            #expect(error.description.contains("total"))
            #expect(!error.description.contains("1,048.00"))
        }
    }

    @Test func onErrorSkipReportsTheRowAndGoesOn() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "on-error: fail", with: "on-error: skip") })
        try sample.execute("UPDATE orders SET currency = 'KRONOR' WHERE id = 1001")
        let connector = try connector(sample)
        let match = try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:anna.svensson@example.se", referenceDate: SampleSubject.day)])
        var problems: [ConnectorError] = []
        var orders: [String] = []
        try await connector.streamRecords(of: match, problem: { problems.append($0) }) { pulled in
            let record = pulled.record
            if record.kind == .order { orders.append(record.metadata.sourceKey) }
        }
        #expect(orders == ["1002"])
        #expect(problems.map { "\($0.table ?? "")/\($0.key ?? "")" } == ["orders/1001"])
    }

    @Test func aMissingColumnIsFoundWhenTheSourceOpens() async throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "status: status\n          total", with: "status: state\n          total") })
        do {
            _ = try connector(sample)
            Issue.record("expected a mapping error")
        } catch let error as ConnectorError {
            #expect(error.code == .mappingMismatch)
            #expect(error.table == "orders")
            #expect(error.message.contains("state"))
        }
    }

    @Test func aMissingDatabaseIsUnavailable() async throws {
        let sample = try SampleController()
        try FileManager.default.removeItem(atPath: sample.databasePath)
        #expect { try connector(sample) } throws: { ($0 as? ConnectorError)?.code == .unavailable }
    }

    @Test func identifiersAreBoundAsParametersNeverSpliced() async throws {
        let sample = try SampleController()
        let hostile = try SubjectIdentifier(parsing: "customer-number:' OR '1'='1", referenceDate: SampleSubject.day)
        await #expect(try connector(sample).findSubject(matching: [hostile]).isEmpty)
    }

    @Test func theSourceDatabaseIsOnlyRead() async throws {
        let sample = try SampleController()
        let before = try BagFiles.contents(of: sample.folder.path)[("shop.sqlite")]
        _ = try await records(sample, ["email:anna.svensson@example.se"])
        #expect(try BagFiles.contents(of: sample.folder.path)["shop.sqlite"] == before)
    }
}

@Suite struct WhenPresentTests {
    @Test func aCustomerWithoutAPhoneHasNoPhoneRecordAndNoError() async throws {
        let sample = try SampleController()
        let config = try PortaConfig.load(from: sample.configPath)
        let connector = try SQLiteConnector(source: config.sources[0], referenceDate: SampleSubject.day, logger: Logger(label: "test"))
        let match = try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:lars.oberg@example.se", referenceDate: SampleSubject.day)])
        var kinds: [String] = []
        try await connector.streamRecords(of: match, problem: { _ in }) { kinds.append($0.record.kind.name) }
        #expect(kinds.contains("person"))
        #expect(!kinds.contains("phone-number"))
    }
}

@Suite struct ReferenceDateTests {
    func identifierValues(_ sample: SampleController, referenceDate: CalendarDate) async throws -> [String] {
        let config = try PortaConfig.load(from: sample.configPath)
        let connector = try SQLiteConnector(source: config.sources[0], referenceDate: referenceDate, logger: Logger(label: "test"))
        let match = try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:fatima@example.org", referenceDate: SampleSubject.day)])
        var values: [String] = []
        try await connector.streamRecords(of: match, problem: { _ in }) { pulled in
            let record = pulled.record
            if record.kind == .identifier, record["scheme"] == .text("personnummer"), case .text(let value)? = record["value"] {
                values.append(value)
            }
        }
        return values
    }

    @Test func tenDigitPersonnummerAreReadAgainstTheGivenDayNotTheClock() async throws {
        let sample = try SampleController()
        await #expect(try identifierValues(sample, referenceDate: CalendarDate(validYear: 2026, month: 1, day: 1)!) == ["199005754560"])
        await #expect(try identifierValues(sample, referenceDate: CalendarDate(validYear: 1989, month: 1, day: 1)!) == ["189005754560"])
    }
}

@Suite struct StoredTypeTests {
    func connector(_ sample: SampleController) throws -> SQLiteConnector {
        try SQLiteConnector(source: try PortaConfig.load(from: sample.configPath).sources[0], referenceDate: SampleSubject.day, logger: Logger(label: "test"))
    }

    @Test func aCustomerNumberStoredAsAnIntegerStillMatches() async throws {
        let sample = try SampleController(editSQL: {
            $0.replacingOccurrences(of: "'K-1004'", with: "41004")
                .replacingOccurrences(of: "customer_number TEXT NOT NULL", with: "customer_number NOT NULL")
        })
        let database = try DatabaseQueue(path: sample.databasePath)
        await #expect(try database.read { try String.fetchOne($0, sql: "SELECT typeof(customer_number) FROM customers WHERE id = 4") } == "integer")
        try database.close()
        let match = try await connector(sample).findSubject(matching: [SubjectIdentifier(parsing: "customer-number:41004", referenceDate: SampleSubject.day)])
        #expect(match.keys == ["4"])
        #expect(match.identifiers.contains(try SubjectIdentifier(parsing: "customer-number:41004", referenceDate: SampleSubject.day)))
    }

    @Test func aBinaryValueInATextColumnIsABrokenRowNotASilentGap() async throws {
        let sample = try SampleController()
        try sample.execute("UPDATE reviews SET body = x'00ff10' WHERE id = 1")
        let connector = try connector(sample)
        let match = try await connector.findSubject(matching: [SubjectIdentifier(parsing: SampleSubject.anna, referenceDate: SampleSubject.day)])
        await #expect { try await connector.streamRecords(of: match, problem: { _ in }) { _ in } } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.code == .invalidRow && error.table == "reviews" && error.key == "1" && error.message.contains("binary")
        }
    }
}
