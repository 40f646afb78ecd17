import Foundation
import PortaTestSupport
import Testing

/// Scratch folders hold a person's unpacked data: none outlives its run, however the run ends.
@Suite struct ScratchCleanupTests {
    /// The sample bundle as a zip, so that verify unpacks it into a scratch folder.
    func sampleZip(in folder: TemporaryFolder) throws -> String {
        let sample = try SampleController()
        let export = try ExternalProcess.porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna,
                                                "--out", folder.path, "--created-at", SampleSubject.createdAt, "--request-id", "z", "--zip"])
        #expect(export.status == 0, "\(export.combined)")
        return folder.file("porta-z.zip")
    }

    func entries(_ folder: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringVerifyRemovesTheScratchFolder(_ number: Int32) throws {
        let work = TemporaryFolder("porta-signal"), scratch = work.file("scratch")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let zip = try sampleZip(in: work)
        // Verified many times over in one run, so that the signal lands while a scratch folder is open.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalProcess.portaBinary)
        process.arguments = ["verify", "--scratch", scratch] + Array(repeating: zip, count: 200)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && process.isRunning && entries(scratch).isEmpty { usleep(2_000) }
        #expect(!entries(scratch).isEmpty, "the run made a scratch folder")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + number)
        #expect(entries(scratch).isEmpty, "left behind: \(entries(scratch))")
    }

    @Test func aScratchFolderADeadProcessLeftIsRemovedByTheNextRun() throws {
        let work = TemporaryFolder("porta-stale"), scratch = work.file("scratch")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let zip = try sampleZip(in: work)
        // A process that has ended: its pid is free again (or reused by a process with other folders).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = scratch + "/.porta-verify-\(ended.processIdentifier)-AbC123"
        let alive = scratch + "/.porta-verify-\(getpid())-XyZ789"
        for folder in [stale, alive] {
            try FileManager.default.createDirectory(atPath: folder + "/unzipped", withIntermediateDirectories: true)
        }
        let verify = try ExternalProcess.porta(["verify", "--scratch", scratch, zip])
        #expect(verify.status == 0, "\(verify.combined)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: alive), "a running process's folder is left alone")
    }
}
