import PortaConnectors

/// The connector error an async export throws. (`#require(throws:)` on an async closure that
/// returns the error crashes the test process with Swift 6.3.1, so tests use this.)
public enum ExportFailure {
    public struct DidNotFail: Error {}
    public struct OtherError: Error { public let error: any Error }

    public static func of<T>(_ body: () async throws -> T) async throws -> ConnectorError {
        do {
            _ = try await body()
        } catch let error as ConnectorError {
            return error
        } catch {
            throw OtherError(error: error)
        }
        throw DidNotFail()
    }
}

extension ExportFailure {
    /// Whatever error an async call throws.
    public static func anyError<T>(_ body: () async throws -> T) async throws -> any Error {
        do {
            _ = try await body()
        } catch {
            return error
        }
        throw DidNotFail()
    }
}
