import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// The HTTP connector against the sample customer-service API, served on 127.0.0.1 by
/// `samples/retailer/customer-service-api.py` (failures and delays injected per test).
@Suite struct HTTPConnectorTests {
    func environment(_ server: APIServer, token: String = APIServer.token) -> [String: String] {
        var environment = SampleServices.environment
        environment["PORTA_SUPPORT_API_URL"] = server.url + "/api/tickets"
        environment["PORTA_SUPPORT_API_TOKEN"] = token
        return environment
    }

    @Test func readsEveryPageOfTheSubjectsTickets() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "support", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(records.map(\.metadata.sourceKey) == ["T-100", "T-101", "T-102"], "three tickets on pages of two")
        #expect(records[0]["subject"] == .text("Retur av tältpinne"))
        #expect(records[0]["person"] == .reference(RecordID(source: "shop", kind: .person, sourceKey: "1")))
    }

    @Test(arguments: ["{ style: offset, parameter: offset, size-parameter: limit, size: 2 }",
                      "{ style: cursor, parameter: cursor, next: /next }",
                      "{ style: cursor, parameter: cursor, next: /next, size-parameter: limit, size: 1 }"])
    func readsEveryItemWhateverThePaging(_ paging: String) async throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "paging: { style: page, parameter: page, size-parameter: per_page, size: 2 }", with: "paging: \(paging)")
        })
        let records = try await sample.records(from: "support", for: ["email:anna.svensson@example.se"]).map(\.record)
        #expect(records.map(\.metadata.sourceKey) == ["T-100", "T-101", "T-102"])
    }

    @Test func retriesA503AndThenReads() async throws {
        let sample = try SampleController(), server = try APIServer(["--fail-first", "2"])
        let records = try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: environment(server))
        #expect(records.count == 3)
    }

    @Test func givesUpAfterItsRetriesNamingTheStatus() async throws {
        let sample = try SampleController(), server = try APIServer(["--fail-first", "10"])
        let error = try await ExportFailure.of {
            try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: environment(server))
        }
        #expect(error.message.contains("HTTP 503 after 4 attempts"))
    }

    @Test func aSlowAPITimesOut() async throws {
        let sample = try SampleController(editConfig: {
            $0.replacingOccurrences(of: "timeout-seconds: 5", with: "timeout-seconds: 1")
                .replacingOccurrences(of: "retries: 3", with: "retries: 0")
        })
        let server = try APIServer(["--delay-seconds", "4"])
        let error = try await ExportFailure.of {
            try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: environment(server))
        }
        #expect(error.code == .unavailable && error.message.contains("timed out after 1 attempt"))
    }

    @Test func aWrongTokenIsRefusedWithoutRetrying() async throws {
        let sample = try SampleController(), server = try APIServer()
        let error = try await ExportFailure.of {
            try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: environment(server, token: "wrong"))
        }
        #expect(error.message.contains("HTTP 401") && !error.description.contains("wrong"))
    }

    @Test func plainHTTPToAnotherMachineIsRefused() async throws {
        let sample = try SampleController()
        var values = SampleServices.environment
        values["PORTA_SUPPORT_API_URL"] = "http://192.0.2.1/api/tickets"
        let error = try await ExportFailure.of {
            try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: values)
        }
        #expect(error.code == .unavailable && error.message.contains("use https"))
    }

    @Test func aMissingTokenVariableIsNamed() async throws {
        let sample = try SampleController(), server = try APIServer()
        var values = environment(server)
        values["PORTA_SUPPORT_API_TOKEN"] = nil
        let error = try await ExportFailure.of {
            try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: values)
        }
        #expect(error.code == .unavailable && error.message.contains("PORTA_SUPPORT_API_TOKEN"))
    }
}
