import Foundation
import PortaBundle
import PortaServe
import PortaTestSupport
import Testing

/// Many senders at once: 200 uploads from 8 concurrent clients, valid and refused mixed. Every
/// valid bundle is imported exactly once, every answer is a receipt the receiver signed, and
/// every send of one bundle gets the one receipt.
@Suite(.serialized) struct LoadTests {
    let parties: TransferParties

    init() throws { parties = try TransferParties() }

    /// Hands out the uploads to the clients, one at a time.
    actor Queue {
        var next = 0
        let count: Int
        init(count: Int) { self.count = count }
        func take() -> Int? {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    @Test func twoHundredSendsFromEightClientsImportEachValidBundleOnce() async throws {
        var uploads: [(bytes: [UInt8], valid: Bool)] = []
        for number in 1...6 {
            let sealed = try await parties.bundle("req-load-\(number)").sealed
            uploads.append(([UInt8](try Data(contentsOf: URL(fileURLWithPath: sealed))), true))
        }
        let stranger = parties.folder.file("stranger.key")
        try BagFiles.write(SSHSigningKey(comment: "stranger").openSSHText, to: stranger)
        let untrusted = try await parties.bundle("req-load-untrusted", signedWith: stranger).sealed
        uploads.append(([UInt8](try Data(contentsOf: URL(fileURLWithPath: untrusted))), false))
        uploads.append((Array("not a bundle".utf8), false))

        let all = uploads
        let server = try await RunningServer.start(try parties.configuration())
        defer { Task { await server.stop() } }
        let sends = 200
        let queue = Queue(count: sends)
        let answers = try await withThrowingTaskGroup(of: [(Int, RawAnswer)].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [(Int, RawAnswer)] = []
                    while let index = await queue.take() {
                        let upload = all[index % all.count]
                        mine.append((index % all.count, try await RawUpload.post(upload.bytes, to: server.url)))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(answers.count == sends)
        var receiptsByUpload: [Int: Set<[UInt8]>] = [:]
        for (upload, answer) in answers {
            let receipt = try answer.receipt(parties)
            #expect(answer.status == (uploads[upload].valid ? 200 : 422))
            #expect(receipt.receipt.outcome == (uploads[upload].valid ? .imported : .refused))
            receiptsByUpload[upload, default: []].insert(answer.body)
        }
        #expect(receiptsByUpload.values.allSatisfy { $0.count == 1 }, "every send of one upload gets the one receipt")
        let stored = try parties.storedBundles()
        #expect(stored.count == 6)
        #expect(stored.values.allSatisfy { $0 == 29 })
    }
}
