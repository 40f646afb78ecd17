import AsyncHTTPClient

/// `GET /v1/health`, as a monitor would call it.
enum HealthCheck {
    static func get(_ url: String) async throws -> (status: UInt, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/v1/health"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 16)
        return (response.status.code, String(buffer: body))
    }
}
