import Foundation

/// The built `porta serve` running as its own process: started with its arguments, it is ready
/// once it printed the address it listens on.
public final class ServeProcess: @unchecked Sendable {
    public let process = Process()
    /// The base URL the server printed (`http://127.0.0.1:PORT`).
    public private(set) var url = ""
    private let errors: String

    /// Starts `porta serve` with `arguments` (which should listen on port 0) and waits up to a
    /// minute for its address. Its standard error goes to `errors` (a file), to read on failure.
    public init(_ arguments: [String], errors: String) throws {
        self.errors = errors
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.executableURL = URL(fileURLWithPath: ExternalProcess.portaBinary)
        process.arguments = ["serve"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        var line = Data()
        let reader = out.fileHandleForReading
        while !line.contains(0x0A) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "listening on ") else {
            process.waitUntilExit()
            throw ServeProcessFailure(description: "porta serve did not start (exit \(process.terminationStatus)): " + log)
        }
        url = String(text[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the server wrote to standard error so far.
    public var log: String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }

    /// Ends the server with `signal` and waits for it.
    public func stop(_ signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
    }

    deinit { stop(SIGKILL) }
}

/// `porta serve` did not print its address.
public struct ServeProcessFailure: Error, CustomStringConvertible {
    public let description: String
}
