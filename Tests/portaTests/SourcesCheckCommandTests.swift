import Foundation
import PortaTestSupport
import Testing

/// `porta sources check` converts the first rows of every mapping, so a config that passes
/// does not fail the first export on values.
@Suite struct SourcesCheckCommandTests {
    func check(_ sample: SampleController, extra: [String] = []) throws -> ProcessOutput {
        try ExternalProcess.porta(["sources", "check", "--config", sample.configPath] + extra)
    }

    @Test func theSampleConfigConvertsEveryRowItReads() throws {
        let run = try check(try SampleController())
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("ok      order (orders): 7 rows read, all convert"), "\(run.standardOutput)")
    }

    @Test func aValueThatWouldBreakTheExportFailsTheCheckNamingFieldAndRowsNotValues() throws {
        let sample = try SampleController()
        try sample.execute("UPDATE addresses SET country = 'Sverige' WHERE id IN (11, 12)")
        let run = try check(sample)
        #expect(run.status == 1, "\(run.combined)")
        let line = try #require(run.standardOutput.split(separator: "\n").first { $0.hasPrefix("FAIL") && $0.contains("postal-address") })
        #expect(line.contains("2 would break") && line.contains("country fails on 2 (rows 11, 12)"), "\(line)")
        #expect(!run.standardOutput.contains("Sverige"))
    }

    @Test func aSourceThatSkipsBrokenRowsOnlyWarns() throws {
        let sample = try SampleController(editConfig: { $0.replacingOccurrences(of: "on-error: fail", with: "on-error: skip") })
        try sample.execute("UPDATE addresses SET country = 'Sverige' WHERE id = 11")
        let run = try check(sample)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("warn    postal-address (addresses)"))
    }

    @Test func sampleZeroChecksOnlyTheMapping() throws {
        let sample = try SampleController()
        try sample.execute("UPDATE addresses SET country = 'Sverige' WHERE id = 11")
        let run = try check(sample, extra: ["--sample", "0"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(!run.standardOutput.contains("rows read"))
    }
}

/// A query mapping is prepared by `sources check`, which names the columns it gives.
@Suite struct SourcesCheckQueryColumnsTests {
    @Test func aPostgreSQLQuerysColumnsAreNamed() throws {
        let gym = try GymSample()
        let run = try ExternalProcess.porta(["sources", "check", "--config", gym.configPath])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("ok      check-in (query: id, tid_ms, anlaggning, dorr, medlem_id): 4 rows read, all convert"),
                "\(run.standardOutput)")
    }

    @Test func aSQLiteQuerysColumnsAreNamed() throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "        table: orders\n        key: id\n        subject: customer_id\n",
                                    with: "        query: SELECT id, customer_id, order_number, placed_at, status, total, currency, delivery_address_id FROM orders WHERE customer_id = :subject\n        key: id\n")
        })
        let run = try ExternalProcess.porta(["sources", "check", "--config", sample.configPath])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.standardOutput.contains("order (query: id, customer_id, order_number, placed_at, status, total, currency, delivery_address_id):"),
                "\(run.standardOutput)")
    }
}
