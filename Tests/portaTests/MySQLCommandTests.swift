import Foundation
import PortaTestSupport
import Testing

/// The `porta` command with MySQL sources: the sample storefront on the real MariaDB server, and
/// databases of the tests' own.
@Suite struct MySQLCommandTests {
    let folder = TemporaryFolder("porta-mysql")

    @Test func sourcesCheckReportsTheStorefront() throws {
        let sample = try SampleController()
        let run = try ExternalProcess.porta(["sources", "check", "--config", sample.configPath])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("ok    storefront (mysql): 2 tables, 4 mappings\n"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("ok      preference (wp_storefront_newsletter): 2 rows read, all convert"))
    }

    @Test func aWrongPasswordExitsTwoWithoutTheSecret() throws {
        let sample = try SampleController()
        var environment = SampleServices.environment
        environment["PORTA_STOREFRONT_PASSWORD"] = "wrong-secret-5521"
        let run = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna, "--out", folder.file("out"),
                                             "--created-at", SampleSubject.createdAt], environment: environment)
        #expect(run.status == 2, "\(run.combined)")
        #expect(run.standardError.contains("source storefront") && run.standardError.contains("error 1045"), "\(run.standardError)")
        #expect(!run.combined.contains("wrong-secret-5521"))
    }

    @Test func aMySQLDraftFilledInPassesTheCheck() throws {
        let run = try ExternalProcess.porta(["init", "--connector", "mysql", "--url-env", "PORTA_STOREFRONT_URL",
                                             "--password-env", "PORTA_STOREFRONT_PASSWORD"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("mysql: { url-env: PORTA_STOREFRONT_URL, password-env: PORTA_STOREFRONT_PASSWORD }"))
        #expect(run.standardOutput.contains("table: wp_users") && !run.standardOutput.contains("porta-sample"))
        let config = folder.file("storefront.yml")
        try InitCommandTests.filled(run.standardOutput, timeZone: "Europe/Stockholm").write(toFile: config, atomically: false, encoding: .utf8)
        let checked = try ExternalProcess.porta(["sources", "check", "--config", config])
        #expect(checked.status == 0, "\(checked.combined)")
    }

    @Test func aHundredThousandRowsStreamFromTheServerWithFlatMemory() throws {
        try PeerTool.require("/usr/bin/time")
        let database = try MySQLTestDatabase()
        try database.run("""
            CREATE TABLE people (id int PRIMARY KEY, email varchar(64));
            CREATE TABLE orders (id int PRIMARY KEY, customer int, placed datetime, total decimal(10,2), KEY (customer));
            CREATE TABLE digits (d int);
            INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
            INSERT INTO people VALUES (1, 'many@example.se');
            INSERT INTO orders SELECT a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d + 1, 1,
                                      '2024-05-01 12:00:00' + INTERVAL (a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d) MINUTE, 99.50
                               FROM digits a, digits b, digits c, digits e, digits f;
            """)
        let config = folder.file("porta.yml")
        try MySQLSourceConfig.many.write(toFile: config, atomically: false, encoding: .utf8)
        var environment = SampleServices.environment
        environment["TEST_MYSQL_URL"] = database.url
        environment["TEST_MYSQL_PASSWORD"] = database.password
        let run = try ExternalProcess.run("/usr/bin/time", ["-f", "%M", ExternalProcess.portaBinary, "export", "--config", config,
                                                            "--subject", "email:many@example.se", "--purpose", "access", "--quiet",
                                                            "--out", folder.file("out"), "--created-at", SampleSubject.createdAt],
                                          environment: environment)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("  order: 100000"), "\(run.standardOutput)")
        let kilobytes = try #require(run.standardError.split(separator: "\n").last.flatMap { Int($0) })
        #expect(kilobytes < 96 * 1024, "peak RSS \(kilobytes) KiB for 100 000 rows")
    }

    @Test func tlsRequiredOfAServerWithoutItIsRefusedAndPreferredFallsBack() throws {
        let sample = try SampleController()
        func check(_ mode: String) throws -> ProcessOutput {
            let config = folder.file("\(mode).yml")
            try String(contentsOfFile: sample.configPath, encoding: .utf8)
                .replacingOccurrences(of: "password-env: PORTA_STOREFRONT_PASSWORD }", with: "password-env: PORTA_STOREFRONT_PASSWORD, tls: \(mode) }")
                .write(toFile: config, atomically: false, encoding: .utf8)
            return try ExternalProcess.porta(["sources", "check", "--sample", "0", "--config", config])
        }
        // The test server has no certificate: a required TLS connection cannot be made.
        let required = try check("require")
        #expect(required.status == 1 && required.standardOutput.contains("FAIL  storefront (mysql): source storefront: cannot connect to MySQL (error 2026"),
                "\(required.combined)")
        let preferred = try check("prefer")
        #expect(preferred.standardOutput.contains("ok    storefront (mysql)"), "\(preferred.combined)")
    }

    @Test func bulkExportWalksAMySQLSubjectIndex() throws {
        let database = try MySQLTestDatabase()
        try database.run("""
            CREATE TABLE people (id int PRIMARY KEY, email varchar(64));
            CREATE TABLE orders (id int PRIMARY KEY, customer int, placed datetime, total decimal(10,2));
            INSERT INTO people VALUES (1, 'a@example.se'), (2, 'b@example.se'), (3, 'c@example.se');
            INSERT INTO orders VALUES (10, 1, '2024-05-01 12:00:00', 5.00), (11, 3, '2024-05-02 12:00:00', 7.50);
            """)
        let config = folder.file("porta.yml")
        try (MySQLSourceConfig.many + "\nsubject-index: web\n").write(toFile: config, atomically: false, encoding: .utf8)
        var environment = SampleServices.environment
        environment["TEST_MYSQL_URL"] = database.url
        environment["TEST_MYSQL_PASSWORD"] = database.password
        let run = try ExternalProcess.porta(["export", "--config", config, "--all-subjects", "--purpose", "access", "--quiet",
                                             "--out", folder.file("all"), "--created-at", SampleSubject.createdAt], environment: environment)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("subjects: 3"), "\(run.standardOutput)")
        let bundles = try FileManager.default.contentsOfDirectory(atPath: folder.file("all")).filter { !$0.hasSuffix(".jsonl") }
        #expect(bundles.count == 3, "\(bundles)")
    }
}
