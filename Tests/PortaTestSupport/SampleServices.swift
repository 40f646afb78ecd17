import Foundation

/// The sample controllers' network sources for tests: the PostgreSQL CRM, the gym's access
/// system and the MariaDB storefront that `scripts/setup.sh` loads (a test that needs it and finds no server fails), and the
/// customer-service API, served once per test process on a free loopback port.
public enum SampleServices {
    /// The environment an export of the sample needs: the CRM's connection and the API's URL
    /// and token (values already in the process's environment win).
    public static var environment: [String: String] {
        var values = ProcessInfo.processInfo.environment
        values["PORTA_CRM_URL"] = values["PORTA_CRM_URL"] ?? "postgres://porta@127.0.0.1:5432/porta_crm"
        values["PORTA_CRM_PASSWORD"] = values["PORTA_CRM_PASSWORD"] ?? "porta-sample"
        values["PORTA_GYM_URL"] = values["PORTA_GYM_URL"] ?? "postgres://porta@127.0.0.1:5432/porta_gym"
        values["PORTA_GYM_PASSWORD"] = values["PORTA_GYM_PASSWORD"] ?? "porta-sample"
        values["PORTA_STOREFRONT_URL"] = values["PORTA_STOREFRONT_URL"] ?? "mysql://porta@127.0.0.1:3306/porta_storefront"
        values["PORTA_STOREFRONT_PASSWORD"] = values["PORTA_STOREFRONT_PASSWORD"] ?? "porta-sample"
        values["PORTA_SUPPORT_API_URL"] = sharedAPI.url + "/api/tickets"
        values["PORTA_SUPPORT_API_TOKEN"] = APIServer.token
        values["PORTA_REGISTER_SECRET"] = values["PORTA_REGISTER_SECRET"] ?? "sample-register-secret-not-for-production"
        return values
    }

    /// The API server shared by the tests of this process.
    public static let sharedAPI: APIServer = {
        do { return try APIServer() } catch { fatalError("the sample customer-service API did not start: \(error)") }
    }()
}

/// `samples/retailer/customer-service-api.py` running on 127.0.0.1, stopped when released (and
/// when the test process ends).
public final class APIServer: @unchecked Sendable {
    public static let token = "sample-token"
    public let url: String
    private let process: Process

    /// Starts a server; `arguments` are passed on (`--fail-first 2`, `--delay-seconds 3`).
    public init(_ arguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.path("samples/retailer/customer-service-api.py"), "--port", "0",
                             "--token", Self.token, "--exit-with-parent"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { break }
            if first == 0x0A { break }
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on "), let port = Int(text.dropFirst("listening on ".count)) else {
            process.terminate()
            throw ServerDidNotStart(output: text)
        }
        url = "http://127.0.0.1:\(port)"
    }

    deinit {
        process.terminate()
    }

    struct ServerDidNotStart: Error { let output: String }
}
