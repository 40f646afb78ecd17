import Foundation

/// A finished process: its exit status and what it printed.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// Both streams, for messages in failed expectations.
    public var combined: String { standardOutput + standardError }
}

/// Runs programs the tests call: the built `porta` binary and the outside validators.
public enum ExternalProcess {
    /// Runs `executable` (a path, or a name looked up in PATH) with `arguments`.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String] = [:]) throws -> ProcessOutput {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = ReadAll(out.fileHandleForReading)
        let errData = ReadAll(err.fileHandleForReading)
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus,
                             standardOutput: String(decoding: outData.wait(), as: UTF8.self),
                             standardError: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Whether a program is on PATH.
    public static func isInstalled(_ name: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(name)"]).status) == 0
    }

    /// The built `porta` executable: next to the test bundle, or `PORTA_BIN`.
    public static var portaBinary: String {
        if let explicit = ProcessInfo.processInfo.environment["PORTA_BIN"] { return explicit }
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map(\.bundleURL)
        for candidate in candidates {
            for folder in [candidate, candidate.deletingLastPathComponent()] {
                let path = folder.appendingPathComponent("porta").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return Repository.path(".build/debug/porta")
    }

    /// Runs the built `porta` with `arguments`.
    public static func porta(_ arguments: [String], in directory: String? = nil,
                             environment: [String: String] = SampleServices.environment) throws -> ProcessOutput {
        try run(portaBinary, arguments, in: directory, environment: environment)
    }
}

/// Reads a pipe to its end on a background thread, so a chatty process cannot block on a full pipe.
private final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
